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

        return GetResponseCoreAsync(route, Materialize(messages), options, cancellationToken);
    }

    private async Task<ChatResponse> GetResponseCoreAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        long started = _timeProvider.GetTimestamp();
        using Activity? activity = StartRequestActivity(streaming: false);
        using CancellationTokenSource? requestTimeout = StartRequestTimeout(cancellationToken);
        CancellationToken requestToken = requestTimeout?.Token ?? cancellationToken;

        var cursor = new Cursor();
        List<FallbackAttempt>? attempts = null;
        bool requestTimedOut = false;
        ModelSlot? current = null;
        bool isTrial = false;
        try
        {
            while (!requestTimedOut && NextModel(route, ref cursor, out current, out int level, out isTrial))
            {
                int maxAttempts = isTrial ? 1 : current.Descriptor.MaxRetries + 1;
                for (int attempt = 1; ; attempt++)
                {
                    FailureClassification failure;
                    Exception error;
                    // The request's first attempt starts with the request: one clock read fewer on the common path.
                    long attemptStarted = attempts is null && attempt == 1 ? started : _timeProvider.GetTimestamp();
                    CancellationTokenSource? attemptTimeout = StartAttemptTimeout(current, requestToken, out TimeSpan timeout);
                    FallbackAttemptContext? context = EnterAttemptContext();
                    Activity? attemptActivity = StartAttemptActivity(current, attempt);
                    try
                    {
                        ChatResponse response = await current.Client.GetResponseAsync(
                            messages, CopyOptions(options, current.Descriptor.Model), attemptTimeout?.Token ?? requestToken).ConfigureAwait(false);
                        RecordSuccess(current, isTrial, _timeProvider.GetElapsedTime(attemptStarted));
                        EndAttemptActivity(attemptActivity, null);
                        StampResponse(response, current, level);
                        activity?.SetTag(FallbackTelemetry.LevelTag, level);
                        CompleteRequest(FallbackTelemetry.Outcomes.Success, cursor, started, response.ModelId, activity);
                        return response;
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = ClassifyAttempt(ex, current, requestTimeout, attemptTimeout, timeout, context, out error, out requestTimedOut);
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

            current = null;
            return await ExhaustedAsync(route, messages, attempts, requestTimedOut, cursor, started, activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not AllModelsFailedException)
        {
            // The caller's cancellation: stop at once, never fall back, count no model failure.
            current?.ReleaseTrial(isTrial);
            CompleteRequest(FallbackTelemetry.Outcomes.Cancelled, cursor, started, null, activity);
            throw Cancelled(ex, cancellationToken);
        }
    }
}
