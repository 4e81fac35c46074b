namespace Fallback.Generator.Tests;

/// <summary>The generator's tracking names (TrackingNames.cs is internal to the generator; these must match it).</summary>
internal static class StepNames
{
    public const string Chains = "Chains";
    public const string ValidChains = "ValidChains";
    public const string ChainNames = "ChainNames";
    public const string NameOverrides = "NameOverrides";
    public const string NamedChains = "NamedChains";
    public const string Catalogue = "Catalogue";
    public const string CataloguedChains = "CataloguedChains";
    public const string SourceOutput = "SourceOutput";
}
