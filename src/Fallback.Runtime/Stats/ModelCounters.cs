using System;
using System.Threading;

namespace Fallback;

/// <summary>One model's counters, lock-free. Attempts are failures + served: one interlocked add fewer per request.</summary>
internal sealed class ModelCounters
{
    private long _failures;
    private long _served;
    private long _latencyTicks;

    public long Served => Interlocked.Read(ref _served);

    public void OnServed(TimeSpan duration)
    {
        Interlocked.Increment(ref _served);
        Interlocked.Add(ref _latencyTicks, duration.Ticks);
    }

    public void OnFailed(TimeSpan duration)
    {
        Interlocked.Increment(ref _failures);
        Interlocked.Add(ref _latencyTicks, duration.Ticks);
    }

    public ModelStats Snapshot(ModelDescriptor model)
    {
        long failures = Interlocked.Read(ref _failures);
        long served = Interlocked.Read(ref _served);
        return new(model.Provider, model.Model, model.Client, failures + served, failures, served, TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)));
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _failures, 0);
        Interlocked.Exchange(ref _served, 0);
        Interlocked.Exchange(ref _latencyTicks, 0);
    }
}
