using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Fallback.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when a timer is created and for how long, so a test can
/// advance the clock exactly when the engine waits (a backoff, a Retry-After, an attempt timeout): no
/// sleeping, no racing the engine. Shared by the runtime and provider tests (linked into both).
/// </summary>
public sealed class ObservableTime : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _timers = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = new();

    public ObservableTime()
    {
    }

    public ObservableTime(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>A real-time bound on waiting for a timer: a bug fails the test instead of hanging the run.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Due times of every timer created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Timers
    {
        get
        {
            lock (_gate)
            {
                return _timers.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _timers.Add(dueTime);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _timers.Count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        return timer;
    }

    /// <summary>Completes once at least <paramref name="count"/> timers exist.</summary>
    public Task WaitForTimersAsync(int count)
    {
        lock (_gate)
        {
            if (_timers.Count >= count)
            {
                return Task.CompletedTask;
            }

            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, source));
            return source.Task.WaitAsync(Patience);
        }
    }
}
