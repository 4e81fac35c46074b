using System;

namespace Fallback;

/// <summary>
/// Whether and when a failed attempt is tried again on the same model: exponential backoff with jitter and a cap,
/// <c>Retry-After</c> honoured up to its own cap, a timeout with no response not retried unless asked. Pure but for
/// the jitter source.
/// </summary>
internal sealed class RetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay, double jitterFactor, TimeSpan maxRetryAfter, Random random, bool retryOnTimeout = false)
{
    /// <summary>
    /// The delay before the next attempt on the same model after attempt <paramref name="attempt"/> (1-based) of
    /// <paramref name="attemptsAllowed"/> failed; null to move on to the next model.
    /// </summary>
    public TimeSpan? NextDelay(in FailureClassification failure, int attempt, int attemptsAllowed)
        => attempt < attemptsAllowed ? DelayBeforeRetry(failure, attempt) : null;

    /// <summary>The delay before retry <paramref name="retry"/> (1-based), or null when the failure is not worth retrying.</summary>
    public TimeSpan? DelayBeforeRetry(in FailureClassification failure, int retry)
    {
        if (!failure.IsRetryable || (failure.Kind == FailureKind.Timeout && !retryOnTimeout))
        {
            return null; // A silent provider stays silent: retrying it only multiplies the wait.
        }

        if (failure.RetryAfter is { } retryAfter)
        {
            // A generated delay is capped; a server-given one is not shortened: past the cap it becomes a fallback.
            return retryAfter <= maxRetryAfter ? retryAfter : null;
        }

        return Backoff(retry);
    }

    /// <summary>Exponential backoff from the base delay, drawn from [d·(1−j), d·(1+j)], capped at the largest delay.</summary>
    public TimeSpan Backoff(int retry)
    {
        double exponential = baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 30));
        double capped = Math.Min(exponential, maxDelay.Ticks);
        double factor = 1 - jitterFactor + (2 * jitterFactor * random.NextDouble());
        return TimeSpan.FromTicks((long)Math.Min(capped * factor, maxDelay.Ticks));
    }
}
