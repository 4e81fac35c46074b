namespace Fallback.Generator.Tests;

/// <summary>The generator's tracking names (TrackingNames.cs is internal to the generator; these must match it).</summary>
internal static class StepNames
{
    public const string Chains = "Chains";
    public const string ValidChains = "ValidChains";
    public const string SourceOutput = "SourceOutput";
}
