namespace Fallback.SourceGeneration.Model;

/// <summary>One type the interface is nested in (CommunityToolkit's HierarchyInfo, reduced to what the emitter writes).</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's name, escaped when it is a keyword.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
