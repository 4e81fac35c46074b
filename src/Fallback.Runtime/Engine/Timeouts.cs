using System;
using System.Threading;

namespace Fallback;

/// <summary>The engine's timers as cancellation sources on the settings' clock, linked with the token they bound.</summary>
internal static class Timeouts
{
    /// <summary>The request's timer linked with the caller's token; null when the chain has no request timeout.</summary>
    public static CancellationTokenSource? StartRequest(EngineSettings settings, CancellationToken cancellationToken)
        => settings.RequestTimeout is { } timeout ? LinkOrOwn(new CancellationTokenSource(timeout, settings.TimeProvider), cancellationToken) : null;

    /// <summary>Links a timer-driven source with the outer token; the returned source owns both.</summary>
    public static CancellationTokenSource LinkOrOwn(CancellationTokenSource timer, CancellationToken outer)
        => outer.CanBeCanceled ? new LinkedTimeout(timer, outer) : timer;

    /// <summary>Starts a timer again (a stream's attempt timeout bounds the wait for each update, not the whole stream).</summary>
    public static void Restart(CancellationTokenSource source, TimeSpan timeout)
        => (source is LinkedTimeout linked ? linked.Timer : source).CancelAfter(timeout);

    /// <summary>A linked source that also disposes the timer source it links.</summary>
    private sealed class LinkedTimeout : CancellationTokenSource
    {
        private readonly CancellationTokenRegistration _outer;
        private readonly CancellationTokenRegistration _inner;

        public LinkedTimeout(CancellationTokenSource timer, CancellationToken outer)
        {
            Timer = timer;
            _outer = outer.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), this);
            _inner = timer.Token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), this);
        }

        public CancellationTokenSource Timer { get; }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _outer.Dispose();
                _inner.Dispose();
                Timer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
