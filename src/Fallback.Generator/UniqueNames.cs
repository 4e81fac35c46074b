using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Fallback.SourceGeneration.Model;

namespace Fallback.SourceGeneration;

/// <summary>
/// Keeps the names that chains share a scope for apart, so that no chain costs another its output: hint names
/// (Roslyn compares them without case, and a repeat fails the whole generator run) and the top-level DI extension
/// classes and methods of a namespace. A chain keeps the names it would use unless another chain would use the
/// same; then it takes a disambiguator hashed from its interface's metadata name, so the result depends only on
/// the set of chains, never on the order of files.
/// </summary>
/// <remarks>
/// The generator's output step sees one chain at a time, so the names every chain would use are collected into
/// one small value: it stays equal (and the outputs cached) unless a chain is added, removed or renamed.
/// </remarks>
internal static class UniqueNames
{
    public static ChainNames Of(ChainSpec spec)
        => new(spec.MetadataName, spec.HintName, spec.Namespace ?? string.Empty, spec.ExtensionName, spec.IsNested);

    /// <summary>The chains that must take other names than they would, ordered by metadata name; usually none.</summary>
    public static EquatableArray<NameOverride> Resolve(ImmutableArray<ChainNames> chains)
    {
        if (chains.Length < 2)
        {
            return EquatableArray<NameOverride>.Empty;
        }

        var sorted = new List<ChainNames>(chains);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.MetadataName, b.MetadataName));

        Dictionary<string, string> hints = ResolveHintNames(sorted);
        Dictionary<string, string> extensions = ResolveExtensionNames(sorted);
        if (hints.Count == 0 && extensions.Count == 0)
        {
            return EquatableArray<NameOverride>.Empty;
        }

        var overrides = new List<NameOverride>();
        foreach (ChainNames chain in sorted)
        {
            hints.TryGetValue(chain.MetadataName, out string? hint);
            extensions.TryGetValue(chain.MetadataName, out string? extension);
            if (hint is not null || extension is not null)
            {
                overrides.Add(new NameOverride(chain.MetadataName, hint, extension));
            }
        }

        return new EquatableArray<NameOverride>(overrides);
    }

    /// <summary>The chain with the names it takes.</summary>
    public static ChainSpec Apply(ChainSpec spec, EquatableArray<NameOverride> overrides)
    {
        foreach (NameOverride o in overrides)
        {
            if (string.Equals(o.MetadataName, spec.MetadataName, StringComparison.Ordinal))
            {
                return spec with { HintName = o.HintName ?? spec.HintName, ExtensionName = o.ExtensionName ?? spec.ExtensionName };
            }
        }

        return spec;
    }

    /// <summary>
    /// Every chain of a group whose hint names are equal without case takes <c>{hint}-{hash}.g.cs</c>. Hint names
    /// hold letters, digits, '.' and '_' only, so one with a '-' is never another chain's own.
    /// </summary>
    private static Dictionary<string, string> ResolveHintNames(List<ChainNames> sorted)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (ChainNames chain in sorted)
        {
            counts.TryGetValue(chain.HintName, out int count);
            counts[chain.HintName] = count + 1;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ChainNames chain in sorted)
        {
            if (counts[chain.HintName] == 1)
            {
                used.Add(chain.HintName);
            }
        }

        foreach (ChainNames chain in sorted)
        {
            if (counts[chain.HintName] > 1)
            {
                string stem = Stem(chain.HintName) + "-" + Hash(chain.MetadataName);
                result.Add(chain.MetadataName, Unique(used, stem, "-", ".g.cs"));
            }
        }

        return result;
    }

    /// <summary>
    /// A nested chain whose extension name another chain of its namespace would also use takes
    /// <c>{name}_{hash}</c>; a top-level chain keeps its name (the public <c>AddXxxChain</c> contract). Names
    /// chains would use end in <c>Chain</c>, so one that ends in the hash is never another chain's own.
    /// </summary>
    private static Dictionary<string, string> ResolveExtensionNames(List<ChainNames> sorted)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (ChainNames chain in sorted)
        {
            string key = ExtensionKey(chain.Namespace, chain.ExtensionName);
            counts.TryGetValue(key, out int count);
            counts[key] = count + 1;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var renamed = new List<ChainNames>();
        foreach (ChainNames chain in sorted)
        {
            string key = ExtensionKey(chain.Namespace, chain.ExtensionName);
            if (counts[key] > 1 && chain.IsNested)
            {
                renamed.Add(chain);
            }
            else
            {
                used.Add(key);
            }
        }

        foreach (ChainNames chain in renamed)
        {
            string stem = ExtensionKey(chain.Namespace, chain.ExtensionName + "_" + Hash(chain.MetadataName));
            string unique = Unique(used, stem, "_", string.Empty);
            result.Add(chain.MetadataName, unique.Substring(chain.Namespace.Length + 1));
        }

        return result;
    }

    /// <summary><paramref name="stem"/> + <paramref name="suffix"/>, numbered after a <paramref name="separator"/> in the (unlikely) case that a hash repeats.</summary>
    private static string Unique(HashSet<string> used, string stem, string separator, string suffix)
    {
        string candidate = stem + suffix;
        for (int n = 2; !used.Add(candidate); n++)
        {
            candidate = stem + separator + n.ToString(CultureInfo.InvariantCulture) + suffix;
        }

        return candidate;
    }

    private static string ExtensionKey(string ns, string name) => ns + "\0" + name;

    private static string Stem(string hintName)
        => hintName.EndsWith(".g.cs", StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - ".g.cs".Length) : hintName;

    /// <summary>FNV-1a over the name's UTF-16 code units: stable across processes and platforms (string.GetHashCode is not).</summary>
    private static string Hash(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
