using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// FB0011 and FB0015: <c>[Model]</c> and <c>[FinalFallback]</c> where no chain reads them, on an
/// interface without <c>[FallbackChain]</c>, on its members, or on members of a class or struct.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MisplacedAttributeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ModelOutsideChain,
        DiagnosticDescriptors.FinalFallbackOutsideChain);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            FallbackSymbols? symbols = FallbackSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeSymbol(symbolContext, symbols), SymbolKind.NamedType, SymbolKind.Method);
        });
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context, FallbackSymbols symbols)
    {
        ISymbol symbol = context.Symbol;
        INamedTypeSymbol? owner = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (owner is null || symbols.GetChainAttribute(owner) is not null)
        {
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
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ModelOutsideChain,
                    ChainFacts.AttributeLocation(attribute, context.CancellationToken),
                    ChainFacts.Describe(Fallback.SourceGeneration.ChainRules.ReadModel(attribute)),
                    symbolName,
                    reason));
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
