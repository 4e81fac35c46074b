using System;

namespace Fallback;

/// <summary>
/// Declares a partial interface as a model fallback chain. The Fallback source generator emits a sealed
/// implementation named after the interface (<c>IContentGenerator</c> becomes <c>ContentGeneratorChain</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class FallbackChainAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The chain's name: used in statistics, telemetry, errors and as the keyed service key.</param>
    public FallbackChainAttribute(string name) => Name = name;

    /// <summary>The chain's name.</summary>
    public string Name { get; }

    /// <summary>
    /// States that the chain has no final fallback on purpose: when every model failed, callers get
    /// <see cref="AllModelsFailedException"/>. Silences diagnostic FB0003.
    /// </summary>
    public bool ThrowWhenExhausted { get; set; }

    /// <summary>
    /// Routes around a content-filter rejection to the next model instead of ending the request with
    /// <see cref="ContentFilteredException"/>; same as <see cref="FallbackOptions.FallBackOnContentFilter"/>, which this
    /// sets for the chain. Declared <c>true</c>, the chain routes around filters whatever options it is given (the
    /// options instance passed in is not changed: the chain runs on a copy with the value set); left <c>false</c>,
    /// the options decide. Default false.
    /// </summary>
    public bool FallBackOnContentFilter { get; set; }

    /// <summary>
    /// The chain's request timeout in milliseconds: the longest one request may take across all models, retries and
    /// waits; 0 (the default) declares none, and a negative value is an error (FB0027; no chain is generated). It is
    /// the chain's default <see cref="FallbackOptions.RequestTimeout"/>: used when the options the chain is built with
    /// leave <see cref="FallbackOptions.RequestTimeout"/> null. A value set explicitly in the options or in configuration
    /// (<c>Fallback:Chains:&lt;name&gt;:RequestTimeout</c>) wins. The analyzers compare it with the chain's worst case
    /// (FB0022), which the generated chain also publishes as <c>WorstCaseAttempts</c> and <c>WorstCaseMilliseconds</c>.
    /// </summary>
    public int RequestTimeoutMs { get; set; }
}
