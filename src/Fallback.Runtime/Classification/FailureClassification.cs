using System;

namespace Fallback;

/// <summary>The verdict on one failed attempt.</summary>
public readonly record struct FailureClassification(FailureKind Kind, int? StatusCode = null, TimeSpan? RetryAfter = null, string? ErrorCode = null)
{
    /// <summary>Whether this kind of failure may succeed on the same model if tried again.</summary>
    public bool IsRetryable => Kind is FailureKind.Transient or FailureKind.Timeout or FailureKind.StreamInterrupted
        || (Kind == FailureKind.RateLimited && RetryAfter is not null);
}
