using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

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
        long started = _timeProvider.GetTimestamp();
        using Activity? activity = StartRequestActivity(streaming: true);
        using CancellationTokenSource? requestTimeout = StartRequestTimeout(cancellationToken);

        // Locals kept across a yield live in the iterator object: the code below keeps them few (tokens are
        // read where used, a failure is classified after the attempt's last yield, held updates are indexed).
        var cursor = new Cursor();
        var attempts = new AttemptLog();
        bool requestTimedOut = false;
        bool finished = false;
        int delivered = 0;
        ModelSlot? current = null;
        bool isTrial = false;
        long attemptStarted = 0;
        try
        {
            while (!requestTimedOut && NextModel(route, ref cursor, out current, out int level, out isTrial))
            {
                int maxAttempts = isTrial ? 1 : current.Descriptor.MaxRetries + 1;
                for (int attempt = 1; ; attempt++)
                {
                    Exception? error = null;
                    bool attemptExpired = false;
                    bool endedUnfinished = false;
                    bool sawFinishReason = false;
                    attemptStarted = attempts.Count == 0 && attempt == 1 ? started : _timeProvider.GetTimestamp();
                    CancellationTokenSource? attemptTimeout = StartAttemptTimeout(current, requestTimeout?.Token ?? cancellationToken, out TimeSpan timeout);
                    FallbackAttemptContext? context = EnterAttemptContext();
                    Activity? attemptActivity = StartAttemptActivity(current, attempt);
                    IAsyncEnumerator<ChatResponseUpdate>? updates = null;
                    List<ChatResponseUpdate>? held = null;
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
                                    CancellationToken attemptToken = attemptTimeout?.Token ?? requestTimeout?.Token ?? cancellationToken;
                                    updates = current.Client.GetStreamingResponseAsync(messages, CopyOptions(options, current.Descriptor.Model), attemptToken).GetAsyncEnumerator(attemptToken);
                                }

                                if (await updates.MoveNextAsync().ConfigureAwait(false))
                                {
                                    update = updates.Current ?? throw new InvalidOperationException($"The stream from {current.Descriptor} yielded a null update.");
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
                                requestTimedOut = requestTimeout?.IsCancellationRequested == true;
                                attemptExpired = attemptTimeout?.IsCancellationRequested == true;
                            }

                            if (error is not null)
                            {
                                break;
                            }

                            if (ended)
                            {
                                if (!sawFinishReason && _options.RequireFinishReason)
                                {
                                    // Both official SDKs end a dropped connection like a finished stream, minus the finish reason.
                                    endedUnfinished = true;
                                    error = new InvalidOperationException($"The stream from {current.Descriptor} ended without a finish reason.");
                                }

                                break;
                            }

                            if (attemptTimeout is not null)
                            {
                                RestartAttemptTimeout(attemptTimeout, timeout);
                            }

                            sawFinishReason |= update!.FinishReason is not null;
                            update.ModelId ??= current.Descriptor.Model;
                            if (delivered == 0 && update.Contents.Count == 0 && update.FinishReason is null)
                            {
                                // Nothing the caller can see yet (Anthropic's message_start, an OpenAI role-only
                                // chunk): hold it back so a failure now still falls back invisibly.
                                (held ??= new List<ChatResponseUpdate>(2)).Add(update);
                                continue;
                            }

                            if (delivered == 0)
                            {
                                // Who served the stream goes on its first update only: no allocation per update.
                                StampFirstUpdate(held?[0] ?? update, current, level, activity);
                                if (held is not null)
                                {
                                    while (delivered < held.Count)
                                    {
                                        yield return held[delivered++];
                                    }

                                    held = null;
                                }
                            }

                            delivered++;
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

                        attemptTimeout?.Dispose();
                        if (context is not null)
                        {
                            FallbackAttemptContext.Current = null;
                        }
                    }

                    if (error is null)
                    {
                        if (held is not null)
                        {
                            // A complete stream that carried no content: deliver what was held back.
                            StampFirstUpdate(held[0], current, level, activity);
                            while (delivered < held.Count)
                            {
                                yield return held[delivered++];
                            }
                        }

                        RecordSuccess(current, isTrial, _timeProvider.GetElapsedTime(attemptStarted));
                        EndAttemptActivity(attemptActivity, null);
                        finished = true;
                        CompleteRequest(FallbackTelemetry.Outcomes.Success, cursor, started, current.Descriptor.Model, activity);
                        yield break;
                    }

                    held = null;
                    FailureClassification failure = endedUnfinished
                        ? new FailureClassification(FailureKind.StreamInterrupted)
                        : ClassifyAttempt(error, current, requestTimedOut, attemptExpired, timeout, context, out error, out requestTimedOut);
                    EndAttemptActivity(attemptActivity, failure.Kind);
                    if (delivered > 0)
                    {
                        RecordFailure(current, attempt, isTrial, failure, error, _timeProvider.GetElapsedTime(attemptStarted), ref attempts);
                        Log.StreamCut(_logger, Name, current.Descriptor.Provider, current.Descriptor.Model, delivered, failure.Kind);
                        finished = true;
                        CompleteRequest(FallbackTelemetry.Outcomes.Failure, cursor, started, current.Descriptor.Model, activity);
                        throw new StreamInterruptedException(Name, current.Descriptor.Provider, current.Descriptor.Model, delivered, failure.Kind, error);
                    }

                    TimeSpan? delay = AfterFailure(current, attempt, maxAttempts, isTrial, failure, error, attemptStarted, requestTimedOut, ref cursor, ref attempts);
                    if (delay is null)
                    {
                        break;
                    }

                    try
                    {
                        await Task.Delay(delay.Value, _timeProvider, requestTimeout?.Token ?? cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex)
                    {
                        if (cancellationToken.IsCancellationRequested)
                        {
                            throw Cancelled(ex, cancellationToken);
                        }

                        requestTimedOut = true;
                        break;
                    }
                }
            }

            current = null;
            finished = true; // ExhaustedAsync counts the request, whatever happens in it.
            ChatResponse fallback = await ExhaustedAsync(route, messages, attempts, requestTimedOut, cursor, started, activity, cancellationToken).ConfigureAwait(false);

            foreach (ChatResponseUpdate update in fallback.ToChatResponseUpdates())
            {
                yield return update;
            }
        }
        finally
        {
            if (!finished)
            {
                if (cancellationToken.IsCancellationRequested || delivered == 0)
                {
                    // Cancelled by the caller (or abandoned before any output): no model failure.
                    current?.ReleaseTrial(isTrial);
                    CompleteRequest(FallbackTelemetry.Outcomes.Cancelled, cursor, started, null, activity);
                }
                else
                {
                    // The caller stopped reading a healthy stream early: the model served it.
                    RecordSuccess(current!, isTrial, _timeProvider.GetElapsedTime(attemptStarted));
                    CompleteRequest(FallbackTelemetry.Outcomes.Success, cursor, started, current!.Descriptor.Model, activity);
                }
            }
        }
    }
}
