namespace Fallback;

/// <summary>What went wrong in one attempt; it decides whether the chain retries, falls back or stops.</summary>
public enum FailureKind
{
    /// <summary>Not recognised. The chain falls back without retrying the model.</summary>
    Unknown = 0,

    /// <summary>5xx, 408, 529 overloaded, connection failures: retried, then fallen back.</summary>
    Transient,

    /// <summary>The attempt (or the whole request) ran out of time: retried, then fallen back.</summary>
    Timeout,

    /// <summary>429: retried after <c>Retry-After</c> when it is given and within the cap, else fallen back at once.</summary>
    RateLimited,

    /// <summary>The prompt is too long for the model: fallen back without retrying.</summary>
    ContextLengthExceeded,

    /// <summary>The provider's content filter refused: fallen back without retrying.</summary>
    ContentFiltered,

    /// <summary>401: fallen back without retrying.</summary>
    Unauthorized,

    /// <summary>403: fallen back without retrying.</summary>
    Forbidden,

    /// <summary>404 or an unknown model: fallen back without retrying.</summary>
    ModelNotFound,

    /// <summary>Any other 4xx: fallen back without retrying.</summary>
    ClientError,

    /// <summary>A stream ended or broke before a finish reason: retried, then fallen back, while nothing was delivered.</summary>
    StreamInterrupted,

    /// <summary>The caller cancelled: the chain stops at once and counts no failure.</summary>
    Cancelled,
}
