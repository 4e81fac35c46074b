using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis.Text;

namespace Fallback.Analyzers;

/// <summary>One section name of a configuration key (<c>Chains</c> in <c>Fallback:Chains:writer</c>) and where it is written.</summary>
internal readonly struct ConfigurationSegment
{
    public ConfigurationSegment(string key, TextSpan span)
    {
        Key = key;
        Span = span;
    }

    public string Key { get; }

    /// <summary>The name's text in the file (inside the quotes); for a name with escapes, the whole name.</summary>
    public TextSpan Span { get; }
}

/// <summary>
/// One key of a JSON configuration file as <c>Microsoft.Extensions.Configuration.Json</c> stores it: the full path
/// (property names joined with <c>:</c>, a name holding <c>:</c> split into sections, array items keyed by index)
/// and the value, which is a string or null.
/// </summary>
internal sealed class ConfigurationEntry
{
    public ConfigurationEntry(ImmutableArray<ConfigurationSegment> path, JsonTextNode node, string? value)
    {
        Path = path;
        Node = node;
        Value = value;
    }

    public ImmutableArray<ConfigurationSegment> Path { get; }

    /// <summary>The JSON value: a scalar, or an empty object or array (which the provider stores as a key of its own).</summary>
    public JsonTextNode Node { get; }

    /// <summary>What the provider stores: a string's value, a number as written, <c>True</c>/<c>False</c>, <c>""</c> for an empty array; null for <c>null</c> and an empty object.</summary>
    public string? Value { get; }

    /// <summary>The key, as configuration prints it: <c>Fallback:Chains:writer</c> for the first <paramref name="count"/> sections.</summary>
    public string Key(int count)
    {
        var parts = new string[count];
        for (int i = 0; i < count; i++)
        {
            parts[i] = Path[i].Key;
        }

        return string.Join(":", parts);
    }
}

/// <summary>
/// The keys of a configuration file, read as the JSON configuration provider reads them (its
/// <c>JsonConfigurationFileParser</c>): every scalar, <c>null</c> and empty array is a key that must not be set twice
/// (ignoring case), an empty object is a key that may be; the provider refuses the whole file on a repeat.
/// </summary>
internal sealed class ConfigurationFile
{
    private readonly Dictionary<string, ConfigurationEntry> _keys = new(StringComparer.OrdinalIgnoreCase);

    private ConfigurationFile()
    {
    }

    /// <summary>Every key in document order.</summary>
    public List<ConfigurationEntry> Entries { get; } = new();

    /// <summary>Keys set a second time (<c>Repeat</c>) after an earlier value (<c>First</c>); the provider refuses the file.</summary>
    public List<(ConfigurationEntry Repeat, ConfigurationEntry First)> Repeats { get; } = new();

    /// <summary>The file's keys; none when its value is not an object (the provider refuses such a file).</summary>
    public static ConfigurationFile Read(JsonText document)
    {
        var file = new ConfigurationFile();
        if (document.Root.Kind == JsonTextKind.Object)
        {
            foreach (JsonTextProperty property in document.Root.Properties)
            {
                file.Visit(property.Value, Append(ImmutableArray<ConfigurationSegment>.Empty, property));
            }
        }

        return file;
    }

    private void Visit(JsonTextNode node, ImmutableArray<ConfigurationSegment> path)
    {
        switch (node.Kind)
        {
            case JsonTextKind.Object when node.Properties.IsEmpty:
                Set(new ConfigurationEntry(path, node, null), checkRepeat: false);
                break;
            case JsonTextKind.Object:
                foreach (JsonTextProperty property in node.Properties)
                {
                    Visit(property.Value, Append(path, property));
                }

                break;
            case JsonTextKind.Array when node.Items.IsEmpty:
                Set(new ConfigurationEntry(path, node, string.Empty), checkRepeat: true);
                break;
            case JsonTextKind.Array:
                for (int i = 0; i < node.Items.Length; i++)
                {
                    JsonTextNode item = node.Items[i];
                    Visit(item, path.Add(new ConfigurationSegment(i.ToString(CultureInfo.InvariantCulture), new TextSpan(item.Start, item.Length))));
                }

                break;
            default:
                string? value = node.Kind switch
                {
                    JsonTextKind.True => "True", // JsonElement.ToString(), which the provider stores
                    JsonTextKind.False => "False",
                    JsonTextKind.Null => null,
                    _ => node.Value,
                };
                Set(new ConfigurationEntry(path, node, value), checkRepeat: true);
                break;
        }
    }

    private void Set(ConfigurationEntry entry, bool checkRepeat)
    {
        string key = entry.Key(entry.Path.Length);
        if (checkRepeat && _keys.TryGetValue(key, out ConfigurationEntry? first))
        {
            Repeats.Add((entry, first));
        }

        _keys[key] = entry;
        Entries.Add(entry);
    }

    /// <summary>The path with the property's name appended, split at each <c>:</c> as configuration splits keys.</summary>
    private static ImmutableArray<ConfigurationSegment> Append(ImmutableArray<ConfigurationSegment> path, JsonTextProperty property)
    {
        var builder = path.ToBuilder();
        string name = property.Name;
        int contentStart = property.NameStart + 1;
        int start = 0;
        while (true)
        {
            int end = name.IndexOf(':', start);
            int length = (end < 0 ? name.Length : end) - start;
            TextSpan span = property.NameIsVerbatim ? new TextSpan(contentStart + start, length) : new TextSpan(contentStart, property.NameLength - 2);
            builder.Add(new ConfigurationSegment(name.Substring(start, length), span));
            if (end < 0)
            {
                return builder.ToImmutable();
            }

            start = end + 1;
        }
    }
}
