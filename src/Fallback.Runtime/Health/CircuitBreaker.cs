using System;
using System.Threading;

namespace Fallback;

/// <summary>
/// One model's circuit as a state machine: closed, open until a moment, half-open with exactly one trial in
/// flight. When to open is not decided here (<see cref="ConsecutiveFailuresRule"/>); lock-free.
/// </summary>
internal sealed class CircuitBreaker
{
    // 0: closed; otherwise the UTC ticks when the cooldown ends.
    private long _openUntilTicks;
    private int _trialInFlight;

    // Failed trials since the circuit last closed: how far the cooldown has grown.
    private int _failedTrials;

    public bool IsClosed => Volatile.Read(ref _openUntilTicks) == 0;

    public CircuitState GetState(long nowTicks, out DateTimeOffset? openUntil)
    {
        long until = Volatile.Read(ref _openUntilTicks);
        if (until == 0)
        {
            openUntil = null;
            return CircuitState.Closed;
        }

        openUntil = new DateTimeOffset(until, TimeSpan.Zero);
        return nowTicks < until ? CircuitState.Open : CircuitState.HalfOpen;
    }

    /// <summary>
    /// Whether a request may use the model now. In the half-open state exactly one request wins the trial
    /// (<paramref name="isTrial"/>); the others see the circuit as open.
    /// </summary>
    public bool TryEnter(TimeProvider clock, out bool isTrial)
    {
        isTrial = false;
        long until = Volatile.Read(ref _openUntilTicks);
        if (until == 0)
        {
            return true; // Closed: the common case reads no clock.
        }

        if (clock.GetUtcNow().UtcTicks < until || Interlocked.CompareExchange(ref _trialInFlight, 1, 0) != 0)
        {
            return false;
        }

        // The trial slot was taken after reading the circuit: a trial that succeeded in between closed it, and a
        // request on a closed circuit is no trial (a failure of it must not reopen the circuit as a failed trial would).
        if (Volatile.Read(ref _openUntilTicks) == 0)
        {
            Volatile.Write(ref _trialInFlight, 0);
            return true;
        }

        isTrial = true;
        return true;
    }

    /// <summary>A request served: the circuit closes (written only when open: needless stores to a shared line cost more than reads).</summary>
    public void Close(bool isTrial)
    {
        if (Volatile.Read(ref _openUntilTicks) != 0)
        {
            Volatile.Write(ref _openUntilTicks, 0);
            Volatile.Write(ref _failedTrials, 0);
        }

        ReleaseTrial(isTrial);
    }

    /// <summary>
    /// Opens the circuit, or moves its cooldown forward. The cooldown starts at <paramref name="cooldown"/> and doubles
    /// with each failed trial in a row, up to <paramref name="maxCooldown"/>. Returns the cooldown when this call opened
    /// the circuit (it was closed, or a trial failed), else null.
    /// </summary>
    public TimeSpan? Open(TimeProvider clock, TimeSpan cooldown, TimeSpan maxCooldown, bool isTrial)
    {
        int failedTrials = isTrial ? Interlocked.Increment(ref _failedTrials) : Volatile.Read(ref _failedTrials);
        TimeSpan duration = Cooldown(cooldown, maxCooldown, failedTrials);
        long previous = Interlocked.Exchange(ref _openUntilTicks, clock.GetUtcNow().UtcTicks + duration.Ticks);
        return previous == 0 || isTrial ? duration : null;
    }

    /// <summary>The cooldown after <paramref name="failedTrials"/> failed trials in a row: doubled each time, capped.</summary>
    public static TimeSpan Cooldown(TimeSpan cooldown, TimeSpan maxCooldown, int failedTrials)
    {
        double ticks = cooldown.Ticks * Math.Pow(2, Math.Min(failedTrials, 30));
        return ticks >= maxCooldown.Ticks ? maxCooldown : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Ends a trial: with a verdict (after <see cref="Open"/> or <see cref="Close"/>) or without one (the caller cancelled).</summary>
    public void ReleaseTrial(bool isTrial)
    {
        if (isTrial)
        {
            Volatile.Write(ref _trialInFlight, 0);
        }
    }
}
