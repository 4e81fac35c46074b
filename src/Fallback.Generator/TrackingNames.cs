namespace Fallback.SourceGeneration;

/// <summary>The tracking names of the pipeline's steps, for incremental tests (NetEscapades, Mapperly).</summary>
internal static class TrackingNames
{
    /// <summary>Every <c>[FallbackChain]</c> interface, parsed into a spec or null when it cannot be implemented.</summary>
    public const string Chains = nameof(Chains);

    /// <summary>The specs of the chains the generator implements.</summary>
    public const string ValidChains = nameof(ValidChains);
}
