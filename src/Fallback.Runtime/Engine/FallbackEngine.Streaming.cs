using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

// The streaming driver: the response driver's loop around an enumeration; when the stream commits is
// StreamCommitment's call, what a cut after commitment becomes is CutStreamPolicy's.
public sealed partial class FallbackEngine
{
    /// <summary>
    /// Streams a response over <paramref name="route"/>. While nothing has reached the caller a failure falls
    /// back invisibly; once output is committed a failure (or an end without a finish reason) surfaces as
    /// <see cref="StreamInterruptedException"/>, never as a silently truncated success.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="route"/> or <paramref name="messages"/> is null.</exception>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(messages);
        return StreamCoreAsync(route, Materialize(messages), options, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamCoreAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EngineSettings settings = _settings;
        var request = new RequestState(settings.TimeProvider.GetTimestamp())
        {
            Recovery = FallbackChatOptions.StreamRecoveryOf(options) ?? settings.StreamRecovery,
        };
        using Activity? activity = _telemetry.StartRequest(streaming: true);
        using CancellationTokenSource? requestTimeout = Timeouts.StartRequest(settings, cancellationToken);

        // Locals kept across a yield live in the iterator object: the code below keeps them few (tokens are read
        // where used, a failure is classified after the attempt's last yield, held updates are indexed).
        bool finished = false;
        var commitment = new StreamCommitment();
        if (CutStreamPolicy.Continues(request))
        {
            commitment.KeepForContinuation();
        }

        ModelSlot? current = null;
        bool isTrial = false;
        long attemptStarted = 0;
        try
        {
            while (!request.TimedOut && NextModel(route, ref request, ref current, out commitment.Level, out isTrial, requirePrefill: commitment.IsContinuing))
            {
                for (int attempt = 1; ; attempt++)
                {
                    Exception? error = null;
                    bool attemptExpired = false;
                    bool sawFinishReason = false;
                    attemptStarted = request.Attempts.Count == 0 && attempt == 1 ? request.Started : settings.TimeProvider.GetTimestamp();
                    AttemptScope scope = AttemptScope.Start(settings, current, attempt, requestTimeout?.Token ?? cancellationToken, streaming: true);
                    IAsyncEnumerator<ChatResponseUpdate>? updates = null;
                    try
                    {
                        while (true)
                        {
                            ChatResponseUpdate? update = null;
                            bool ended = false;
                            try
                            {
                                if (updates is null)
                                {
                                    CancellationToken attemptToken = scope.Token(requestTimeout?.Token ?? cancellationToken);
                                    updates = current.Client.GetStreamingResponseAsync(messages, CopyOptions(options, current.Descriptor.Model), attemptToken).GetAsyncEnumerator(attemptToken);
                                }

                                if (await updates.MoveNextAsync().ConfigureAwait(false))
                                {
                                    update = updates.Current ?? throw NullUpdate(current);
                                }
                                else
                                {
                                    ended = true;
                                }
                            }
                            catch (Exception ex)
                            {
                                if (cancellationToken.IsCancellationRequested)
                                {
                                    throw Cancelled(ex, cancellationToken);
                                }

                                // The timers are read now, not after the cleanup below (a cancel meanwhile is not this failure's cause).
                                error = ex;
                                request.TimedOut = requestTimeout?.IsCancellationRequested == true;
                                attemptExpired = scope.Expired;
                            }

                            if (error is not null)
                            {
                                break;
                            }

                            if (ended)
                            {
                                if (StreamCommitment.EndedCut(sawFinishReason, settings.RequireFinishReason))
                                {
                                    error = EndedUnfinished(current);
                                }

                                break;
                            }

                            scope.UpdateArrived(settings, current);
                            sawFinishReason |= update!.FinishReason is not null;
                            update.ModelId ??= current.Descriptor.Model;
                            if (!commitment.IsCommitted)
                            {
                                if (commitment.TryHold(update, request.Recovery))
                                {
                                    continue;
                                }

                                // The stream commits: who served goes on its first update, held ones go out first.
                                ResponseStamp.FirstUpdate(settings, commitment.FirstOfOutput(update), current, commitment.Level);
                                ChainTelemetry.Committed(activity, commitment.Level);
                                while (commitment.TryRelease(out ChatResponseUpdate held))
                                {
                                    yield return held;
                                }
                            }

                            commitment.Deliver(update);
                            yield return update;
                        }
                    }
                    finally
                    {
                        if (updates is not null)
                        {
                            try
                            {
                                await updates.DisposeAsync().ConfigureAwait(false);
                            }
                            catch (Exception) when (error is not null)
                            {
                                // Already failed; the first failure is the one reported.
                            }
                        }

                        scope.Dispose();
                    }

                    if (error is null)
                    {
                        if (commitment.TryRelease(out ChatResponseUpdate first))
                        {
                            // A complete stream that carried no content: deliver what was held back.
                            ResponseStamp.FirstUpdate(settings, first, current, commitment.Level);
                            ChainTelemetry.Committed(activity, commitment.Level);
                            yield return first;
                            while (commitment.TryRelease(out ChatResponseUpdate held))
                            {
                                yield return held;
                            }
                        }

                        RecordServed(settings, current, isTrial, attemptStarted);
                        scope.EndActivity(null);
                        finished = true;
                        Complete(settings, RequestOutcome.Success, request, current.Descriptor.Model, activity);
                        yield break;
                    }

                    commitment.Drop();
                    FailureClassification failure = scope.Classify(error, current, settings, Name, request.TimedOut, attemptExpired, out error);
                    scope.EndActivity(failure.Kind);
                    if (commitment.IsCommitted)
                    {
                        if (!CutStreamPolicy.Continues(request))
                        {
                            RecordFailure(settings, current, attempt, isTrial, leaving: true, failure, error, attemptStarted, ref request);
                            finished = true;
                            Complete(settings, RequestOutcome.Failure, request, current.Descriptor.Model, activity);
                            throw CutStreamPolicy.Report(_telemetry, current.Descriptor, commitment.Delivered, failure.Kind, error);
                        }

                        // Continue: the next attempt (here, or on the next model that takes a prefill) goes on from the text delivered.
                        messages = commitment.Continuation!.Continue(messages, current.Descriptor, failure.Kind, error, commitment.Delivered);
                    }

                    TimeSpan? delay = AfterFailure(
                        settings, current, attempt, isTrial, failure, error, attemptStarted, ref request, out Exception? stop, requirePrefill: commitment.IsContinuing);
                    if (stop is not null)
                    {
                        finished = true;
                        Complete(settings, RequestOutcome.Failure, request, null, activity);
                        throw stop;
                    }

                    if (delay is null)
                    {
                        break;
                    }

                    try
                    {
                        await Task.Delay(delay.Value, settings.TimeProvider, requestTimeout?.Token ?? cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex)
                    {
                        if (cancellationToken.IsCancellationRequested)
                        {
                            throw Cancelled(ex, cancellationToken);
                        }

                        request.TimedOut = true;
                        break;
                    }
                }
            }

            current = null;
            finished = true;
            if (commitment.Continuation is { IsContinuing: true } continuation)
            {
                // Output was delivered and no model could continue it: never a final fallback's answer after it.
                Complete(settings, RequestOutcome.Failure, request, null, activity);
                throw CutStreamPolicy.Uncontinued(_telemetry, continuation);
            }

            // ExhaustedAsync counts the request, whatever happens in it.
            ChatResponse fallback = await ExhaustedAsync(settings, route, messages, request, activity, cancellationToken).ConfigureAwait(false);

            foreach (ChatResponseUpdate update in fallback.ToChatResponseUpdates())
            {
                yield return update;
            }
        }
        finally
        {
            if (!finished)
            {
                if (cancellationToken.IsCancellationRequested || !commitment.IsCommitted)
                {
                    // Cancelled by the caller (or abandoned before any output): no model failure.
                    CountCancelled(settings, current, isTrial, request, activity);
                }
                else
                {
                    // The caller stopped reading a healthy stream early: the model served it.
                    RecordServed(settings, current!, isTrial, attemptStarted);
                    Complete(settings, RequestOutcome.Success, request, current!.Descriptor.Model, activity);
                }
            }
        }
    }

    // Cold paths kept out of the iterator's body: its size is per-update time.
    private static InvalidOperationException NullUpdate(ModelSlot slot) => new($"The stream from {slot.Descriptor} yielded a null update.");

    private static StreamEndedUnfinishedException EndedUnfinished(ModelSlot slot) => new($"The stream from {slot.Descriptor} ended without a finish reason.");
}
