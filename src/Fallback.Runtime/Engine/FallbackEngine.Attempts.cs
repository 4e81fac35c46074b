using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

// What the non-streaming and streaming paths share: choosing the next model, classifying a failure,
// deciding between retry and fallback, and the bookkeeping of one request.
public sealed partial class FallbackEngine
{
    internal const string ModelProperty = "fallback.model";
    internal const string LevelProperty = "fallback.level";
    internal const string FinalFallbackModelId = "fallback/final";

    // Boxed once so stamping a response allocates no box for its level.
    private static readonly object[] s_boxedLevels = CreateBoxedLevels(32);

    private static object[] CreateBoxedLevels(int count)
    {
        var levels = new object[count];
        for (int i = 0; i < count; i++)
        {
            levels[i] = i;
        }

        return levels;
    }

    private static object BoxLevel(int level) => level < s_boxedLevels.Length ? s_boxedLevels[level] : level;

    /// <summary>Where a request is in its route. A struct in the request's frame: choosing a model allocates nothing.</summary>
    private struct Cursor
    {
        // The ints first: 12 bytes rather than 16 in every async state machine that holds a cursor.
        public int Position;
        public int OverflowWindow;
        public bool SecondPass;
        public bool TriedAny;
        public bool SkippedOpen;
        public bool FellBack;
    }

    /// <summary>
    /// The failed attempts of one request, kept for <see cref="AllModelsFailedException"/>. The first is held
    /// inline, so a request that falls back once and is then served allocates no list.
    /// </summary>
    private struct AttemptLog
    {
        private FallbackAttempt? _first;
        private List<FallbackAttempt>? _more;

        public readonly int Count => _first is null ? 0 : 1 + (_more?.Count ?? 0);

        public void Add(FallbackAttempt attempt)
        {
            if (_first is null)
            {
                _first = attempt;
            }
            else
            {
                (_more ??= new List<FallbackAttempt>(3)).Add(attempt);
            }
        }

        public readonly FallbackAttempt[] ToArray()
        {
            if (_first is null)
            {
                return [];
            }

            var all = new FallbackAttempt[Count];
            all[0] = _first;
            _more?.CopyTo(all, 1);
            return all;
        }
    }

    /// <summary>
    /// The next model to try. First pass: enabled models whose circuit lets them in. When that pass tried
    /// nothing because every enabled model was cooling down, a second pass tries those anyway.
    /// </summary>
    private bool NextModel(FallbackRoute route, ref Cursor cursor, out ModelSlot slot, out int level, out bool isTrial)
    {
        int[] order = route.Order;
        while (true)
        {
            while (cursor.Position < order.Length)
            {
                ModelSlot candidate = _slots[order[cursor.Position++]];
                if (!candidate.Enabled)
                {
                    continue;
                }

                int window = candidate.Descriptor.ContextWindow;
                if (cursor.OverflowWindow > 0 && window > 0 && window <= cursor.OverflowWindow)
                {
                    continue; // A prompt that overflowed a larger window cannot fit this one.
                }

                isTrial = false;
                if (!cursor.SecondPass && !candidate.TryEnter(_timeProvider, out isTrial))
                {
                    cursor.SkippedOpen = true;
                    continue;
                }

                if (cursor.SecondPass && candidate.GetCircuit(_timeProvider.GetUtcNow().UtcTicks, out _) == CircuitState.Closed)
                {
                    continue; // Tried (or passed over for another reason) in the first pass.
                }

                slot = candidate;
                level = EnabledBefore(order, cursor.Position - 1);
                cursor.TriedAny = true;
                cursor.FellBack |= level > 0;
                return true;
            }

            if (cursor.SecondPass || cursor.TriedAny || !cursor.SkippedOpen)
            {
                slot = null!;
                level = 0;
                isTrial = false;
                return false;
            }

            Log.AllCircuitsOpen(_logger, Name);
            cursor.SecondPass = true;
            cursor.Position = 0;
        }
    }

    private int EnabledBefore(int[] order, int position)
    {
        int level = 0;
        for (int i = 0; i < position; i++)
        {
            if (_slots[order[i]].Enabled)
            {
                level++;
            }
        }

        return level;
    }

    private int EnabledCount(FallbackRoute route) => EnabledBefore(route.Order, route.Order.Length);

    /// <summary>A copy of the caller's options carrying the model id; never shared between attempts.</summary>
    private static ChatOptions CopyOptions(ChatOptions? options, string modelId)
    {
        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = modelId;
        return copy;
    }

    private static IEnumerable<ChatMessage> Materialize(IEnumerable<ChatMessage> messages)
        // Each attempt enumerates the messages again; a one-shot sequence would be empty on the second.
        => messages is ICollection<ChatMessage> or IReadOnlyCollection<ChatMessage> ? messages : new List<ChatMessage>(messages);

    private FailureClassification Classify(Exception exception, FallbackAttemptContext? context)
    {
        FailureClassification result = default;
        bool found = false;
        foreach (IFailureClassifier classifier in _classifiers)
        {
            if (classifier.TryClassify(exception, out result))
            {
                found = true;
                break;
            }
        }

        if (!found)
        {
            result = _builtInClassifier.Classify(exception);
        }

        if (context is not null)
        {
            // The HTTP handler saw what the exception does not carry.
            result = result with
            {
                RetryAfter = result.RetryAfter ?? context.RetryAfter,
                StatusCode = result.StatusCode ?? context.StatusCode,
            };
        }

        return result;
    }

    private static bool CountsAgainstCircuit(FailureKind kind)
        // Failures that say something about the model's health; a prompt too long or filtered says nothing.
        => kind is not (FailureKind.ContextLengthExceeded or FailureKind.ContentFiltered or FailureKind.ClientError or FailureKind.Cancelled);

    /// <summary>The delay before retry <paramref name="retry"/> (1-based), or null to fall back now.</summary>
    private TimeSpan? RetryDelay(in FailureClassification failure, int retry)
    {
        if (!failure.IsRetryable)
        {
            return null;
        }

        if (failure.RetryAfter is { } retryAfter)
        {
            // Polly would not cap a generated delay either; the cap here is what turns a long wait into a fallback.
            return retryAfter <= _options.MaxRetryAfter ? retryAfter : null;
        }

        return Backoff(retry);
    }

    /// <summary>Exponential backoff from <see cref="FallbackOptions.BaseDelay"/> with jitter, capped at <see cref="FallbackOptions.MaxDelay"/>.</summary>
    internal TimeSpan Backoff(int retry)
    {
        double baseTicks = _options.BaseDelay.Ticks;
        double exponential = baseTicks * Math.Pow(2, Math.Min(retry - 1, 30));
        double capped = Math.Min(exponential, _options.MaxDelay.Ticks);
        double jitter = _options.JitterFactor;
        double factor = 1 - jitter + (2 * jitter * _options.Random.NextDouble());
        return TimeSpan.FromTicks((long)Math.Min(capped * factor, _options.MaxDelay.Ticks));
    }

    private void StampResponse(ChatResponse response, ModelSlot slot, int level)
    {
        response.ModelId ??= slot.Descriptor.Model;
        if (_options.StampResponses)
        {
            StampProperties(response.AdditionalProperties ??= [], slot.Descriptor.Id, level);
        }
    }

    private void StampFinal(ChatResponse response, int level)
    {
        response.ModelId ??= FinalFallbackModelId;
        if (_options.StampResponses)
        {
            StampProperties(response.AdditionalProperties ??= [], FinalFallbackModelId, level);
        }
    }

    /// <summary>
    /// A stream commits to its model: the first update it delivers says who serves (only that one: no allocation per
    /// update), and so does the request's activity.
    /// </summary>
    private void StampFirstUpdate(ChatResponseUpdate update, ModelSlot slot, int level, Activity? activity)
    {
        if (_options.StampResponses)
        {
            StampProperties(update.AdditionalProperties ??= [], slot.Descriptor.Id, level);
        }

        activity?.SetTag(FallbackTelemetry.LevelTag, level);
    }

    /// <summary>Says who served: <c>fallback.model</c> and <c>fallback.level</c> (0 when the first enabled model served).</summary>
    private static void StampProperties(AdditionalPropertiesDictionary properties, string modelId, int level)
    {
        properties[ModelProperty] = modelId;
        properties[LevelProperty] = BoxLevel(level);
    }

    private CancellationTokenSource? StartRequestTimeout(CancellationToken cancellationToken)
    {
        if (_options.RequestTimeout is not { } timeout)
        {
            return null;
        }

        var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        return LinkOrOwn(timeoutSource, cancellationToken);
    }

    private CancellationTokenSource? StartAttemptTimeout(ModelSlot slot, CancellationToken token, out TimeSpan timeout)
    {
        if ((slot.Descriptor.AttemptTimeout ?? _options.AttemptTimeout) is not { } value)
        {
            timeout = default;
            return null;
        }

        timeout = value;
        return LinkOrOwn(new CancellationTokenSource(value, _timeProvider), token);
    }

    /// <summary>Starts an attempt's timer again: a stream's attempt timeout bounds the wait for each update, not the whole stream.</summary>
    private static void RestartAttemptTimeout(CancellationTokenSource? source, TimeSpan timeout)
        => (source is LinkedTimeout linked ? linked.Timer : source)?.CancelAfter(timeout);

    /// <summary>Links a timer-driven source with the outer token; the returned source owns both.</summary>
    private static CancellationTokenSource LinkOrOwn(CancellationTokenSource timer, CancellationToken outer)
        => outer.CanBeCanceled ? new LinkedTimeout(timer, outer) : timer;

    /// <summary>A linked source that also disposes the timer source it links.</summary>
    private sealed class LinkedTimeout : CancellationTokenSource
    {
        private readonly CancellationTokenSource _timer;
        private readonly CancellationTokenRegistration _outer;

        public CancellationTokenSource Timer => _timer;

        private readonly CancellationTokenRegistration _inner;

        public LinkedTimeout(CancellationTokenSource timer, CancellationToken outer)
        {
            _timer = timer;
            _outer = outer.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), this);
            _inner = timer.Token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _outer.Dispose();
                _inner.Dispose();
                _timer.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private FallbackAttemptContext? EnterAttemptContext()
    {
        if (!_options.FlowAttemptContext)
        {
            return null;
        }

        var context = new FallbackAttemptContext();
        FallbackAttemptContext.Current = context;
        return context;
    }

    /// <summary>Records a failed attempt everywhere it must be seen: the slot, the request's list, metrics, logs.</summary>
    private void RecordFailure(ModelSlot slot, int attemptNumber, bool isTrial, in FailureClassification failure, Exception exception, TimeSpan duration, ref AttemptLog attempts)
    {
        ModelDescriptor d = slot.Descriptor;
        long reopenAt = _timeProvider.GetUtcNow().UtcTicks + _options.CircuitBreakerCooldown.Ticks;
        if (slot.OnFailure(CountsAgainstCircuit(failure.Kind), isTrial, duration, _options.CircuitBreakerThreshold, reopenAt))
        {
            Log.CircuitOpened(_logger, Name, d.Provider, d.Model, slot.ConsecutiveFailures, (long)_options.CircuitBreakerCooldown.TotalMilliseconds);
        }

        Log.AttemptFailed(_logger, Name, attemptNumber, d.Provider, d.Model, failure.Kind, failure.StatusCode, exception.GetType().Name);
        if (FallbackTelemetry.Attempts.Enabled)
        {
            TagList tags = ModelTags(d);
            tags.Add(FallbackTelemetry.OutcomeTag, FallbackTelemetry.Outcomes.Failure);
            tags.Add(FallbackTelemetry.ErrorTypeTag, KindName(failure.Kind));
            FallbackTelemetry.Attempts.Add(1, tags);
        }

        attempts.Add(new FallbackAttempt(d.Provider, d.Model, d.Client, attemptNumber, failure.Kind, failure.StatusCode, exception, duration));
    }

    /// <summary>The tags every per-model instrument carries: chain, provider and model.</summary>
    private TagList ModelTags(ModelDescriptor model) => new()
    {
        { FallbackTelemetry.ChainTag, Name },
        { FallbackTelemetry.ProviderTag, model.Provider },
        { FallbackTelemetry.RequestModelTag, model.Model },
    };

    private void RecordSuccess(ModelSlot slot, bool isTrial, TimeSpan duration)
    {
        slot.OnSuccess(isTrial, duration);
        if (FallbackTelemetry.Attempts.Enabled)
        {
            ModelDescriptor d = slot.Descriptor;
            TagList tags = ModelTags(d);
            tags.Add(FallbackTelemetry.OutcomeTag, FallbackTelemetry.Outcomes.Success);
            FallbackTelemetry.Attempts.Add(1, tags);
        }
    }

    private void RecordFallingBack(ModelSlot slot, FailureKind kind)
    {
        ModelDescriptor d = slot.Descriptor;
        Log.FallingBack(_logger, Name, d.Provider, d.Model, kind);
        if (FallbackTelemetry.Fallbacks.Enabled)
        {
            TagList tags = ModelTags(d);
            tags.Add(FallbackTelemetry.ErrorTypeTag, KindName(kind));
            FallbackTelemetry.Fallbacks.Add(1, tags);
        }
    }

    /// <summary>Counts a finished request once, in exactly one of the outcome counters.</summary>
    private void CompleteRequest(string outcome, in Cursor cursor, long startTimestamp, string? responseModel, Activity? activity)
    {
        switch (outcome)
        {
            case FallbackTelemetry.Outcomes.Success:
                // Counted by the serving model's slot (RecordSuccess): successful requests are the sum of served.
                break;
            case FallbackTelemetry.Outcomes.Cancelled:
                Interlocked.Increment(ref _cancelled);
                break;
            case FallbackTelemetry.Outcomes.FinalFallback:
                Interlocked.Increment(ref _finalFallbacks);
                Interlocked.Increment(ref _failed);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        if (cursor.FellBack && outcome != FallbackTelemetry.Outcomes.Cancelled)
        {
            Interlocked.Increment(ref _fallbacks);
        }

        if (FallbackTelemetry.Requests.Enabled || FallbackTelemetry.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { FallbackTelemetry.ChainTag, Name },
                { FallbackTelemetry.OutcomeTag, outcome },
            };
            FallbackTelemetry.Requests.Add(1, tags);
            if (responseModel is not null)
            {
                tags.Add(FallbackTelemetry.ResponseModelTag, responseModel);
            }

            FallbackTelemetry.RequestDuration.Record(_timeProvider.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }

        if (activity is not null)
        {
            activity.SetTag(FallbackTelemetry.OutcomeTag, outcome);
            if (responseModel is not null)
            {
                activity.SetTag(FallbackTelemetry.ResponseModelTag, responseModel);
            }

            if (outcome != FallbackTelemetry.Outcomes.Success)
            {
                activity.SetStatus(ActivityStatusCode.Error);
                activity.SetTag(FallbackTelemetry.ErrorTypeTag, outcome);
            }
        }
    }

    private Activity? StartRequestActivity(bool streaming)
    {
        Activity? activity = FallbackTelemetry.ActivitySource.StartActivity(streaming ? "fallback.stream" : "fallback.request", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = "fallback " + Name;
            activity.SetTag(FallbackTelemetry.ChainTag, Name);
        }

        return activity;
    }

    private static Activity? StartAttemptActivity(ModelSlot slot, int attemptNumber)
    {
        if (!FallbackTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        Activity? activity = FallbackTelemetry.ActivitySource.StartActivity("fallback.attempt", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(FallbackTelemetry.ProviderTag, slot.Descriptor.Provider);
            activity.SetTag(FallbackTelemetry.RequestModelTag, slot.Descriptor.Model);
            activity.SetTag(FallbackTelemetry.AttemptTag, attemptNumber);
        }

        return activity;
    }

    private static void EndAttemptActivity(Activity? activity, FailureKind? failure)
    {
        if (activity is null)
        {
            return;
        }

        if (failure is { } kind)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag(FallbackTelemetry.ErrorTypeTag, KindName(kind));
        }

        activity.Dispose();
    }

    private static string KindName(FailureKind kind) => kind switch
    {
        FailureKind.Transient => "transient",
        FailureKind.Timeout => "timeout",
        FailureKind.RateLimited => "rate_limited",
        FailureKind.ContextLengthExceeded => "context_length_exceeded",
        FailureKind.ContentFiltered => "content_filtered",
        FailureKind.Unauthorized => "unauthorized",
        FailureKind.Forbidden => "forbidden",
        FailureKind.ModelNotFound => "model_not_found",
        FailureKind.ClientError => "client_error",
        FailureKind.StreamInterrupted => "stream_interrupted",
        FailureKind.Cancelled => "cancelled",
        _ => "unknown",
    };

    /// <summary>
    /// Classifies a failed attempt. A timeout the engine set off is a timeout, whatever the client threw for it.
    /// The expiry flags are what the timers said when the failure was caught, not later.
    /// </summary>
    private FailureClassification ClassifyAttempt(
        Exception exception, ModelSlot slot, bool requestExpired, bool attemptExpired, TimeSpan timeout, FallbackAttemptContext? context,
        out Exception error, out bool requestTimedOut)
    {
        requestTimedOut = requestExpired;
        if (requestTimedOut)
        {
            error = new TimeoutException($"The request timeout of chain '{Name}' elapsed.", exception);
            return new FailureClassification(FailureKind.Timeout);
        }

        if (attemptExpired)
        {
            error = AttemptTimedOut(slot, timeout, exception);
            return new FailureClassification(FailureKind.Timeout);
        }

        error = exception;
        return Classify(exception, context);
    }

    /// <summary>
    /// Records a failed attempt and decides what follows: the delay before retrying the same model, or null
    /// to move on to the next model.
    /// </summary>
    private TimeSpan? AfterFailure(
        ModelSlot slot, int attempt, int maxAttempts, bool isTrial, in FailureClassification failure, Exception error, long attemptStarted,
        bool requestTimedOut, ref Cursor cursor, ref AttemptLog attempts)
    {
        RecordFailure(slot, attempt, isTrial, failure, error, _timeProvider.GetElapsedTime(attemptStarted), ref attempts);
        if (failure.Kind == FailureKind.ContextLengthExceeded)
        {
            cursor.OverflowWindow = Math.Max(cursor.OverflowWindow, slot.Descriptor.ContextWindow);
        }

        TimeSpan? delay = attempt < maxAttempts && !requestTimedOut ? RetryDelay(failure, attempt) : null;
        if (delay is { } wait)
        {
            Log.Retrying(_logger, Name, slot.Descriptor.Provider, slot.Descriptor.Model, (long)wait.TotalMilliseconds);
        }
        else if (!requestTimedOut)
        {
            RecordFallingBack(slot, failure.Kind);
        }

        return delay;
    }

    /// <summary>
    /// Every model failed: the final fallback's answer, or <see cref="AllModelsFailedException"/>. Counts the
    /// request exactly once whatever happens, a caller cancelling while the final fallback runs included.
    /// </summary>
    private async Task<ChatResponse> ExhaustedAsync(
        FallbackRoute route, IEnumerable<ChatMessage> messages, AttemptLog attempts, bool requestTimedOut,
        Cursor cursor, long started, Activity? activity, CancellationToken cancellationToken)
    {
        AllModelsFailedException exhausted = Exhausted(attempts, requestTimedOut);
        if (_finalFallback is null)
        {
            CompleteRequest(FallbackTelemetry.Outcomes.Failure, cursor, started, null, activity);
            throw exhausted;
        }

        Log.FinalFallbackUsed(_logger, Name, exhausted.Attempts.Count);
        ChatResponse fallback;
        try
        {
            fallback = await _finalFallback(messages, exhausted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                CompleteRequest(FallbackTelemetry.Outcomes.Cancelled, cursor, started, null, activity);
                throw Cancelled(ex, cancellationToken);
            }

            CompleteRequest(FallbackTelemetry.Outcomes.Failure, cursor, started, null, activity);
            throw;
        }

        StampFinal(fallback, EnabledCount(route));
        CompleteRequest(FallbackTelemetry.Outcomes.FinalFallback, cursor, started, FinalFallbackModelId, activity);
        return fallback;
    }

    private AllModelsFailedException Exhausted(in AttemptLog attempts, bool requestTimedOut)
    {
        int count = attempts.Count;
        Log.AllModelsFailed(_logger, Name, count);
        return new AllModelsFailedException(
            Name,
            attempts.ToArray(),
            requestTimedOut ? "the request timeout elapsed" : count == 0 ? "no enabled model" : null);
    }

    private static OperationCanceledException Cancelled(Exception? exception, CancellationToken cancellationToken)
        => exception as OperationCanceledException ?? new OperationCanceledException("The caller cancelled the request.", exception, cancellationToken);

    /// <summary>A client that answers null has failed the attempt: the caller never sees a null answer counted as served.</summary>
    private static InvalidOperationException NullResponse(ModelSlot slot)
        => new($"The client for {slot.Descriptor} returned no response (null).");

    private static TimeoutException AttemptTimedOut(ModelSlot slot, TimeSpan timeout, Exception inner)
        => new($"The attempt on {slot.Descriptor} timed out after {timeout.TotalMilliseconds:0} ms.", inner);
}
