using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

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
        if (_options.RequestTimeout is not null || _options.FlowAttemptContext || FallbackTelemetry.ActivitySource.HasListeners())
        {
            return GetResponseCoreAsync(route, messages, options, cancellationToken, firstFailure: default);
        }

        // Fast path for the common case (no timers, no attempt context, no tracing): the first model is called
        // here, and a client that completes at once costs no async state machine at all. Any failure continues in
        // the full loop from where this left off, so behaviour is the same either way.
        var cursor = new Cursor();
        if (!NextModel(route, ref cursor, out ModelSlot slot, out int level, out bool isTrial))
        {
            return GetResponseCoreAsync(route, messages, options, cancellationToken, firstFailure: default);
        }

        if ((slot.Descriptor.AttemptTimeout ?? _options.AttemptTimeout) is not null)
        {
            slot.ReleaseTrial(isTrial); // The full loop takes the model again, with its timer.
            return GetResponseCoreAsync(route, messages, options, cancellationToken, firstFailure: default);
        }

        long started = _timeProvider.GetTimestamp();
        Task<ChatResponse> first;
        try
        {
            first = slot.Client.GetResponseAsync(messages, CopyOptions(options, slot.Descriptor.Model), cancellationToken);
        }
        catch (Exception ex)
        {
            return GetResponseCoreAsync(route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, cursor, started, ex));
        }

        // One observation of the task decides: a task completing on another thread between two reads of its state
        // would otherwise look failed and succeeded at once (issue 11). Terminal states never change once seen.
        switch (first.Status)
        {
            case TaskStatus.RanToCompletion:
                if (first.Result is { } response)
                {
                    Served(response, slot, level, isTrial, cursor, started, started, activity: null);
                    return first;
                }

                return GetResponseCoreAsync(route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, cursor, started, NullResponse(slot)));
            case TaskStatus.Faulted:
            case TaskStatus.Canceled:
                // Failed without yielding: straight to the full loop, no state machine in between.
                return GetResponseCoreAsync(route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, cursor, started, FailureOf(first)));
            default:
                return AwaitFirstAsync(first, route, messages, options, slot, level, isTrial, cursor, started, cancellationToken);
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
    private readonly record struct FirstAttempt(ModelSlot? Slot, int Level, bool IsTrial, Cursor Cursor, long Started, Exception? Failure);

    // The attempt's state travels as parameters, not in an object: a client that yields costs this one state machine.
    private async Task<ChatResponse> AwaitFirstAsync(
        Task<ChatResponse> first, FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options,
        ModelSlot slot, int level, bool isTrial, Cursor cursor, long started, CancellationToken cancellationToken)
    {
        Exception failure;
        try
        {
            ChatResponse response = await first.ConfigureAwait(false) ?? throw NullResponse(slot);
            Served(response, slot, level, isTrial, cursor, started, started, activity: null);
            return response;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        return await GetResponseCoreAsync(route, messages, options, cancellationToken, new FirstAttempt(slot, level, isTrial, cursor, started, failure)).ConfigureAwait(false);
    }

    /// <summary>A model answered: record it, say who served on the response, and count the request.</summary>
    private void Served(ChatResponse response, ModelSlot slot, int level, bool isTrial, in Cursor cursor, long started, long attemptStarted, Activity? activity)
    {
        RecordSuccess(slot, isTrial, _timeProvider.GetElapsedTime(attemptStarted));
        StampResponse(response, slot, level);
        activity?.SetTag(FallbackTelemetry.LevelTag, level);
        CompleteRequest(FallbackTelemetry.Outcomes.Success, cursor, started, response.ModelId, activity);
    }

    private async Task<ChatResponse> GetResponseCoreAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken, FirstAttempt firstFailure)
    {
        bool resuming = firstFailure.Slot is not null;
        long started = resuming ? firstFailure.Started : _timeProvider.GetTimestamp();
        using Activity? activity = resuming ? null : StartRequestActivity(streaming: false);
        using CancellationTokenSource? requestTimeout = StartRequestTimeout(cancellationToken);
        CancellationToken requestToken = requestTimeout?.Token ?? cancellationToken;

        var cursor = resuming ? firstFailure.Cursor : new Cursor();
        var attempts = new AttemptLog();
        bool requestTimedOut = false;
        ModelSlot? current = null;
        bool isTrial = false;
        try
        {
            while (!requestTimedOut)
            {
                int level;
                if (firstFailure.Slot is not null)
                {
                    // Resume where the fast path failed: same model, its first attempt already made.
                    (current, level, isTrial) = (firstFailure.Slot, firstFailure.Level, firstFailure.IsTrial);
                }
                else if (!NextModel(route, ref cursor, out current, out level, out isTrial))
                {
                    break;
                }

                int maxAttempts = isTrial ? 1 : current.Descriptor.MaxRetries + 1;
                for (int attempt = 1; ; attempt++)
                {
                    FailureClassification failure;
                    Exception error;
                    // The request's first attempt starts with the request: one clock read fewer on the common path.
                    long attemptStarted = attempts.Count == 0 && attempt == 1 ? started : _timeProvider.GetTimestamp();
                    if (firstFailure.Failure is { } early)
                    {
                        firstFailure = default;
                        if (cancellationToken.IsCancellationRequested)
                        {
                            throw Cancelled(early, cancellationToken);
                        }

                        failure = ClassifyAttempt(early, current, requestExpired: false, attemptExpired: false, default, null, out error, out requestTimedOut);
                        goto failed;
                    }

                    CancellationTokenSource? attemptTimeout = StartAttemptTimeout(current, requestToken, out TimeSpan timeout);
                    FallbackAttemptContext? context = EnterAttemptContext();
                    Activity? attemptActivity = StartAttemptActivity(current, attempt);
                    try
                    {
                        ChatResponse response = await current.Client.GetResponseAsync(
                            messages, CopyOptions(options, current.Descriptor.Model), attemptTimeout?.Token ?? requestToken).ConfigureAwait(false)
                            ?? throw NullResponse(current);
                        EndAttemptActivity(attemptActivity, null);
                        Served(response, current, level, isTrial, cursor, started, attemptStarted, activity);
                        return response;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = ClassifyAttempt(
                            ex, current, requestTimeout?.IsCancellationRequested == true, attemptTimeout?.IsCancellationRequested == true, timeout, context, out error, out requestTimedOut);
                        EndAttemptActivity(attemptActivity, failure.Kind);
                    }
                    finally
                    {
                        attemptTimeout?.Dispose();
                        if (context is not null)
                        {
                            FallbackAttemptContext.Current = null;
                        }
                    }

                failed:
                    TimeSpan? delay = AfterFailure(current, attempt, maxAttempts, isTrial, failure, error, attemptStarted, requestTimedOut, ref cursor, ref attempts);
                    if (delay is null)
                    {
                        break;
                    }

                    try
                    {
                        await Task.Delay(delay.Value, _timeProvider, requestToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        requestTimedOut = true; // Only the request timeout cancels the request token without the caller.
                        break;
                    }
                }
            }

        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation: stop at once, never fall back, count no model failure.
            current?.ReleaseTrial(isTrial);
            CompleteRequest(FallbackTelemetry.Outcomes.Cancelled, cursor, started, null, activity);
            throw Cancelled(ex, cancellationToken);
        }

        // Every model failed; ExhaustedAsync counts the request, whatever happens in it.
        return await ExhaustedAsync(route, messages, attempts, requestTimedOut, cursor, started, activity, cancellationToken).ConfigureAwait(false);
    }
}
