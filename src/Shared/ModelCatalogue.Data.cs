// Placeholder until the researched table lands.
namespace Fallback.SourceGeneration;

internal sealed partial class ModelCatalogue
{
    /// <summary>The date the facts below were checked against their sources.</summary>
    public const string AsOf = "2026-12-01";

    private static readonly CatalogueEntry[] s_entries =
    [
        new("openai", "gpt-4o", contextWindow: 128_000, maxOutputTokens: 16_384, supportsPrefill: false, inputPerMillion: 2.50, outputPerMillion: 10.00),
        new("openai", "gpt-4o-mini", contextWindow: 128_000, maxOutputTokens: 16_384, supportsPrefill: false, inputPerMillion: 0.15, outputPerMillion: 0.60),
    ];
}
