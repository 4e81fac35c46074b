// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): one catalogue of what the major providers'
// models can do and cost, so the values the generator fills into a chain's table are the ones FB0020/FB0021 judge.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Fallback.SourceGeneration;

/// <summary>
/// One model's facts: context window, maximum output, whether it continues an assistant prefill, and its standard
/// prices in USD per million tokens. 0 is "unknown" for every number.
/// </summary>
internal sealed record CatalogueEntry
{
    public CatalogueEntry(string provider, string model, int contextWindow, int maxOutputTokens, bool supportsPrefill, double inputPerMillion, double outputPerMillion)
    {
        Provider = provider;
        Model = model;
        ContextWindow = contextWindow;
        MaxOutputTokens = maxOutputTokens;
        SupportsPrefill = supportsPrefill;
        InputPerMillion = inputPerMillion;
        OutputPerMillion = outputPerMillion;
    }

    /// <summary>The provider as the catalogue names it: <c>openai</c>, <c>anthropic</c>, <c>google</c>, ...</summary>
    public string Provider { get; }

    public string Model { get; }

    public int ContextWindow { get; }

    public int MaxOutputTokens { get; }

    public bool SupportsPrefill { get; }

    public double InputPerMillion { get; }

    public double OutputPerMillion { get; }
}

/// <summary>
/// The model catalogue: the facts pinned in the package (<c>ModelCatalogue.Data.cs</c>, dated <see cref="AsOf"/>), with a
/// project's own entries (<c>fallback.models.json</c>) over them. Equal by the project's entries, so the generator's
/// pipeline caches on it.
/// </summary>
/// <remarks>
/// A stale catalogue never breaks a build: a model it does not know keeps the values its <c>[Model]</c> declares (0 for
/// unknown), and FB0020 is a warning only for what looks like a typo of a known id (<see cref="IsTypo"/>); any other
/// unknown id (a model newer than the catalogue, a variant it does not list) is reported as information.
/// </remarks>
internal sealed partial class ModelCatalogue : IEquatable<ModelCatalogue>
{
    /// <summary>The pinned facts alone.</summary>
    public static readonly ModelCatalogue BuiltIn = new(Array.Empty<CatalogueEntry>());

    // Built on first use: static initializers of partial declarations in two files run in no defined order.
    private static Dictionary<string, CatalogueEntry>? s_builtInIndex;

    /// <summary>Provider names as users write them in <c>[Model]</c>, by the catalogue's name for the provider.</summary>
    private static readonly Dictionary<string, string> s_providerAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = "openai",
        ["anthropic"] = "anthropic",
        ["claude"] = "anthropic",
        ["google"] = "google",
        ["gemini"] = "google",
        ["googleai"] = "google",
        ["google-ai"] = "google",
        ["mistral"] = "mistral",
        ["mistralai"] = "mistral",
        ["deepseek"] = "deepseek",
        ["xai"] = "xai",
        ["x-ai"] = "xai",
        ["grok"] = "xai",
    };

    /// <summary>What separates an id's segments (<see cref="IsTypo"/>).</summary>
    private static readonly char[] Separators = { '-', '.', '_', ':' };

    private readonly CatalogueEntry[] _overrides;
    private readonly Dictionary<string, CatalogueEntry> _overrideIndex;

    private ModelCatalogue(CatalogueEntry[] overrides)
    {
        _overrides = overrides;
        _overrideIndex = Index(overrides);
    }

    /// <summary>The pinned entries, in the data file's order.</summary>
    public static IReadOnlyList<CatalogueEntry> Pinned => s_entries;

    /// <summary>The pinned facts with <paramref name="overrides"/> over them (in file order: a later entry for the same model wins).</summary>
    public static ModelCatalogue With(IReadOnlyList<CatalogueEntry> overrides)
    {
        if (overrides.Count == 0)
        {
            return BuiltIn;
        }

        var copy = new CatalogueEntry[overrides.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = overrides[i];
        }

        return new ModelCatalogue(copy);
    }

    /// <summary>The catalogue's name for a provider (<c>gemini</c> → <c>google</c>), or null when it knows none of its models.</summary>
    public static string? KnownProvider(string? provider)
        => provider is not null && s_providerAliases.TryGetValue(provider.Trim(), out string? known) ? known : null;

    /// <summary>
    /// The facts for a model, or null: the project's entry, else the pinned one; a fine-tune (<c>ft:gpt-4o-mini:org::id</c>)
    /// or a dated snapshot the catalogue does not list (<c>gpt-4o-2024-11-20</c>, <c>claude-x-20250101</c>) takes its
    /// base model's facts (a fine-tune not its prices: <see cref="Fill"/>).
    /// </summary>
    public CatalogueEntry? Find(string? provider, string? model) => Find(provider, model, baseModels: true);

    private CatalogueEntry? Find(string? provider, string? model, bool baseModels)
    {
        if (provider is null || model is null)
        {
            return null;
        }

        // Base models only for providers the catalogue covers: elsewhere ids follow no known scheme.
        bool known = KnownProvider(provider) is not null;
        foreach (string candidate in baseModels && known ? Candidates(model) : new[] { model })
        {
            string key = Key(provider, candidate);
            if (_overrideIndex.TryGetValue(key, out CatalogueEntry? entry) || BuiltInIndex.TryGetValue(key, out entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="model"/> with what it leaves unknown filled from the catalogue: a context window, maximum output
    /// or price of 0, and <c>SupportsPrefill</c> when the attribute does not set it. Declared values always win.
    /// </summary>
    public ModelSpec Fill(ModelSpec model)
    {
        if (Find(model.Provider, model.Model) is not { } entry)
        {
            return model;
        }

        var filled = new List<string>(4);
        ModelSpec result = model;
        if (model.ContextWindow == 0 && entry.ContextWindow > 0)
        {
            result = result with { ContextWindow = entry.ContextWindow };
            filled.Add("context window");
        }

        if (model.MaxOutputTokens == 0 && entry.MaxOutputTokens > 0)
        {
            result = result with { MaxOutputTokens = entry.MaxOutputTokens };
            filled.Add("maximum output");
        }

        // A fine-tune has its base model's limits but its own prices.
        bool fineTune = !ReferenceEquals(entry, Find(model.Provider, model.Model, baseModels: false)) && model.Model!.StartsWith("ft:", StringComparison.Ordinal);
        if (!fineTune && model.InputPricePerMillionTokens == 0 && model.OutputPricePerMillionTokens == 0 && (entry.InputPerMillion > 0 || entry.OutputPerMillion > 0))
        {
            result = result with { InputPricePerMillionTokens = entry.InputPerMillion, OutputPricePerMillionTokens = entry.OutputPerMillion };
            filled.Add("prices");
        }

        if (model.DeclaredSupportsPrefill is null && entry.SupportsPrefill)
        {
            result = result with { DeclaredSupportsPrefill = true };
            filled.Add("prefill");
        }

        if (filled.Count == 0)
        {
            return model;
        }

        string source = _overrideIndex.ContainsValue(entry) ? "fallback.models.json" : "the model catalogue of " + AsOf;
        return result with { FilledFrom = string.Join(", ", filled) + " from " + source };
    }

    /// <summary>
    /// FB0020's judgement of a model id for a known provider: null when the catalogue knows it (or the provider is not
    /// one it covers); else the nearest known id, if any, and whether the id looks like a typo of it (a warning) rather
    /// than a model the catalogue is too old to list (information).
    /// </summary>
    public UnknownModel? JudgeUnknown(string? provider, string? model)
    {
        if (model is null || string.IsNullOrWhiteSpace(model) || KnownProvider(provider) is not { } known || Find(provider, model) is not null)
        {
            return null;
        }

        string? typoOf = null;
        string? nearest = null;
        int best = int.MaxValue;
        foreach (CatalogueEntry entry in Entries(known))
        {
            if (IsTypo(model, entry.Model) && (typoOf is null || string.CompareOrdinal(entry.Model, typoOf) < 0))
            {
                typoOf = entry.Model;
            }

            int distance = EditDistance.Between(model, entry.Model);
            if (distance < best || (distance == best && string.CompareOrdinal(entry.Model, nearest) < 0))
            {
                best = distance;
                nearest = entry.Model;
            }
        }

        if (typoOf is not null)
        {
            return new UnknownModel(known, typoOf, IsLikelyTypo: true);
        }

        // Close enough to name: a few edits, fewer the shorter the id.
        int allowed = Math.Max(1, Math.Min(3, model.Length / 4));
        return new UnknownModel(known, best <= allowed ? nearest : null, IsLikelyTypo: false);
    }

    /// <summary>
    /// Whether <paramref name="typed"/> looks like a slip for <paramref name="known"/> rather than another model: the same
    /// but for case (providers' ids are case-sensitive), or for the separators (<c>claude-opus-4.5</c>), or for one edit
    /// inside one segment (between <c>-</c>, <c>.</c>, <c>_</c>, <c>:</c>) that involves a letter and does not just add or
    /// drop the segment's end. Not typos: <c>gpt-4</c> beside <c>gpt-4o</c>, <c>gemini-1.5-flash-8b</c> beside
    /// <c>gemini-1.5-flash</c>, <c>pixtral-large-latest</c> beside <c>mistral-large-latest</c>, <c>gpt-6</c> beside
    /// <c>gpt-5</c> (a version): real models the catalogue may not list, where a warning and a fix would do harm.
    /// </summary>
    private static bool IsTypo(string typed, string known)
    {
        if (string.Equals(typed, known, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string[] a = typed.Split(Separators);
        string[] b = known.Split(Separators);
        if (a.Length != b.Length)
        {
            return false;
        }

        int differing = -1;
        for (int i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.OrdinalIgnoreCase))
            {
                if (differing >= 0)
                {
                    return false;
                }

                differing = i;
            }
        }

        if (differing < 0)
        {
            return true; // only the separators differ
        }

        string x = a[differing], y = b[differing];
        return EditDistance.Between(x, y) == 1
            && !x.StartsWith(y, StringComparison.OrdinalIgnoreCase)
            && !y.StartsWith(x, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Letters(x), Letters(y), StringComparison.OrdinalIgnoreCase);
    }

    private static string Letters(string segment)
    {
        var letters = new System.Text.StringBuilder(segment.Length);
        foreach (char c in segment)
        {
            if (!char.IsDigit(c))
            {
                letters.Append(c);
            }
        }

        return letters.ToString();
    }

    /// <summary>The ids the catalogue knows for a provider: the project's entries, then the pinned ones.</summary>
    private IEnumerable<CatalogueEntry> Entries(string knownProvider)
    {
        foreach (CatalogueEntry entry in _overrides)
        {
            if (KnownProvider(entry.Provider) == knownProvider)
            {
                yield return entry;
            }
        }

        foreach (CatalogueEntry entry in s_entries)
        {
            if (entry.Provider == knownProvider)
            {
                yield return entry;
            }
        }
    }

    /// <summary>The id itself, then its base model: without a fine-tune's <c>ft:</c> wrapping, then without a date suffix.</summary>
    private static IEnumerable<string> Candidates(string model)
    {
        yield return model;
        string baseModel = model;
        if (baseModel.StartsWith("ft:", StringComparison.Ordinal))
        {
            int end = baseModel.IndexOf(':', 3);
            baseModel = end < 0 ? baseModel.Substring(3) : baseModel.Substring(3, end - 3);
            yield return baseModel;
        }

        if (WithoutDateSuffix(baseModel) is { } undated)
        {
            yield return undated;
        }
    }

    /// <summary><c>gpt-4o-2024-08-06</c> → <c>gpt-4o</c>, <c>claude-x-20250101</c> → <c>claude-x</c>; null without such a suffix.</summary>
    private static string? WithoutDateSuffix(string model)
    {
        if (model.Length > 11 && IsDate(model, model.Length - 10, dashed: true) && model[model.Length - 11] == '-')
        {
            return model.Substring(0, model.Length - 11);
        }

        if (model.Length > 9 && IsDate(model, model.Length - 8, dashed: false) && model[model.Length - 9] == '-')
        {
            return model.Substring(0, model.Length - 9);
        }

        return null;
    }

    private static bool IsDate(string text, int start, bool dashed)
    {
        string format = dashed ? "yyyy-MM-dd" : "yyyyMMdd";
        return DateTime.TryParseExact(text.Substring(start), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
    }

    private static Dictionary<string, CatalogueEntry> BuiltInIndex => s_builtInIndex ??= Index(s_entries);

    /// <summary>The index key: the catalogue's name for the provider (<c>gemini</c> → <c>google</c>, any case or spacing), then the id as written.</summary>
    private static string Key(string provider, string model) => (KnownProvider(provider) ?? provider.Trim().ToLowerInvariant()) + "/" + model;

    private static Dictionary<string, CatalogueEntry> Index(CatalogueEntry[] entries)
    {
        var index = new Dictionary<string, CatalogueEntry>(StringComparer.Ordinal);
        foreach (CatalogueEntry entry in entries)
        {
            index[Key(entry.Provider, entry.Model)] = entry;
        }

        return index;
    }

    public bool Equals(ModelCatalogue? other)
    {
        if (other is null || other._overrides.Length != _overrides.Length)
        {
            return false;
        }

        for (int i = 0; i < _overrides.Length; i++)
        {
            if (!_overrides[i].Equals(other._overrides[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ModelCatalogue);

    public override int GetHashCode()
    {
        int hash = _overrides.Length;
        foreach (CatalogueEntry entry in _overrides)
        {
            hash = (hash * 31) + entry.GetHashCode();
        }

        return hash;
    }
}

/// <summary>An id the catalogue does not know for a provider it covers (FB0020).</summary>
/// <param name="Provider">The catalogue's name for the provider.</param>
/// <param name="Nearest">The nearest known id, or null when none is close.</param>
/// <param name="IsLikelyTypo">Whether the id differs from <paramref name="Nearest"/> in more than version numbers.</param>
internal sealed record UnknownModel(string Provider, string? Nearest, bool IsLikelyTypo);
