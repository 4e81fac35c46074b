namespace Fallback.SourceGeneration.Model;

/// <summary>Everything the emitter needs to write one chain: strings, numbers and equatable arrays only.</summary>
/// <param name="MetadataName">The interface's full metadata name (<c>N.Outer+IChat</c>): unique in the compilation, ordinal.</param>
/// <param name="HintName">
/// The generated file's hint name: <c>{Namespace}.{Containing types}.{Interface}.g.cs</c>, until <see cref="UniqueNames"/>
/// gives it a disambiguator because another chain's would be the same (hint names compare without case).
/// </param>
/// <param name="Namespace">The interface's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The types the interface is nested in, outermost first.</param>
/// <param name="InterfaceName">The interface's simple name.</param>
/// <param name="InterfaceFullName">The interface's <c>global::</c>-qualified name.</param>
/// <param name="ChainClassName">The chain class's simple name.</param>
/// <param name="ChainFullName">The chain class's <c>global::</c>-qualified name.</param>
/// <param name="Accessibility">The chain class's accessibility keyword: the interface's.</param>
/// <param name="ExtensionAccessibility">The DI extension class's accessibility: the interface's effective accessibility.</param>
/// <param name="ExtensionName">
/// The core of the DI extension's names: <c>Add{ExtensionName}</c> in the top-level class
/// <c>{ExtensionName}ServiceCollectionExtensions</c>. The chain class's name for a top-level interface; for a nested
/// one, the containing types' names and the chain class's joined with <c>_</c>.
/// </param>
/// <param name="ExtensionClassSuffix">
/// What follows <paramref name="ExtensionName"/> in the DI extension class's name: <c>ServiceCollectionExtensions</c>,
/// or a longer suffix when a type of this project already has that name in the namespace (the method keeps its name).
/// </param>
/// <param name="UsageAttributes">
/// The interface's <c>[Obsolete]</c>/<c>[Experimental]</c> (or its containing types'), written out on the chain class and
/// the extension class, which use the interface: code marked obsolete may use what is obsolete; empty when none.
/// </param>
/// <param name="ChainClassUsageAttributes">
/// <paramref name="UsageAttributes"/> less those the user's own part of the chain class already carries (a second is
/// CS0579): what the generated part of the chain class carries.
/// </param>
/// <param name="SuppressedDiagnostics">
/// Diagnostics the generated file turns off, comma-separated, empty when none: the experimental id of the interface or
/// the final fallback (being marked experimental does not excuse using it), CS0612/CS0618 for an obsolete final
/// fallback (the class that calls it need not be obsolete), and CS8777 when a parameter is <c>[NotNull]</c> (the engine
/// throws on null, which the compiler cannot see).
/// </param>
/// <param name="ChainName">The name from <c>[FallbackChain]</c>.</param>
/// <param name="FallBackOnContentFilter">The chain's <c>[FallbackChain(FallBackOnContentFilter = true)]</c>: applied to the options the engine is built with.</param>
/// <param name="RequestTimeoutMs">The chain's <c>[FallbackChain(RequestTimeoutMs = ...)]</c>, 0 when it declares none: the default request timeout.</param>
/// <param name="Models">The model table: interface-level models by (priority, declaration order), then members' own models.</param>
/// <param name="InterfaceModelCount">How many leading entries of <paramref name="Models"/> are interface-level models; 0 when every member brings its own.</param>
/// <param name="FinalFallback">The final fallback, or null when the chain throws when exhausted.</param>
/// <param name="Members">The interface members the chain implements, own members first.</param>
/// <param name="Fields">The names of the chain class's private fields, chosen so that no member of the interface takes them.</param>
internal sealed record ChainSpec(
    string MetadataName,
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string InterfaceName,
    string InterfaceFullName,
    string ChainClassName,
    string ChainFullName,
    string Accessibility,
    string ExtensionAccessibility,
    string ExtensionName,
    string ExtensionClassSuffix,
    string UsageAttributes,
    string ChainClassUsageAttributes,
    string SuppressedDiagnostics,
    string ChainName,
    bool FallBackOnContentFilter,
    int RequestTimeoutMs,
    EquatableArray<ModelSpec> Models,
    int InterfaceModelCount,
    FinalFallbackSpec? FinalFallback,
    EquatableArray<MemberSpec> Members,
    ChainFieldNames Fields)
{
    /// <summary>
    /// Whether the default route (the IChatClient surface) is the engine's own, every entry of the table by priority:
    /// when the interface's models are the whole table, or when it declares none (every member brings its own).
    /// </summary>
    public bool DefaultRouteIsWholeTable => InterfaceModelCount == Models.Count || InterfaceModelCount == 0;

    /// <summary>Whether the interface is nested in a type.</summary>
    public bool IsNested => !ContainingTypes.IsEmpty;
}
