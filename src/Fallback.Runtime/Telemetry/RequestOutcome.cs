namespace Fallback;

/// <summary>How a request through a chain ended; each request ends in exactly one.</summary>
internal enum RequestOutcome
{
    /// <summary>A model served it.</summary>
    Success,

    /// <summary>Every model failed (or a stream was cut after output) and nothing answered.</summary>
    Failure,

    /// <summary>Every model failed and the final fallback answered.</summary>
    FinalFallback,

    /// <summary>The caller cancelled.</summary>
    Cancelled,
}
