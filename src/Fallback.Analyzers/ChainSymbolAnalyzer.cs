using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// Base of the analyzers that check each <c>[FallbackChain]</c> interface on its own: finds the chains among
/// the compilation's named types and passes each one, with its name and the location diagnostics about the
/// whole chain are reported at, to <see cref="AnalyzeChain"/>.
/// </summary>
public abstract class ChainSymbolAnalyzer : FallbackAnalyzer
{
    private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols)
        => start.RegisterSymbolAction(context => AnalyzeType(context, symbols), SymbolKind.NamedType);

    /// <summary>Analyzes one chain interface, <paramref name="type"/>, declared by <paramref name="chainAttribute"/>.</summary>
    private protected abstract void AnalyzeChain(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        INamedTypeSymbol type,
        AttributeData chainAttribute,
        string chainName,
        Location chainLocation);

    private void AnalyzeType(SymbolAnalysisContext context, FallbackSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.GetChainAttribute(type) is not { } chainAttribute)
        {
            return;
        }

        string chainName = ChainFacts.ChainName(chainAttribute);
        Location chainLocation = ChainFacts.ChainLocation(type, chainAttribute, context.CancellationToken);
        AnalyzeChain(context, symbols, type, chainAttribute, chainName, chainLocation);
    }
}
