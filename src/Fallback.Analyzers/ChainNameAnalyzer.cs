using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fallback.Analyzers;

/// <summary>
/// FB0005: chain names are unique in a compilation. Symbol actions run concurrently, so each one adds
/// its chain to a bag that belongs to the compilation being analyzed; the compilation-end action groups
/// them by name and reports every chain of a shared name.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChainNameAnalyzer : FallbackAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DuplicateChainName);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols)
    {
        var chains = new ConcurrentBag<DeclaredChain>();
        start.RegisterSymbolAction(
            symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (symbols.GetChainAttribute(type) is { } attribute && ChainFacts.ChainName(attribute) is var name && ChainRules.IsValidChainName(name))
                {
                    chains.Add(new DeclaredChain(
                        name,
                        ChainFacts.TypeName(type),
                        ChainFacts.ArgumentLocation(attribute, "name", 0, symbolContext.CancellationToken)));
                }
            },
            SymbolKind.NamedType);
        start.RegisterCompilationEndAction(end => ReportDuplicates(end, chains));
    }

    private static void ReportDuplicates(CompilationAnalysisContext context, ConcurrentBag<DeclaredChain> chains)
    {
        // Sorted so that messages do not depend on the order in which concurrent actions ran.
        foreach (IGrouping<string, DeclaredChain> group in chains.GroupBy(c => c.Name, StringComparer.Ordinal))
        {
            DeclaredChain[] sharing = group.OrderBy(c => c.InterfaceName, StringComparer.Ordinal).ToArray();
            if (sharing.Length < 2)
            {
                continue;
            }

            foreach (DeclaredChain chain in sharing)
            {
                string others = string.Join(", ", sharing.Where(c => !ReferenceEquals(c, chain)).Select(c => "'" + c.InterfaceName + "'"));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateChainName, chain.Location, chain.Name, chain.InterfaceName, others));
            }
        }
    }

    private sealed class DeclaredChain
    {
        public DeclaredChain(string name, string interfaceName, Location location)
        {
            Name = name;
            InterfaceName = interfaceName;
            Location = location;
        }

        public string Name { get; }

        public string InterfaceName { get; }

        public Location Location { get; }
    }
}
