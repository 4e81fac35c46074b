namespace Fallback;

/// <summary>The circuit breaker state of one model.</summary>
public enum CircuitState
{
    /// <summary>The model is tried normally.</summary>
    Closed,

    /// <summary>The model failed repeatedly and is skipped until its cooldown ends.</summary>
    Open,

    /// <summary>The cooldown ended: the next request tries the model once; success closes the circuit, failure opens it again.</summary>
    HalfOpen,
}
