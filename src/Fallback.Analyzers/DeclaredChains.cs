using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Fallback.Analyzers;

/// <summary>
/// The chains a configuration file may name: every <c>[FallbackChain]</c> interface of the compilation and of the
/// referenced assemblies that reference the Fallback runtime (a web app's chains often live in a library), each with
/// the keys of its declared models as the run time names them (<c>provider/model</c>, <c>@client</c> when the client
/// is not the provider). Symbols inside: built and used within one compilation's analysis.
/// </summary>
internal sealed class DeclaredChains
{
    private readonly Dictionary<string, DeclaredChain> _chains = new(StringComparer.OrdinalIgnoreCase);

    private DeclaredChains()
    {
    }

    /// <summary>
    /// Whether every chain name the app can register is known: false when a class other than a generated chain
    /// implements <c>IFallbackChain</c> (a hand-written chain registers under a name no attribute states), or when no
    /// chain is declared at all. Unknown chain names are reported only when this holds: a false alarm in the editor
    /// costs more than a miss, and the start-up check still catches it.
    /// </summary>
    public bool AreComplete { get; private set; }

    /// <summary>The chain names, sorted, for messages.</summary>
    public ImmutableArray<string> Names { get; private set; } = ImmutableArray<string>.Empty;

    /// <summary>The chain of that name (ignoring case, as configuration keys do), or null.</summary>
    public DeclaredChain? Find(string name) => _chains.TryGetValue(name, out DeclaredChain? chain) ? chain : null;

    public static DeclaredChains Collect(Compilation compilation, FallbackSymbols symbols, CancellationToken cancellationToken)
    {
        var chains = new DeclaredChains();
        INamedTypeSymbol? fallbackChain = compilation.GetTypeByMetadataName(KnownNames.IFallbackChain);
        bool handWritten = false;
        chains.Walk(compilation.Assembly.GlobalNamespace, symbols, fallbackChain, ref handWritten, cancellationToken);

        string runtime = symbols.ChainAttribute.ContainingAssembly.Identity.Name;
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (References(assembly, runtime))
            {
                chains.Walk(assembly.GlobalNamespace, symbols, fallbackChain, ref handWritten, cancellationToken);
            }
        }

        var names = new List<string>();
        foreach (DeclaredChain chain in chains._chains.Values)
        {
            names.Add(chain.Name);
        }

        names.Sort(StringComparer.Ordinal);
        chains.Names = names.ToImmutableArray();
        chains.AreComplete = !handWritten && names.Count > 0;
        return chains;
    }

    // Only assemblies built against the runtime can declare chains: the framework's are skipped without a look inside.
    private static bool References(IAssemblySymbol assembly, string runtime)
    {
        foreach (IModuleSymbol module in assembly.Modules)
        {
            foreach (AssemblyIdentity reference in module.ReferencedAssemblies)
            {
                if (string.Equals(reference.Name, runtime, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Walk(INamespaceSymbol ns, FallbackSymbols symbols, INamedTypeSymbol? fallbackChain, ref bool handWritten, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                Walk(inner, symbols, fallbackChain, ref handWritten, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                Visit(type, symbols, fallbackChain, ref handWritten);
            }
        }
    }

    private void Visit(INamedTypeSymbol type, FallbackSymbols symbols, INamedTypeSymbol? fallbackChain, ref bool handWritten)
    {
        if (type.TypeKind == TypeKind.Interface && symbols.GetChainAttribute(type) is { } attribute)
        {
            Add(ChainFacts.ChainName(attribute), type);
        }
        else if (type.TypeKind == TypeKind.Class && !handWritten && fallbackChain is not null && Implements(type, fallbackChain) && !IsGeneratedChain(type))
        {
            handWritten = true;
        }

        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            Visit(nested, symbols, fallbackChain, ref handWritten);
        }
    }

    private void Add(string name, INamedTypeSymbol type)
    {
        if (!ChainRules.IsValidChainName(name))
        {
            return;
        }

        ImmutableArray<string> keys = ModelKeys(type);
        if (_chains.TryGetValue(name, out DeclaredChain? existing))
        {
            // Two chains of one name (FB0005), or of names that differ in case only, read one section: their models
            // cannot be told apart, so none is checked.
            _chains[name] = new DeclaredChain(existing.Name, default);
            return;
        }

        _chains[name] = new DeclaredChain(name, keys);
    }

    /// <summary>The keys of the chain's model table, or default when the generator skips the table (FB0006, FB0019).</summary>
    private static ImmutableArray<string> ModelKeys(INamedTypeSymbol type)
    {
        ModelTable table = ChainRules.MergeModels(type);
        if (!table.IsValid)
        {
            return default;
        }

        var keys = ImmutableArray.CreateBuilder<string>(table.Entries.Count);
        foreach (ModelSpec model in table.Entries)
        {
            // ModelOptions.KeyOf: "provider/model", plus "@client" when the model is served through another client key.
            string id = model.Provider + "/" + model.Model;
            keys.Add(model.ClientKey == model.Provider ? id : id + "@" + model.ClientKey);
        }

        return keys.MoveToImmutable();
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol fallbackChain)
    {
        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, fallbackChain))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGeneratedChain(INamedTypeSymbol type)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is "Fallback.Generator")
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A declared chain: its name and its models' configuration keys (default when they cannot be known).</summary>
internal sealed class DeclaredChain
{
    public DeclaredChain(string name, ImmutableArray<string> modelKeys)
    {
        Name = name;
        ModelKeys = modelKeys;
    }

    public string Name { get; }

    public ImmutableArray<string> ModelKeys { get; }
}
