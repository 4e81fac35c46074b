namespace Fallback.SourceGeneration;

/// <summary>The tracking names of the pipeline's steps, for incremental tests (NetEscapades, Mapperly).</summary>
internal static class TrackingNames
{
    /// <summary>Every <c>[FallbackChain]</c> interface, parsed into a spec or null when it cannot be implemented.</summary>
    public const string Chains = nameof(Chains);

    /// <summary>The specs of the chains the generator implements.</summary>
    public const string ValidChains = nameof(ValidChains);

    /// <summary>The names each chain would use where chains share a scope.</summary>
    public const string ChainNames = nameof(ChainNames);

    /// <summary>The names some chains take instead, because another chain would use the same; usually none.</summary>
    public const string NameOverrides = nameof(NameOverrides);

    /// <summary>The specs with the names they take.</summary>
    public const string NamedChains = nameof(NamedChains);

    /// <summary>The project's model catalogue: the pinned facts with its <c>fallback.models.json</c> entries over them.</summary>
    public const string Catalogue = nameof(Catalogue);

    /// <summary>The named specs with what their models leave unknown filled from the catalogue: what the source output writes.</summary>
    public const string CataloguedChains = nameof(CataloguedChains);
}
