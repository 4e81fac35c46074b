using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

// The response driver: it calls models in the order routing gives and asks the policies what follows; it decides nothing itself.
public sealed partial class FallbackEngine
{
    /// <summary>Sends a request over <paramref name="route"/>: each model in turn, with its retries, until one answers.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="route"/> or <paramref name="messages"/> is null.</exception>
    /// <exception cref="AllModelsFailedException">Every model failed and the chain has no final fallback.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public Task<ChatResponse> GetResponseAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ChatResponse>(cancellationToken);
        }

        messages = Materialize(messages);
        EngineSettings settings = _settings;
        if (!settings.CanUseFastPath || FallbackTelemetry.ActivitySource.HasListeners())
        {
            return GetResponseCoreAsync(settings, route, messages, options, cancellationToken, firstFailure: default);
        }

        // Fast path for the common case (no timers, no attempt context, no tracing): the first model is called
        // here, and a client that completes at once costs no async state machine at all. Any failure continues in
        // the full loop from where this left off, so behaviour is the same either way.
        var request = new RequestState(settings.TimeProvider.GetTimestamp());
        if (!_selector.TryNext(route, ref request.Cursor, out ModelSlot slot, out int level, out bool isTrial))
        {
            return GetResponseCoreAsync(settings, route, messages, options, cancellationToken, firstFailure: default);
        }

        if (settings.HasAttemptTimer(slot))
        {
            slot.Health.ReleaseTrial(isTrial); // The full loop takes the model again, with its timer.
            return GetResponseCoreAsync(settings, route, messages, options, cancellationToken, firstFailure: default);
        }

        Task<ChatResponse> first;
        try
        {
            first = slot.Client.GetResponseAsync(messages, CopyOptions(options, slot.Descriptor.Model), cancellationToken);
        }
        catch (Exception ex)
        {
            return GetResponseCoreAsync(settings, route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, request.Cursor, request.Started, ex));
        }

        // One observation of the task decides: a task completing on another thread between two reads of its state
        // would otherwise look failed and succeeded at once (issue 11). Terminal states never change once seen.
        switch (first.Status)
        {
            case TaskStatus.RanToCompletion:
                if (first.Result is { } response)
                {
                    Served(settings, response, slot, level, isTrial, request, request.Started, activity: null);
                    return first;
                }

                return GetResponseCoreAsync(settings, route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, request.Cursor, request.Started, NullResponse(slot)));
            case TaskStatus.Faulted:
            case TaskStatus.Canceled:
                // Failed without yielding: straight to the full loop, no state machine in between.
                return GetResponseCoreAsync(settings, route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, request.Cursor, request.Started, FailureOf(first)));
            default:
                return AwaitFirstAsync(first, route, messages, options, slot, level, isTrial, request.Cursor, request.Started, cancellationToken);
        }
    }

    /// <summary>
    /// The exception awaiting a completed, failed task throws: a fault's first exception without a rethrow, a
    /// cancelled task's own exception (the client's token and inner exception).
    /// </summary>
    private static Exception FailureOf(Task task)
    {
        if (task.Exception?.InnerException is { } fault)
        {
            return fault;
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("FailureOf takes a faulted or cancelled task.");
    }

    /// <summary>
    /// The fast path's failed first attempt, handed to the full loop (<c>default</c>: none). A struct: when the
    /// loop completes without yielding, as over a client that fails and answers at once, it costs no allocation.
    /// </summary>
    private readonly record struct FirstAttempt(ModelSlot? Slot, int Level, bool IsTrial, RouteCursor Cursor, long Started, Exception? Failure);

    // The attempt's state travels as parameters, not in an object: a client that yields costs this one state machine,
    // kept as small as before the settings snapshot (it reads the current one when the answer comes; only how the
    // answer is stamped could differ from the call's snapshot, after a reload in between).
    private async Task<ChatResponse> AwaitFirstAsync(
        Task<ChatResponse> first, FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options,
        ModelSlot slot, int level, bool isTrial, RouteCursor cursor, long started, CancellationToken cancellationToken)
    {
        Exception failure;
        try
        {
            ChatResponse response = await first.ConfigureAwait(false) ?? throw NullResponse(slot);
            Served(_settings, response, slot, level, isTrial, new RequestState(started) { Cursor = cursor }, started, activity: null);
            return response;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        return await GetResponseCoreAsync(_settings, route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, cursor, started, failure)).ConfigureAwait(false);
    }

    /// <summary>
    /// One attempt of a non-streaming request, streamed underneath: each update moves the attempt's timer on (the first
    /// token, then the gaps), and the whole answer is returned as one response. A stream that ends without a finish
    /// reason is cut, as for a streaming caller.
    /// </summary>
    private static async Task<ChatResponse> CollectStreamAsync(
        EngineSettings settings, ModelSlot slot, IEnumerable<ChatMessage> messages, ChatOptions options, AttemptScope scope, CancellationToken token)
    {
        var updates = new List<ChatResponseUpdate>();
        bool sawFinishReason = false;
        await foreach (ChatResponseUpdate? update in slot.Client.GetStreamingResponseAsync(messages, options, token).WithCancellation(token).ConfigureAwait(false))
        {
            scope.UpdateArrived(settings, slot);
            updates.Add(update ?? throw NullUpdate(slot));
            sawFinishReason |= update.FinishReason is not null;
        }

        if (StreamCommitment.EndedCut(sawFinishReason, settings.RequireFinishReason))
        {
            throw EndedUnfinished(slot);
        }

        return updates.ToChatResponse();
    }

    private async Task<ChatResponse> GetResponseCoreAsync(
        EngineSettings settings, FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken, FirstAttempt firstFailure)
    {
        bool resuming = firstFailure.Slot is not null;
        RequestState request = resuming ? new RequestState(firstFailure.Started) { Cursor = firstFailure.Cursor } : new RequestState(settings.TimeProvider.GetTimestamp());
        using Activity? activity = resuming ? null : _telemetry.StartRequest(streaming: false);
        using CancellationTokenSource? requestTimeout = Timeouts.StartRequest(settings, cancellationToken);
        CancellationToken requestToken = requestTimeout?.Token ?? cancellationToken;

        ModelSlot? current = null;
        bool isTrial = false;
        try
        {
            while (!request.TimedOut)
            {
                int level;
                if (firstFailure.Slot is not null)
                {
                    // Resume where the fast path failed: same model, its first attempt already made.
                    (current, level, isTrial) = (firstFailure.Slot, firstFailure.Level, firstFailure.IsTrial);
                }
                else if (!NextModel(route, ref request, ref current, out level, out isTrial))
                {
                    break;
                }

                for (int attempt = 1; ; attempt++)
                {
                    FailureClassification failure;
                    Exception error;

                    // The request's first attempt starts with the request: one clock read fewer on the common path.
                    long attemptStarted = request.Attempts.Count == 0 && attempt == 1 ? request.Started : settings.TimeProvider.GetTimestamp();
                    if (firstFailure.Failure is { } early)
                    {
                        firstFailure = default;
                        if (cancellationToken.IsCancellationRequested)
                        {
                            throw Cancelled(early, cancellationToken);
                        }

                        failure = settings.Classifier.Classify(early, context: null);
                        error = early;
                    }
                    else
                    {
                        // With a first-token limit the answer is streamed underneath and collected, so the limit times
                        // the first token and a long answer is never cut by it.
                        bool streamed = settings.FirstTokenTimeout(current) is not null;
                        AttemptScope scope = AttemptScope.Start(settings, current, attempt, requestToken, streaming: streamed);
                        try
                        {
                            ChatOptions attemptOptions = CopyOptions(options, current.Descriptor.Model);
                            ChatResponse response = (streamed
                                ? await CollectStreamAsync(settings, current, messages, attemptOptions, scope, scope.Token(requestToken)).ConfigureAwait(false)
                                : await current.Client.GetResponseAsync(messages, attemptOptions, scope.Token(requestToken)).ConfigureAwait(false))
                                ?? throw NullResponse(current);
                            scope.EndActivity(null);
                            Served(settings, response, current, level, isTrial, request, attemptStarted, activity);
                            return response;
                        }
                        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                        {
                            request.TimedOut = requestTimeout?.IsCancellationRequested == true;
                            failure = scope.Classify(ex, current, settings, Name, request.TimedOut, scope.Expired, out error);
                            scope.EndActivity(failure.Kind);
                        }
                        finally
                        {
                            scope.Dispose();
                        }
                    }

                    TimeSpan? delay = AfterFailure(settings, current, attempt, isTrial, failure, error, attemptStarted, ref request, out Exception? stop);
                    if (stop is not null)
                    {
                        Complete(settings, RequestOutcome.Failure, request, null, activity);
                        throw stop;
                    }

                    if (delay is null)
                    {
                        break;
                    }

                    try
                    {
                        await Task.Delay(delay.Value, settings.TimeProvider, requestToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        request.TimedOut = true; // Only the request timeout cancels the request token without the caller.
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not ContentFilteredException)
        {
            // (A stop the policy decided was counted where it was thrown, whatever the caller did meanwhile.)
            CountCancelled(settings, current, isTrial, request, activity);
            throw Cancelled(ex, cancellationToken);
        }

        // Every model failed; ExhaustedAsync counts the request, whatever happens in it.
        return await ExhaustedAsync(settings, route, messages, request, activity, cancellationToken).ConfigureAwait(false);
    }
}
