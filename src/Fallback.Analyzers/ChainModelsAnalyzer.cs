using System;
using System.Collections.Immutable;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// Checks the model lists of a chain: the interface's <c>[Model]</c>s and each member's own list (which
/// replaces the interface's for that member, in the member's order). Values, duplicates, priorities, enabled
/// models, client diversity, and whether every member has models to try.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChainModelsAnalyzer : ChainSymbolAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DuplicatePriority,
        DiagnosticDescriptors.NoModels,
        DiagnosticDescriptors.InvalidModel,
        DiagnosticDescriptors.DuplicateModel,
        DiagnosticDescriptors.SingleClient,
        DiagnosticDescriptors.EmptyClient,
        DiagnosticDescriptors.ModelOnUnimplementedMember,
        DiagnosticDescriptors.ConflictingModel);

    private protected override void AnalyzeChain(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        INamedTypeSymbol type,
        AttributeData chainAttribute,
        string chainName,
        Location chainLocation)
    {
        var ct = context.CancellationToken;

        ImmutableArray<AttributeData> models = symbols.GetModels(type);
        if (models.IsEmpty)
        {
            if (ChainRules.NeedsInterfaceModels(type))
            {
                ReportMissingInterfaceModels(context, type, chainName, chainLocation);
            }
        }
        else
        {
            AnalyzeList(context, models, chainName, type.Name, chainLocation);
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            ImmutableArray<AttributeData> memberModels = symbols.GetModels(method);
            if (memberModels.IsEmpty)
            {
                continue;
            }

            if (ChainRules.NeedsImplementation(method))
            {
                AnalyzeList(context, memberModels, chainName, type.Name + "." + method.Name, ChainFacts.IdentifierLocation(method, chainLocation));
                continue;
            }

            string why = symbols.HasFinalFallback(method) ? "it is the final fallback"
                : method.IsStatic ? "it is static"
                : "it has a default implementation";
            foreach (AttributeData model in memberModels)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ModelOnUnimplementedMember,
                    ChainFacts.AttributeLocation(model, ct),
                    chainName,
                    ChainFacts.Describe(ChainRules.ReadModel(model)),
                    method.Name,
                    why));
            }
        }

        ReportConflicts(context, type, chainName, chainLocation);
    }

    /// <summary>
    /// FB0004 for an interface without <c>[Model]</c>s whose models something needs (<see cref="ChainRules.NeedsInterfaceModels"/>):
    /// on the interface when no member brings models either, or when its IChatClient members use them; on each
    /// implemented member without models of its own otherwise (on the interface for an inherited one).
    /// </summary>
    private static void ReportMissingInterfaceModels(SymbolAnalysisContext context, INamedTypeSymbol type, string chainName, Location chainLocation)
    {
        var withoutModels = new System.Collections.Generic.List<(INamedTypeSymbol Owner, ISymbol Member)>();
        bool anyMemberModels = false;
        foreach ((INamedTypeSymbol owner, ISymbol member) in ChainRules.ImplementedMembers(type))
        {
            if (ChainRules.HasModels(member))
            {
                anyMemberModels = true;
            }
            else
            {
                withoutModels.Add((owner, member));
            }
        }

        if (!anyMemberModels)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoModels, chainLocation, chainName, type.Name, "it declares no [Model]"));
            return;
        }

        if (ChainRules.ExtendsChatClient(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoModels,
                chainLocation,
                chainName,
                type.Name,
                "it declares no [Model], and its IChatClient members use the interface's models (members' own models serve only those members)"));
        }

        foreach ((INamedTypeSymbol owner, ISymbol member) in withoutModels)
        {
            bool own = SymbolEqualityComparer.Default.Equals(owner, type);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoModels,
                own ? ChainFacts.IdentifierLocation(member, chainLocation) : chainLocation,
                chainName,
                owner.Name + "." + member.Name,
                own ? "neither it nor the interface declares a [Model]" : "neither it nor '" + type.Name + "' declares a [Model]"));
        }
    }

    /// <summary>
    /// FB0019: the generator keeps one table entry per model (provider, model, client) for the whole chain, so a
    /// member's own <c>[Model]</c> that repeats an earlier declaration must agree on every value the entry keeps. The
    /// table merge is the generator's own (<see cref="ChainRules.MergeModels"/>): what it refuses is what is reported.
    /// </summary>
    private static void ReportConflicts(SymbolAnalysisContext context, INamedTypeSymbol type, string chainName, Location chainLocation)
    {
        foreach (ModelConflict conflict in ChainRules.MergeModels(type).Conflicts)
        {
            Location location = ChainFacts.AttributeLocation(conflict.Attribute, context.CancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConflictingModel,
                location.IsInSource ? location : chainLocation,
                chainName,
                ChainFacts.Describe(conflict.Model),
                conflict.Owner,
                conflict.FirstOwner,
                conflict.Difference));
        }
    }

    /// <summary>One list of models: the interface's, or one member's.</summary>
    private static void AnalyzeList(SymbolAnalysisContext context, ImmutableArray<AttributeData> attributes, string chainName, string ownerName, Location ownerLocation)
    {
        CancellationToken ct = context.CancellationToken;
        var values = new ModelSpec[attributes.Length];
        bool anyEnabled = false;
        for (int i = 0; i < attributes.Length; i++)
        {
            values[i] = ChainRules.ReadModel(attributes[i]);
        }

        for (int i = 0; i < attributes.Length; i++)
        {
            ModelSpec model = values[i];
            AttributeData attribute = attributes[i];
            string description = ChainFacts.Describe(model);

            if (ChainRules.ValidateModel(model, out string? property) is { } problem)
            {
                int position = property switch { "Provider" => 0, "Model" => 1, _ => -1 };
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidModel,
                    ChainFacts.ArgumentLocation(attribute, property ?? string.Empty, position, ct),
                    chainName,
                    description,
                    problem));
            }

            if (ChainRules.HasEmptyClient(model))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.EmptyClient,
                    ChainFacts.ArgumentLocation(attribute, "Client", -1, ct),
                    chainName,
                    description,
                    model.Provider ?? string.Empty));
            }

            int duplicateOf = -1, samePriorityAs = -1;
            for (int j = 0; j < i; j++)
            {
                if (duplicateOf < 0 && ChainRules.SameEntry(values[j], model))
                {
                    duplicateOf = j;
                }

                if (samePriorityAs < 0 && values[j].Priority == model.Priority)
                {
                    samePriorityAs = j;
                }
            }

            // The generator keeps the first of repeated entries, so only that one decides whether any model is enabled.
            anyEnabled |= duplicateOf < 0 && model.Enabled;
            if (duplicateOf >= 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateModel,
                    ChainFacts.AttributeLocation(attribute, ct),
                    chainName,
                    description,
                    model.ClientKey ?? string.Empty));
            }
            else if (samePriorityAs >= 0)
            {
                // A repeated entry is FB0007's business; its removal also settles the priority.
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicatePriority,
                    ChainFacts.ArgumentLocation(attribute, "Priority", -1, ct),
                    chainName,
                    description,
                    model.Priority,
                    ChainFacts.Describe(values[samePriorityAs])));
            }
        }

        if (!anyEnabled)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoModels,
                ownerLocation,
                chainName,
                ownerName,
                "every model is disabled (" + ChainFacts.DescribeAll(attributes) + ")"));
        }

        ReportSingleClient(context, values, chainName, ownerLocation);
    }

    /// <summary>FB0010: two or more distinct models, all served by one client key.</summary>
    private static void ReportSingleClient(SymbolAnalysisContext context, ModelSpec[] values, string chainName, Location ownerLocation)
    {
        string? client = null;
        int distinct = 0;
        for (int i = 0; i < values.Length; i++)
        {
            string? key = values[i].ClientKey;
            if (string.IsNullOrWhiteSpace(key))
            {
                return;
            }

            if (client is null)
            {
                client = key;
            }
            else if (!string.Equals(client, key, StringComparison.Ordinal))
            {
                return;
            }

            bool repeated = false;
            for (int j = 0; j < i; j++)
            {
                repeated |= ChainRules.SameEntry(values[j], values[i]);
            }

            distinct += repeated ? 0 : 1;
        }

        if (distinct >= 2)
        {
            var parts = new string[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                parts[i] = (values[i].Provider ?? string.Empty) + "/" + (values[i].Model ?? string.Empty);
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SingleClient, ownerLocation, chainName, string.Join(", ", parts), client));
        }
    }
}
