using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are still pending and when each is due, so the
/// bench driver can jump the clock straight to the next thing anyone (the engine, the SDK, a local server holding a
/// first token or a stall) is waiting for. Every create, change, fire and dispose bumps <see cref="Version"/>.
/// </summary>
internal sealed class BenchClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = new();
    private int _version;

    public BenchClock()
        : base(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Changes whenever a timer is created, changed, fired or disposed.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>The earliest moment a pending timer is due after now, or null when nothing waits on the clock.</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset now = GetUtcNow();
        DateTimeOffset? next = null;
        lock (_gate)
        {
            _timers.RemoveAll(static t => t.Due is null);
            foreach (TrackedTimer timer in _timers)
            {
                if (timer.Due is { } due && due > now && (next is null || due < next))
                {
                    next = due;
                }
            }
        }

        return next;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        timer.Schedule(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, dueTime, period);
        Touch();
        return timer;
    }

    private void Touch() => Interlocked.Increment(ref _version);

    private sealed class TrackedTimer(BenchClock clock, TimerCallback callback, object? state) : ITimer
    {
        private readonly object _gate = new();
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? Due
        {
            get
            {
                lock (_gate)
                {
                    return _due;
                }
            }
        }

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _period = period;
            }
        }

        public void Fire()
        {
            lock (_gate)
            {
                _due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : _due + _period;
            }

            clock.Touch();
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            clock.Touch();
            return Inner?.Change(dueTime, period) ?? true;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _due = null;
            }

            clock.Touch();
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
