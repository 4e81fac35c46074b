using System;
using System.Diagnostics;
using System.Threading;

namespace Fallback;

/// <summary>
/// One attempt's surroundings, set up and torn down in one place: its timer, the attempt context an HTTP handler
/// reports to, its activity, and the judgement of its failure by the timers as they were when it was caught.
/// A struct in the driver's frame: an attempt with no timer, context or listener costs nothing.
/// </summary>
internal struct AttemptScope
{
    private CancellationTokenSource? _timer;
    private TimeSpan _timeout;
    private FallbackAttemptContext? _context;
    private Activity? _activity;

    public static AttemptScope Start(EngineSettings settings, ModelSlot slot, int attemptNumber, CancellationToken requestToken)
    {
        var scope = default(AttemptScope);
        if (settings.AttemptTimeout(slot) is { } timeout)
        {
            scope._timeout = timeout;
            scope._timer = Timeouts.LinkOrOwn(new CancellationTokenSource(timeout, settings.TimeProvider), requestToken);
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
    public readonly CancellationToken Token(CancellationToken requestToken) => _timer?.Token ?? requestToken;

    /// <summary>Whether the attempt's own timer has fired.</summary>
    public readonly bool Expired => _timer?.IsCancellationRequested == true;

    /// <summary>Starts the attempt's timer again: an update arrived.</summary>
    public readonly void RestartTimer()
    {
        if (_timer is not null)
        {
            Timeouts.Restart(_timer, _timeout);
        }
    }

    /// <summary>
    /// Judges a failed attempt. A timeout the engine set off is a timeout, whatever the client threw for it; the
    /// expiry flags are what the timers said when the failure was caught, not later. <paramref name="error"/> is
    /// the exception to report.
    /// </summary>
    public readonly FailureClassification Classify(
        Exception exception, ModelSlot slot, string chain, bool requestExpired, bool attemptExpired, ClassifierChain classifier, out Exception error)
    {
        if (requestExpired)
        {
            error = new TimeoutException($"The request timeout of chain '{chain}' elapsed.", exception);
            return new FailureClassification(FailureKind.Timeout);
        }

        if (attemptExpired)
        {
            error = new TimeoutException($"The attempt on {slot.Descriptor} timed out after {_timeout.TotalMilliseconds:0} ms.", exception);
            return new FailureClassification(FailureKind.Timeout);
        }

        error = exception;
        return classifier.Classify(exception, _context);
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
        _timer?.Dispose();
        if (_context is not null)
        {
            FallbackAttemptContext.Current = null;
        }
    }
}
