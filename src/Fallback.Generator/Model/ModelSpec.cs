namespace Fallback.SourceGeneration.Model;

/// <summary>One <c>[Model]</c> entry of the table, as declared.</summary>
internal sealed record ModelSpec(
    string Provider,
    string Model,
    int Priority,
    int MaxRetries,
    bool Enabled,
    string? Client,
    int AttemptTimeoutMs,
    int ContextWindow,
    int FirstTokenTimeoutMs,
    bool SupportsPrefill);
