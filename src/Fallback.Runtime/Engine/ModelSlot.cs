using System;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>The run-time state of one model-table entry: switch, circuit breaker and counters, all lock-free.</summary>
internal sealed class ModelSlot
{
    // Circuit: OpenUntilTicks == 0 means closed; otherwise UTC ticks when the cooldown ends.
    private long _openUntilTicks;
    private int _consecutiveFailures;
    private int _trialInFlight;
    private int _enabled;

    // Counters. Attempts are failures + served: one interlocked add fewer per request.
    private long _failures;
    private long _served;
    private long _latencyTicks;

    public ModelSlot(int index, ModelDescriptor descriptor, IChatClient client)
    {
        Index = index;
        Descriptor = descriptor;
        Client = client;
        _enabled = descriptor.Enabled ? 1 : 0;
    }

    public int Index { get; }

    public ModelDescriptor Descriptor { get; }

    public IChatClient Client { get; }

    public bool Enabled
    {
        get => Volatile.Read(ref _enabled) != 0;
        set => Volatile.Write(ref _enabled, value ? 1 : 0);
    }

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    public CircuitState GetCircuit(long nowTicks, out DateTimeOffset? openUntil)
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

    /// <summary>Records a served request: closes the circuit.</summary>
    public void OnSuccess(bool isTrial, TimeSpan duration)
    {
        Interlocked.Increment(ref _served);
        Interlocked.Add(ref _latencyTicks, duration.Ticks);

        // Written only when set: under concurrent requests, needless stores to a shared line cost more than the reads.
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
        }

        if (Volatile.Read(ref _openUntilTicks) != 0)
        {
            Volatile.Write(ref _openUntilTicks, 0);
        }

        if (isTrial)
        {
            Volatile.Write(ref _trialInFlight, 0);
        }
    }

    /// <summary>Records a failed attempt. Returns true when this failure opened the circuit.</summary>
    public bool OnFailure(bool countsAgainstCircuit, bool isTrial, TimeSpan duration, int threshold, long reopenUntilTicks)
    {
        Interlocked.Increment(ref _failures);
        Interlocked.Add(ref _latencyTicks, duration.Ticks);
        bool opened = false;
        if (countsAgainstCircuit && threshold > 0)
        {
            int failures = Interlocked.Increment(ref _consecutiveFailures);
            if (isTrial || failures >= threshold)
            {
                // Opening (or re-opening after a failed trial) moves the cooldown forward.
                long previous = Interlocked.Exchange(ref _openUntilTicks, reopenUntilTicks);
                opened = previous == 0 || isTrial;
            }
        }

        if (isTrial)
        {
            Volatile.Write(ref _trialInFlight, 0);
        }

        return opened;
    }

    /// <summary>A trial that ended without a verdict on the model (the caller cancelled) gives the trial back.</summary>
    public void ReleaseTrial(bool isTrial)
    {
        if (isTrial)
        {
            Volatile.Write(ref _trialInFlight, 0);
        }
    }

    public ModelStats GetStats()
    {
        long failures = Interlocked.Read(ref _failures);
        long served = Interlocked.Read(ref _served);
        return new(
            Descriptor.Provider,
            Descriptor.Model,
            Descriptor.Client,
            failures + served,
            failures,
            served,
            TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)));
    }

    public long Served => Interlocked.Read(ref _served);

    public void ResetStats()
    {
        Interlocked.Exchange(ref _failures, 0);
        Interlocked.Exchange(ref _served, 0);
        Interlocked.Exchange(ref _latencyTicks, 0);
    }
}
