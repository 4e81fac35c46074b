using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

// The steps both drivers take, in the words of the policies: a model served, an attempt failed (what next), the
// request completed, every model failed.
public sealed partial class FallbackEngine
{
    internal const string ModelProperty = "fallback.model";
    internal const string LevelProperty = "fallback.level";
    internal const string FinalFallbackModelId = "fallback/final";

    /// <summary>The backoff before retry <paramref name="retry"/> under the current settings.</summary>
    internal TimeSpan Backoff(int retry) => _settings.Retry.Backoff(retry);

    /// <summary>A copy of the caller's options carrying the model id; never shared between attempts (clients may change it).</summary>
    private static ChatOptions CopyOptions(ChatOptions? options, string modelId)
    {
        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = modelId;
        if (copy.AdditionalProperties is { Count: > 0 } properties)
        {
            // The chain's own settings, not the model's.
            properties.Remove(FallbackChatOptions.StreamRecoveryKey);
            properties.Remove(FallbackChatOptions.RouteKey);
        }

        return copy;
    }

    private static IEnumerable<ChatMessage> Materialize(IEnumerable<ChatMessage> messages)
        // Each attempt enumerates the messages again; a one-shot sequence would be empty on the second.
        => messages is ICollection<ChatMessage> or IReadOnlyCollection<ChatMessage> ? messages : new List<ChatMessage>(messages);

    /// <summary>A model served: its health and counters hear of it first, then the request is stamped and counted.</summary>
    private void Served(EngineSettings settings, ChatResponse response, ModelSlot slot, int level, bool isTrial, in RequestState request, long attemptStarted, Activity? activity)
    {
        RecordServed(settings, slot, isTrial, attemptStarted);
        ResponseStamp.Response(settings, response, slot, level);
        ChainTelemetry.Committed(activity, level);
        Complete(settings, RequestOutcome.Success, request, response.ModelId, activity);
    }

    private void RecordServed(EngineSettings settings, ModelSlot slot, bool isTrial, long attemptStarted)
    {
        slot.Counters.OnServed(settings.TimeProvider.GetElapsedTime(attemptStarted));
        slot.Health.OnSuccess(isTrial);
        _telemetry.AttemptServed(slot.Descriptor);
    }

    /// <summary>
    /// Records a failed attempt everywhere it must be seen: the model's health and counters, the request's log,
    /// telemetry. <paramref name="leaving"/>: it is the request's last attempt on this model.
    /// </summary>
    private void RecordFailure(
        EngineSettings settings, ModelSlot slot, int attemptNumber, bool isTrial, bool leaving, in FailureClassification failure, Exception exception, long attemptStarted, ref RequestState request)
    {
        ModelDescriptor d = slot.Descriptor;
        TimeSpan duration = settings.TimeProvider.GetElapsedTime(attemptStarted);
        slot.Counters.OnFailed(duration);
        _telemetry.AttemptFailed(d, attemptNumber, failure, exception); // before what it causes: the circuit opening
        if (slot.Health.OnFailure(failure.Kind, isTrial, leaving, settings) is { } cooldown)
        {
            _telemetry.CircuitOpened(d, slot.Health.ConsecutiveFailures, cooldown);
        }

        request.Attempts.Add(new FallbackAttempt(d.Provider, d.Model, d.Client, attemptNumber, failure.Kind, failure.StatusCode, exception, duration));
    }

    /// <summary>
    /// Records a failed attempt and decides what follows: the delay before retrying the same model, or null to move
    /// on to the next model, or (<paramref name="stop"/>) the exception that ends the request here.
    /// </summary>
    private TimeSpan? AfterFailure(
        EngineSettings settings, ModelSlot slot, int attempt, bool isTrial, in FailureClassification failure, Exception error, long attemptStarted,
        ref RequestState request, out Exception? stop, bool requirePrefill = false)
    {
        stop = StopPolicy.Stops(settings, Name, slot.Descriptor, failure, error);
        TimeSpan? delay = stop is null && !request.TimedOut && PreCallChecks.CanContinueOn(slot, requirePrefill)
            ? settings.Retry.NextDelay(failure, attempt, settings.AttemptsAllowed(slot, isTrial))
            : null;
        RecordFailure(settings, slot, attempt, isTrial, leaving: delay is null, failure, error, attemptStarted, ref request);
        PreCallChecks.Learn(ref request.Cursor, slot, failure.Kind);
        if (delay is { } wait)
        {
            _telemetry.Retrying(slot.Descriptor, wait);
        }

        return delay;
    }

    /// <summary>
    /// The request's next model, from <paramref name="current"/> (null before the first). Moving on from a model that
    /// failed is reported here, once another model was chosen: the last model of a route falls back to nothing.
    /// </summary>
    private bool NextModel(FallbackRoute route, ref RequestState request, [NotNullWhen(true)] ref ModelSlot? current, out int level, out bool isTrial, bool requirePrefill = false)
    {
        ModelSlot? left = current;
        if (!_selector.TryNext(route, ref request.Cursor, out ModelSlot next, out level, out isTrial, requirePrefill))
        {
            current = null; // No model in hand: nothing for a cancellation to give back.
            return false;
        }

        if (left is not null && request.Attempts.Count > 0)
        {
            _telemetry.FallingBack(left.Descriptor, request.Attempts.LastKind);
        }

        current = next;
        return true;
    }

    /// <summary>Counts a finished request once, in exactly one outcome, and reports it.</summary>
    private void Complete(EngineSettings settings, RequestOutcome outcome, in RequestState request, string? responseModel, Activity? activity)
    {
        _requests.OnCompleted(outcome, request.Cursor.FellBack);
        _telemetry.RequestCompleted(outcome, settings.TimeProvider, request.Started, responseModel, activity);
    }

    /// <summary>The caller's cancellation: a trial in hand goes back untried, the request counts as cancelled, nothing as a model failure.</summary>
    private void CountCancelled(EngineSettings settings, ModelSlot? current, bool isTrial, in RequestState request, Activity? activity)
    {
        current?.Health.ReleaseTrial(isTrial);
        Complete(settings, RequestOutcome.Cancelled, request, null, activity);
    }

    /// <summary>
    /// Every model failed: the final fallback's answer, or <see cref="AllModelsFailedException"/>. Counts the
    /// request exactly once whatever happens, a caller cancelling while the final fallback runs included.
    /// </summary>
    private async Task<ChatResponse> ExhaustedAsync(
        EngineSettings settings, FallbackRoute route, IEnumerable<ChatMessage> messages, RequestState request, Activity? activity, CancellationToken cancellationToken)
    {
        FallbackAttempt[] attempts = request.Attempts.ToArray();
        int count = attempts.Length;
        _telemetry.AllModelsFailed(count);
        var exhausted = new AllModelsFailedException(
            Name,
            attempts,
            _selector.Skipped(route, request.Cursor, attempts),
            request.TimedOut ? "the request timeout elapsed" : count == 0 ? "no enabled model" : null);
        if (_finalFallback is null)
        {
            Complete(settings, RequestOutcome.Failure, request, null, activity);
            throw exhausted;
        }

        _telemetry.FinalFallbackUsed(exhausted.Attempts.Count);
        ChatResponse fallback;
        try
        {
            fallback = await _finalFallback(messages, exhausted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Complete(settings, RequestOutcome.Cancelled, request, null, activity);
                throw Cancelled(ex, cancellationToken);
            }

            Complete(settings, RequestOutcome.Failure, request, null, activity);
            throw;
        }

        ResponseStamp.Final(settings, fallback, _selector.EnabledCount(route));
        Complete(settings, RequestOutcome.FinalFallback, request, FinalFallbackModelId, activity);
        return fallback;
    }

    private static OperationCanceledException Cancelled(Exception? exception, CancellationToken cancellationToken)
        => exception as OperationCanceledException ?? new OperationCanceledException("The caller cancelled the request.", exception, cancellationToken);

    /// <summary>A client that answers null has failed the attempt: the caller never sees a null answer counted as served.</summary>
    private static InvalidOperationException NullResponse(ModelSlot slot)
        => new($"The client for {slot.Descriptor} returned no response (null).");
}
