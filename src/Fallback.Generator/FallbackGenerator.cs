using Fallback.SourceGeneration.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Fallback.SourceGeneration;

/// <summary>
/// Turns each <c>[FallbackChain]</c> partial interface into a sealed chain class over <c>Fallback.FallbackEngine</c>
/// and a DI extension. Reports no diagnostics: the Fallback analyzers explain every interface it skips.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FallbackGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ChainSpec> chains = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.FallbackChainAttribute,
                predicate: static (node, _) => node is InterfaceDeclarationSyntax,
                transform: static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Chains)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidChains);

        context.RegisterSourceOutput(chains, static (context, spec) => context.AddSource(spec.HintName, Emitter.Emit(spec)));
    }
}
