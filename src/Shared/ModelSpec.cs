// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): one record for the values of a [Model],
// and one row per named property saying how the generator and the analyzers treat it.
using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Fallback.SourceGeneration;

/// <summary>
/// The values of one <c>[Model]</c> attribute, read without interpretation by <see cref="ChainRules.ReadModel"/>: what
/// the analyzers check, what the parser merges into the chain's table and what the emitter writes. Immutable and
/// equal by value, so it sits in the generator's spec as it is.
/// </summary>
/// <remarks>
/// Adding a <c>[Model]</c> property: add it here (with the attribute's default) and one row to
/// <see cref="ModelProperty.All"/>; reading, FB0006's non-negative rule, FB0019's comparison and message and the
/// emitted <c>ModelDescriptor</c> argument follow from them. The runtime side is the attribute and
/// <c>ModelDescriptor</c>'s constructor (and the engine's check, when the value has a rule).
/// </remarks>
/// <param name="Provider">The provider, or null when the argument is not a string.</param>
/// <param name="Model">The model id, or null when the argument is not a string.</param>
internal sealed record ModelSpec(string? Provider, string? Model)
{
    /// <summary>A model with every named property at the attribute's default.</summary>
    public static readonly ModelSpec Defaults = new(null, null);

    public int Priority { get; init; }

    public int MaxRetries { get; init; }

    public bool Enabled { get; init; } = true;

    public string? Client { get; init; }

    public int AttemptTimeoutMs { get; init; }

    public int ContextWindow { get; init; }

    public int FirstTokenTimeoutMs { get; init; }

    /// <summary>Whether the model continues an assistant prefill, as <c>[Model]</c> declares it; null when it does not say.</summary>
    public bool? DeclaredSupportsPrefill { get; init; }

    /// <summary>The value the table holds: as declared, else (once <see cref="ModelCatalogue.Fill"/>ed) the catalogue's, else false.</summary>
    public bool SupportsPrefill => DeclaredSupportsPrefill ?? false;

    public int MaxOutputTokens { get; init; }

    public double InputPricePerMillionTokens { get; init; }

    public double OutputPricePerMillionTokens { get; init; }

    /// <summary>What <see cref="ModelCatalogue.Fill"/> filled in and from where, for the generated table's comment; null when nothing.</summary>
    public string? FilledFrom { get; init; }

    /// <summary>The client key the model resolves to: <see cref="Client"/>, else the provider.</summary>
    public string? ClientKey => string.IsNullOrEmpty(Client) ? Provider : Client;
}

/// <summary>One named property of <c>[Model]</c>: how it is read, checked, compared and emitted.</summary>
internal sealed class ModelProperty
{
    /// <summary>Every named property, in the order FB0006 checks them and the emitter writes them.</summary>
    public static readonly ImmutableArray<ModelProperty> All = ImmutableArray.Create(
        Int(nameof(ModelSpec.Priority), static m => m.Priority, static (m, v) => m with { Priority = v }, nonNegative: true, entryValue: false),
        Int(nameof(ModelSpec.MaxRetries), static m => m.MaxRetries, static (m, v) => m with { MaxRetries = v }, nonNegative: true, max: ChainRules.MaxReasonableRetries),
        Bool(nameof(ModelSpec.Enabled), static m => m.Enabled, static (m, v) => m with { Enabled = v }),
        new ModelProperty(nameof(ModelSpec.Client), static m => m.Client, static (m, v) => m with { Client = v as string }, nonNegative: false, max: null, entryValue: false),
        Int(nameof(ModelSpec.AttemptTimeoutMs), static m => m.AttemptTimeoutMs, static (m, v) => m with { AttemptTimeoutMs = v }, nonNegative: true),
        Int(nameof(ModelSpec.ContextWindow), static m => m.ContextWindow, static (m, v) => m with { ContextWindow = v }, nonNegative: true),
        Int(nameof(ModelSpec.FirstTokenTimeoutMs), static m => m.FirstTokenTimeoutMs, static (m, v) => m with { FirstTokenTimeoutMs = v }, nonNegative: true),
        // Compared as declared (true, false or not set): an explicit false must not pass for "let the catalogue say".
        new ModelProperty(nameof(ModelSpec.SupportsPrefill), static m => m.DeclaredSupportsPrefill, static (m, v) => v is bool b ? m with { DeclaredSupportsPrefill = b } : m, nonNegative: false, max: null, entryValue: true),
        Int(nameof(ModelSpec.MaxOutputTokens), static m => m.MaxOutputTokens, static (m, v) => m with { MaxOutputTokens = v }, nonNegative: true),
        Double(nameof(ModelSpec.InputPricePerMillionTokens), static m => m.InputPricePerMillionTokens, static (m, v) => m with { InputPricePerMillionTokens = v }),
        Double(nameof(ModelSpec.OutputPricePerMillionTokens), static m => m.OutputPricePerMillionTokens, static (m, v) => m with { OutputPricePerMillionTokens = v }));

    private readonly Func<ModelSpec, object?> _get;
    private readonly Func<ModelSpec, object?, ModelSpec> _read;

    private ModelProperty(string name, Func<ModelSpec, object?> get, Func<ModelSpec, object?, ModelSpec> read, bool nonNegative, int? max, bool entryValue)
    {
        Name = name;
        Argument = char.ToLowerInvariant(name[0]) + name.Substring(1);
        _get = get;
        _read = read;
        NonNegative = nonNegative;
        Max = max;
        IsEntryValue = entryValue;
    }

    /// <summary>The attribute's property: <c>MaxRetries</c>.</summary>
    public string Name { get; }

    /// <summary>The <c>ModelDescriptor</c> constructor parameter the emitter names: <c>maxRetries</c>.</summary>
    public string Argument { get; }

    /// <summary>Whether a negative value is invalid (FB0006).</summary>
    public bool NonNegative { get; }

    /// <summary>The largest valid value (FB0006), or null for none.</summary>
    public int? Max { get; }

    /// <summary>
    /// Whether the value belongs to the table entry, so two declarations of one entry must agree on it (FB0019).
    /// Not <c>Priority</c> (it orders one list) nor <c>Client</c> (it is part of the entry's identity).
    /// </summary>
    public bool IsEntryValue { get; }

    /// <summary>The value on <paramref name="model"/>.</summary>
    public object? Get(ModelSpec model) => _get(model);

    /// <summary><paramref name="model"/> with this property set from an attribute argument (unchanged when the argument has the wrong type).</summary>
    public ModelSpec Read(ModelSpec model, object? value) => _read(model, value);

    /// <summary>Whether <paramref name="model"/> leaves the property at the attribute's default (the emitter then omits it).</summary>
    public bool IsDefault(ModelSpec model) => Equals(Get(model), Get(ModelSpec.Defaults));

    /// <summary>The value as C#: <c>3</c>, <c>false</c>, <c>"openai-eu"</c>; also how diagnostics quote it.</summary>
    public string Format(ModelSpec model) => Get(model) switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        null when Name == nameof(ModelSpec.SupportsPrefill) => "not set",
        _ => "null",
    };

    /// <summary>The property with this name, or null.</summary>
    public static ModelProperty? Find(string name)
    {
        foreach (ModelProperty property in All)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }

    private static ModelProperty Int(string name, Func<ModelSpec, int> get, Func<ModelSpec, int, ModelSpec> set, bool nonNegative, int? max = null, bool entryValue = true)
        => new(name, m => get(m), (m, v) => v is int i ? set(m, i) : m, nonNegative, max, entryValue);

    private static ModelProperty Double(string name, Func<ModelSpec, double> get, Func<ModelSpec, double, ModelSpec> set)
        => new(name, m => get(m), (m, v) => v is double d ? set(m, d) : v is int i ? set(m, i) : m, nonNegative: true, max: null, entryValue: true);

    private static ModelProperty Bool(string name, Func<ModelSpec, bool> get, Func<ModelSpec, bool, ModelSpec> set)
        => new(name, m => get(m), (m, v) => v is bool b ? set(m, b) : m, nonNegative: false, max: null, entryValue: true);
}
