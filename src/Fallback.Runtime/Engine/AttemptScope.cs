using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Fallback;

/// <summary>
/// One attempt's surroundings, set up and torn down in one place: its timer, the attempt context an HTTP handler
/// reports to, its activity, and the judgement of its failure by the timers as they were when it was caught.
/// A struct in the driver's frame: an attempt with no timer, context or listener costs nothing.
/// </summary>
internal struct AttemptScope
{
    private AttemptTimer? _timer;
    private FallbackAttemptContext? _context;
    private Activity? _activity;

    /// <summary>
    /// The attempt's timer and what it is counting down; a class, so a copy of the scope (an awaited helper's) moves
    /// the same phase on. Allocated only for an attempt that has a timer.
    /// </summary>
    private sealed class AttemptTimer(CancellationTokenSource source, TimerPhase phase)
    {
        public CancellationTokenSource Source { get; } = source;

        public TimerPhase Phase { get; set; } = phase;
    }

    /// <summary>What the attempt's timer is counting down.</summary>
    private enum TimerPhase : byte
    {
        /// <summary>No timer (or it was disarmed after the first update).</summary>
        None,

        /// <summary>A stream's time to first token.</summary>
        FirstUpdate,

        /// <summary>The attempt timeout: a whole answer, or a stream's wait for its first update.</summary>
        Attempt,

        /// <summary>A stream's wait for its next update after the first: a stall.</summary>
        Stall,
    }

    /// <summary>Starts an attempt; a stream's first update is timed by the first-token limit when one is set.</summary>
    public static AttemptScope Start(EngineSettings settings, ModelSlot slot, int attemptNumber, CancellationToken requestToken, bool streaming = false)
    {
        var scope = default(AttemptScope);
        TimeSpan? firstUpdate = streaming ? settings.FirstTokenTimeout(slot) : null;
        if ((firstUpdate ?? settings.AttemptTimeout(slot)) is { } timeout)
        {
            scope._timer = new AttemptTimer(
                Timeouts.LinkOrOwn(new CancellationTokenSource(timeout, settings.TimeProvider), requestToken),
                firstUpdate is null ? TimerPhase.Attempt : TimerPhase.FirstUpdate);
        }

        if (settings.FlowAttemptContext)
        {
            scope._context = new FallbackAttemptContext();
            FallbackAttemptContext.Current = scope._context;
        }

        scope._activity = ChainTelemetry.StartAttempt(slot.Descriptor, attemptNumber);
        return scope;
    }

    /// <summary>The token the client gets: the attempt's timer, else the request's token.</summary>
    public readonly CancellationToken Token(CancellationToken requestToken) => _timer?.Source.Token ?? requestToken;

    /// <summary>Whether the attempt's own timer has fired.</summary>
    public readonly bool Expired => _timer?.Source.IsCancellationRequested == true;

    /// <summary>
    /// An update arrived: the timer now bounds the wait for the next one (the attempt timeout: a long answer that keeps
    /// streaming is never cut), or is disarmed when only the first update was timed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per streamed update: no call when there is no timer
    public readonly void UpdateArrived(EngineSettings settings, ModelSlot slot)
    {
        if (_timer is not null)
        {
            Rearm(_timer, settings, slot);
        }
    }

    private static void Rearm(AttemptTimer timer, EngineSettings settings, ModelSlot slot)
    {
        if (timer.Phase == TimerPhase.None)
        {
            return;
        }

        if (settings.AttemptTimeout(slot) is { } stall)
        {
            Timeouts.Restart(timer.Source, stall);
            timer.Phase = TimerPhase.Stall;
        }
        else
        {
            Timeouts.Restart(timer.Source, Timeout.InfiniteTimeSpan);
            timer.Phase = TimerPhase.None;
        }
    }

    /// <summary>
    /// Judges a failed attempt. A timeout the engine set off is a timeout, whatever the client threw for it; the
    /// expiry flags are what the timers said when the failure was caught, not later. <paramref name="error"/> is
    /// the exception to report.
    /// </summary>
    public readonly FailureClassification Classify(
        Exception exception, ModelSlot slot, EngineSettings settings, string chain, bool requestExpired, bool attemptExpired, out Exception error)
    {
        if (requestExpired)
        {
            error = new TimeoutException($"The request timeout of chain '{chain}' elapsed.", exception);
            return new FailureClassification(FailureKind.Timeout);
        }

        if (attemptExpired)
        {
            error = new TimeoutException(_timer?.Phase switch
            {
                TimerPhase.FirstUpdate => $"The stream from {slot.Descriptor} sent no first update within {Ms(settings.FirstTokenTimeout(slot))} ms.",
                TimerPhase.Stall => $"The stream from {slot.Descriptor} stalled: no update for {Ms(settings.AttemptTimeout(slot))} ms.",
                _ => $"The attempt on {slot.Descriptor} timed out after {Ms(settings.AttemptTimeout(slot))} ms.",
            }, exception);
            return new FailureClassification(FailureKind.Timeout);
        }

        error = exception;
        if (exception is StreamEndedUnfinishedException)
        {
            return new FailureClassification(FailureKind.StreamInterrupted); // the engine's own verdict, as a timer's is
        }

        return settings.Classifier.Classify(exception, _context);

        static string Ms(TimeSpan? value) => (value ?? TimeSpan.Zero).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Ends the attempt's activity: failed with its kind, or (null) served.</summary>
    public void EndActivity(FailureKind? failure)
    {
        ChainTelemetry.EndAttempt(_activity, failure);
        _activity = null;
    }

    /// <summary>Stops the timer and takes the attempt context off the flow.</summary>
    public readonly void Dispose()
    {
        _timer?.Source.Dispose();
        if (_context is not null)
        {
            FallbackAttemptContext.Current = null;
        }
    }
}
