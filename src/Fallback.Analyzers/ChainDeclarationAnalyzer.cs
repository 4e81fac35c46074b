using System.Collections.Immutable;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// Checks a <c>[FallbackChain]</c> interface as a whole: that the generator can emit a chain for it
/// (partial, accessible, not generic, named, valid values, a class name of its own), that it can implement every member, and that its final
/// fallback is well formed or deliberately absent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChainDeclarationAnalyzer : ChainSymbolAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InterfaceNotPartial,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.InaccessibleInterface,
        DiagnosticDescriptors.GenericInterface,
        DiagnosticDescriptors.EmptyChainName,
        DiagnosticDescriptors.InvalidChain,
        DiagnosticDescriptors.ChainClassNameTaken,
        DiagnosticDescriptors.NoFinalFallback,
        DiagnosticDescriptors.UnsupportedMember,
        DiagnosticDescriptors.InvalidFinalFallback);

    private protected override void AnalyzeChain(
        SymbolAnalysisContext context,
        FallbackSymbols symbols,
        INamedTypeSymbol type,
        AttributeData chainAttribute,
        string chainName,
        Location chainLocation)
    {
        var ct = context.CancellationToken;
        string interfaceName = ChainFacts.TypeName(type);

        if (!ChainRules.IsValidChainName(chainName))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.EmptyChainName,
                ChainFacts.ArgumentLocation(chainAttribute, "name", 0, ct),
                interfaceName));
        }

        if (ChainRules.ValidateChain(chainAttribute, out string? property) is { } invalid)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidChain,
                ChainFacts.ArgumentLocation(chainAttribute, property!, position: -1, ct),
                chainName,
                invalid));
        }

        if (ChainRules.ChainClassNameTaker(type) is { } taker)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ChainClassNameTaken,
                chainLocation,
                chainName,
                interfaceName,
                ChainRules.ChainClassName(type.Name),
                DescribeTaker(type, taker)));
        }

        foreach (var (problem, offender) in ChainRules.ClassifyChainInterface(type))
        {
            string offenderName = ChainFacts.TypeName(offender);
            Location offenderLocation = ReferenceEquals(offender, type) ? chainLocation : ChainFacts.IdentifierLocation(offender, chainLocation);
            Diagnostic? diagnostic = problem switch
            {
                ChainInterfaceProblem.NotPartial => Diagnostic.Create(DiagnosticDescriptors.InterfaceNotPartial, chainLocation, interfaceName, chainName),
                ChainInterfaceProblem.ContainingTypeNotPartial => Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, offenderLocation, chainName, interfaceName, offenderName),
                ChainInterfaceProblem.Inaccessible => Diagnostic.Create(DiagnosticDescriptors.InaccessibleInterface, offenderLocation, chainName, offenderName, DescribeAccessibility(offender), interfaceName),
                ChainInterfaceProblem.Generic => Diagnostic.Create(DiagnosticDescriptors.GenericInterface, offenderLocation, chainName, offenderName, interfaceName),
                _ => null,
            };
            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        AnalyzeMembers(context, symbols, type, chainName, chainLocation);
        AnalyzeFinalFallbacks(context, symbols, type, chainAttribute, chainName, chainLocation);
    }

    /// <summary>FB0008: every member the generator must implement has a supported shape.</summary>
    private static void AnalyzeMembers(SymbolAnalysisContext context, FallbackSymbols symbols, INamedTypeSymbol type, string chainName, Location chainLocation)
    {
        foreach ((INamedTypeSymbol declaring, ISymbol member) in ChainRules.Members(type))
        {
            if (SymbolEqualityComparer.Default.Equals(declaring, type))
            {
                CheckMember(context, symbols, member, chainName, ChainFacts.IdentifierLocation(member, chainLocation));
                continue;
            }

            if (ChainRules.Reabstraction(type, member) is { } reabstraction)
            {
                string memberName = member.ContainingType.Name + "." + member.Name;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedMember,
                    SymbolEqualityComparer.Default.Equals(reabstraction.ContainingType, type) ? ChainFacts.IdentifierLocation(reabstraction, chainLocation) : chainLocation,
                    chainName,
                    memberName,
                    $"'{reabstraction.ContainingType.Name}' re-abstracts its default implementation, which the generated chain does not implement",
                    ChainRules.SupportedShapes));
                continue;
            }

            // The chain interface may implement an inherited member itself (a default implementation).
            if (type.FindImplementationForInterfaceMember(member) is { IsAbstract: false })
            {
                continue;
            }

            // Inherited members are reported on the chain interface: that is where the user chose to inherit them.
            CheckMember(context, symbols, member, chainName, chainLocation);
        }
    }

    private static void CheckMember(SymbolAnalysisContext context, FallbackSymbols symbols, ISymbol member, string chainName, Location location)
    {
        string? reason = null;
        if (ChainRules.NeedsImplementation(member))
        {
            if (member is IMethodSymbol method)
            {
                ChainRules.ClassifyMethod(method, out _, out reason);
            }
            else
            {
                reason = member.Kind switch
                {
                    SymbolKind.Property => ((IPropertySymbol)member).IsIndexer ? "indexers are not supported" : "properties are not supported",
                    SymbolKind.Event => "events are not supported",
                    _ => member.Kind.ToString().ToLowerInvariant() + " members are not supported",
                };
            }
        }
        else if (member.IsStatic && member.IsAbstract && member.ContainingType is { TypeKind: TypeKind.Interface } owner && !ChainRules.IsProvidedByChain(owner))
        {
            reason = "static abstract members are not supported";
        }

        if (reason is not null && !(member is IMethodSymbol && symbols.HasFinalFallback(member)))
        {
            string memberName = member.ContainingType.Name + "." + member.Name;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMember, location, chainName, memberName, reason, ChainRules.SupportedShapes));
        }
    }

    /// <summary>FB0009 for wrong or extra final fallbacks, FB0003 when there is none and the chain does not say it throws.</summary>
    private static void AnalyzeFinalFallbacks(SymbolAnalysisContext context, FallbackSymbols symbols, INamedTypeSymbol type, AttributeData chainAttribute, string chainName, Location chainLocation)
    {
        IMethodSymbol? first = null;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IMethodSymbol method || !symbols.HasFinalFallback(method))
            {
                continue;
            }

            Location location = ChainFacts.IdentifierLocation(method, chainLocation);
            if (ChainRules.ClassifyFinalFallback(method, out _, out string? reason) == FinalFallbackReturn.Invalid)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidFinalFallback,
                    location,
                    chainName,
                    method.Name,
                    reason + "; expected static ChatResponse, Task<ChatResponse> or ValueTask<ChatResponse> M(IEnumerable<ChatMessage> messages, AllModelsFailedException failure[, CancellationToken cancellationToken])"));
            }
            else if (first is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidFinalFallback,
                    location,
                    chainName,
                    method.Name,
                    "'" + first.Name + "' is already the chain's final fallback; a chain has at most one"));
            }
            else
            {
                first = method;
            }

            // An invalid final fallback is reported as such; the chain still declares one, so no FB0003.
            first ??= method;
        }

        if (first is null && !ChainFacts.ThrowsWhenExhausted(chainAttribute))
        {
            string models = ChainFacts.DescribeAll(symbols.GetModels(type));
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoFinalFallback, chainLocation, chainName, models.Length == 0 ? "each member's own models" : models));
        }
    }

    /// <summary>What takes the chain class's name, as FB0026 says it.</summary>
    private static string DescribeTaker(INamedTypeSymbol chainInterface, ISymbol taker)
    {
        if (taker is INamedTypeSymbol owner && SymbolEqualityComparer.Default.Equals(owner, ChainRules.ChainClassNameOwner(chainInterface)))
        {
            return $"the chain of interface '{ChainFacts.TypeName(owner)}' beside it";
        }

        if (SymbolEqualityComparer.Default.Equals(taker, chainInterface.ContainingType))
        {
            return $"the containing type '{ChainFacts.TypeName(chainInterface.ContainingType!)}'";
        }

        string kind = taker switch
        {
            INamespaceSymbol => "namespace",
            INamedTypeSymbol { IsRecord: true } => "record",
            INamedTypeSymbol { TypeKind: TypeKind.Class } => "class",
            INamedTypeSymbol named => named.TypeKind.ToString().ToLowerInvariant(),
            _ => taker.Kind.ToString().ToLowerInvariant(),
        };
        string described = $"{kind} '{taker.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}' beside it";
        return taker is INamedTypeSymbol { TypeKind: TypeKind.Class, IsRecord: false }
            ? described + " (a class of your own joins the generated one only when it is partial, neither static nor abstract, with no base class and no other accessibility than the interface's)"
            : described;
    }

    private static string DescribeAccessibility(INamedTypeSymbol type)
        => type.IsFileLocal ? "file-local" : type.DeclaredAccessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => type.DeclaredAccessibility.ToString().ToLowerInvariant(),
        };
}
