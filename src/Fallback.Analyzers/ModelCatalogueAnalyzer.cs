using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Fallback.Analyzers;

/// <summary>
/// The chain's models against the model catalogue (<see cref="ModelCatalogue"/>, the one the generator fills the table
/// from): FB0020 for a model id the catalogue does not know for a provider it covers (a warning when it looks like a
/// typo of a known id, information when it only differs in version numbers, as a model newer than the catalogue
/// would); FB0021 for a model whose context window is smaller than one tried before it on the same route.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelCatalogueAnalyzer : FallbackAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnknownModelId,
        DiagnosticDescriptors.SmallerContextWindowLater);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols)
    {
        ModelCatalogue catalogue = ProjectCatalogue.Read(start.Options, start.CancellationToken);

        // A [Model] on a member of a base interface belongs to every chain that inherits it: reported once.
        var judged = new ConcurrentDictionary<(SyntaxTree, TextSpan), byte>();
        start.RegisterSymbolAction(
            context =>
            {
                var type = (INamedTypeSymbol)context.Symbol;
                if (symbols.GetChainAttribute(type) is { } chainAttribute)
                {
                    AnalyzeChain(context, symbols, catalogue, judged, type, ChainFacts.ChainName(chainAttribute));
                }
            },
            SymbolKind.NamedType);
    }

    private static void AnalyzeChain(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        ModelCatalogue catalogue,
        ConcurrentDictionary<(SyntaxTree, TextSpan), byte> judged,
        INamedTypeSymbol type,
        string chainName)
    {
        // Every [Model] as written, the interface's and its implemented members'.
        var owners = new List<ISymbol> { type };
        foreach ((_, ISymbol member) in ChainRules.ImplementedMembers(type))
        {
            owners.Add(member);
        }

        foreach (ISymbol owner in owners)
        {
            foreach (AttributeData attribute in symbols.GetModels(owner))
            {
                // Only attributes written in this compilation's source, each once.
                if (attribute.ApplicationSyntaxReference is { } written && judged.TryAdd((written.SyntaxTree, written.Span), 0))
                {
                    ReportUnknownModel(context, catalogue, attribute);
                }
            }
        }

        // The routes as the engine tries them: the interface's list (or, with none, the whole table) and each member's own.
        ModelTable table = ChainRules.MergeModels(type);
        if (!table.IsValid || table.Entries.Count == 0)
        {
            return;
        }

        // The interface's models are already in (priority, declaration) order; a member-only chain's IChatClient surface
        // tries the whole table in that order too, which merge order is not.
        int defaultCount = table.InterfaceModelCount == 0 ? table.Entries.Count : table.InterfaceModelCount;
        var defaultRoute = new int[defaultCount];
        for (int i = 0; i < defaultCount; i++)
        {
            defaultRoute[i] = i;
        }

        if (table.InterfaceModelCount == 0)
        {
            System.Array.Sort(defaultRoute, (x, y) => table.Entries[x].Priority != table.Entries[y].Priority
                ? table.Entries[x].Priority.CompareTo(table.Entries[y].Priority)
                : x.CompareTo(y));
        }

        var reported = new HashSet<AttributeData>();
        ReportSmallerWindows(context, symbols, catalogue, table, chainName, defaultRoute, table.InterfaceModelCount == 0 ? owners : new List<ISymbol> { type }, reported);
        foreach (KeyValuePair<ISymbol, int[]> route in table.Routes)
        {
            ReportSmallerWindows(context, symbols, catalogue, table, chainName, route.Value, new List<ISymbol> { route.Key }, reported);
        }
    }

    private static void ReportUnknownModel(SymbolAnalysisContext context, ModelCatalogue catalogue, AttributeData attribute)
    {
        ModelSpec model = ChainRules.ReadModel(attribute);
        if (catalogue.JudgeUnknown(model.Provider, model.Model) is not { } unknown)
        {
            return;
        }

        string advice = unknown.Nearest is { } nearest
            ? unknown.IsLikelyTypo
                ? $"; did you mean '{nearest}'?"
                : $" (the nearest it lists is '{nearest}'); if the model is newer than the catalogue, declare its ContextWindow, MaxOutputTokens and prices on [Model] or add it to fallback.models.json"
            : "; if the model is newer than the catalogue, declare its ContextWindow, MaxOutputTokens and prices on [Model] or add it to fallback.models.json";
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnknownModelId,
            ChainFacts.ArgumentLocation(attribute, "model", 1, context.CancellationToken),
            unknown.IsLikelyTypo ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info,
            additionalLocations: null,
            properties: unknown.Nearest is { } suggestion && unknown.IsLikelyTypo ? ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion) : null,
            model.Model,
            unknown.Provider,
            ModelCatalogue.AsOf,
            advice));
    }

    /// <summary>The property naming the id FB0020's code fix writes.</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <summary>
    /// FB0021 along one route: each model whose known context window is smaller than the largest known window before it,
    /// reported at the <c>[Model]</c> that puts it on the route (once per attribute).
    /// </summary>
    private static void ReportSmallerWindows(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        ModelCatalogue catalogue,
        ModelTable table,
        string chainName,
        int[] route,
        List<ISymbol> declaringOwners,
        HashSet<AttributeData> reported)
    {
        ModelSpec? largest = null;
        foreach (int index in route)
        {
            // A disabled model is not tried (until switched on at run time), so it neither leads nor follows.
            ModelSpec model = catalogue.Fill(table.Entries[index]);
            if (model.ContextWindow <= 0 || !model.Enabled)
            {
                continue;
            }

            if (largest is not null && model.ContextWindow < largest.ContextWindow
                && DeclaringAttribute(symbols, declaringOwners, model) is { } attribute && reported.Add(attribute))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SmallerContextWindowLater,
                    ChainFacts.AttributeLocation(attribute, context.CancellationToken),
                    chainName,
                    ChainFacts.Describe(model),
                    Tokens(model.ContextWindow),
                    ChainFacts.Describe(largest),
                    Tokens(largest.ContextWindow)));
            }

            if (largest is null || model.ContextWindow > largest.ContextWindow)
            {
                largest = model;
            }
        }
    }

    private static AttributeData? DeclaringAttribute(FallbackSymbols symbols, List<ISymbol> owners, ModelSpec model)
    {
        foreach (ISymbol owner in owners)
        {
            foreach (AttributeData attribute in symbols.GetModels(owner))
            {
                if (ChainRules.SameEntry(ChainRules.ReadModel(attribute), model))
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    private static string Tokens(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
