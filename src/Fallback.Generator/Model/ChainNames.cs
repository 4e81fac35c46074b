namespace Fallback.SourceGeneration.Model;

/// <summary>The names one chain would give the things that share a scope with other chains' (see <see cref="UniqueNames"/>).</summary>
/// <param name="MetadataName">The interface's full metadata name: what tells chains apart, and what their disambiguators hash.</param>
/// <param name="HintName">The hint name it would use.</param>
/// <param name="Namespace">The namespace its top-level DI extension class goes in ("" for the global namespace).</param>
/// <param name="ExtensionName">The DI extension's core name it would use.</param>
/// <param name="IsNested">Whether the interface is nested in a type (a top-level interface keeps its extension name).</param>
internal sealed record ChainNames(string MetadataName, string HintName, string Namespace, string ExtensionName, bool IsNested);

/// <summary>A name one chain takes instead of the one it would use, because another chain would use it too.</summary>
/// <param name="MetadataName">The chain interface's full metadata name.</param>
/// <param name="HintName">The hint name to use instead, or null to keep it.</param>
/// <param name="ExtensionName">The DI extension's core name to use instead, or null to keep it.</param>
internal sealed record NameOverride(string MetadataName, string? HintName, string? ExtensionName);
