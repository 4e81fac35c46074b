using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// FB0011 and FB0015: <c>[Model]</c> and <c>[FinalFallback]</c> where no chain reads them, on an
/// interface without <c>[FallbackChain]</c>, on its members, or on members of a class or struct.
/// A <c>[Model]</c> on a method of a plain interface is still read when a chain inherits that interface
/// (the member's own list), so those are decided at compilation end, once every chain's base interfaces
/// are known; the per-compilation bags are created in the compilation-start action.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MisplacedAttributeAnalyzer : FallbackAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ModelOutsideChain,
        DiagnosticDescriptors.FinalFallbackOutsideChain);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols)
    {
        var inheritedByChains = new ConcurrentBag<INamedTypeSymbol>();
        var pending = new ConcurrentBag<(INamedTypeSymbol Interface, Diagnostic Diagnostic)>();
        start.RegisterSymbolAction(symbolContext => AnalyzeSymbol(symbolContext, symbols, inheritedByChains, pending), SymbolKind.NamedType, SymbolKind.Method);
        start.RegisterCompilationEndAction(end =>
        {
            var inherited = new HashSet<INamedTypeSymbol>(inheritedByChains, SymbolEqualityComparer.Default);
            foreach (var (owner, diagnostic) in pending)
            {
                if (!inherited.Contains(owner))
                {
                    end.ReportDiagnostic(diagnostic);
                }
            }
        });
    }

    private static void AnalyzeSymbol(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        ConcurrentBag<INamedTypeSymbol> inheritedByChains,
        ConcurrentBag<(INamedTypeSymbol, Diagnostic)> pending)
    {
        ISymbol symbol = context.Symbol;
        INamedTypeSymbol? owner = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (owner is null)
        {
            return;
        }

        if (symbols.GetChainAttribute(owner) is not null)
        {
            if (symbol is INamedTypeSymbol chain)
            {
                foreach (INamedTypeSymbol inherited in chain.AllInterfaces)
                {
                    inheritedByChains.Add(inherited.OriginalDefinition);
                }
            }

            return;
        }

        string ownerName = ChainFacts.TypeName(owner);
        string reason = owner.TypeKind == TypeKind.Interface
            ? "interface '" + ownerName + "' has no [FallbackChain]"
            : "'" + ownerName + "' is not an interface; only [FallbackChain] interfaces and their members take models";
        string symbolName = symbol is INamedTypeSymbol ? ownerName : owner.Name + "." + symbol.Name;

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (symbols.IsModel(attribute))
            {
                var diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.ModelOutsideChain,
                    ChainFacts.AttributeLocation(attribute, context.CancellationToken),
                    ChainFacts.Describe(Fallback.SourceGeneration.ChainRules.ReadModel(attribute)),
                    symbolName,
                    reason);
                if (symbol is IMethodSymbol && owner.TypeKind == TypeKind.Interface)
                {
                    pending.Add((owner.OriginalDefinition, diagnostic));
                }
                else
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
            else if (symbols.IsFinalFallback(attribute) && symbol is IMethodSymbol)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.FinalFallbackOutsideChain,
                    ChainFacts.IdentifierLocation(symbol, ChainFacts.AttributeLocation(attribute, context.CancellationToken)),
                    symbol.Name,
                    ownerName));
            }
        }
    }
}
