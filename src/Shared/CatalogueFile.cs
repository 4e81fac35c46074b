// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): one reading of a project's fallback.models.json,
// so the entries the generator fills tables from are the ones FB0020 knows, and every problem the generator ignores is
// one FB0025 reports.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Fallback.SourceGeneration;

/// <summary>
/// A project's additions and corrections to the model catalogue: <c>{ "models": { "provider/model": { "contextWindow":
/// 400000, "maxOutputTokens": 128000, "supportsPrefill": false, "inputPricePerMillionTokens": 1.25,
/// "outputPricePerMillionTokens": 10 } } }</c>. Values left out are unknown (0, no prefill). Anything wrong is a
/// <see cref="Problem"/> at its place in the file and costs only its own entry (or, for a file that is not JSON, the file).
/// </summary>
internal sealed class CatalogueFile
{
    /// <summary>The file name the generator and the analyzers read, in any folder (compared without case).</summary>
    public const string FileName = "fallback.models.json";

    private const string ModelsKey = "models";

    private static readonly string[] Fields =
    {
        "contextWindow", "maxOutputTokens", "supportsPrefill", "inputPricePerMillionTokens", "outputPricePerMillionTokens",
    };

    private CatalogueFile(List<CatalogueEntry> entries, List<Problem> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    /// <summary>The valid entries, in file order.</summary>
    public IReadOnlyList<CatalogueEntry> Entries { get; }

    /// <summary>What is wrong, each at an offset into the file's text.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether <paramref name="path"/> names a catalogue file.</summary>
    public static bool IsCatalogueFile(string path)
        => string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a catalogue file's text. Never throws but when cancelled.</summary>
    public static CatalogueFile Read(string text, CancellationToken cancellationToken = default)
    {
        var entries = new List<CatalogueEntry>();
        var problems = new List<Problem>();
        if (!JsonText.TryParse(text, out JsonText? document, out JsonTextError? error, cancellationToken))
        {
            problems.Add(new Problem(error!.Offset, 0, $"{FileName} is not valid JSON: {error.Message}; the pinned catalogue applies alone"));
            return new CatalogueFile(entries, problems);
        }

        JsonTextNode root = document!.Root;
        if (root.Kind != JsonTextKind.Object)
        {
            problems.Add(new Problem(root.Start, root.Length, $"{FileName} must hold an object with a \"{ModelsKey}\" object"));
            return new CatalogueFile(entries, problems);
        }

        foreach (JsonTextProperty section in root.Properties)
        {
            if (!string.Equals(section.Name, ModelsKey, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(NameProblem(section, $"unknown key '{section.Name}' in {FileName}: the file holds one \"{ModelsKey}\" object"));
                continue;
            }

            if (section.Value.Kind != JsonTextKind.Object)
            {
                problems.Add(ValueProblem(section.Value, $"\"{ModelsKey}\" must be an object keyed by \"provider/model\""));
                continue;
            }

            foreach (JsonTextProperty model in section.Value.Properties)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReadEntry(model, problems) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        return new CatalogueFile(entries, problems);
    }

    private static CatalogueEntry? ReadEntry(JsonTextProperty model, List<Problem> problems)
    {
        int slash = model.Name.IndexOf('/');
        if (slash <= 0 || slash == model.Name.Length - 1 || HasSpaceAround(model.Name, slash))
        {
            problems.Add(NameProblem(model, $"model key '{model.Name}' must be \"provider/model\", as in \"openai/gpt-4o\""));
            return null;
        }

        if (model.Value.Kind != JsonTextKind.Object)
        {
            problems.Add(ValueProblem(model.Value, $"'{model.Name}' must be an object of its facts ({string.Join(", ", Fields)})"));
            return null;
        }

        int contextWindow = 0, maxOutputTokens = 0;
        double input = 0, output = 0;
        bool prefill = false, valid = true;
        foreach (JsonTextProperty field in model.Value.Properties)
        {
            switch (Field(field.Name))
            {
                case "contextWindow":
                    valid &= TryCount(field, problems, ref contextWindow);
                    break;
                case "maxOutputTokens":
                    valid &= TryCount(field, problems, ref maxOutputTokens);
                    break;
                case "inputPricePerMillionTokens":
                    valid &= TryPrice(field, problems, ref input);
                    break;
                case "outputPricePerMillionTokens":
                    valid &= TryPrice(field, problems, ref output);
                    break;
                case "supportsPrefill":
                    if (field.Value.Kind is JsonTextKind.True or JsonTextKind.False)
                    {
                        prefill = field.Value.Kind == JsonTextKind.True;
                    }
                    else
                    {
                        problems.Add(ValueProblem(field.Value, $"'{model.Name}': supportsPrefill must be true or false"));
                        valid = false;
                    }

                    break;
                default:
                    string? near = Nearest(field.Name);
                    problems.Add(NameProblem(field, $"'{model.Name}': unknown fact '{field.Name}'" + (near is null ? $"; the facts are {string.Join(", ", Fields)}" : $"; did you mean '{near}'?")));
                    valid = false;
                    break;
            }
        }

        return valid ? new CatalogueEntry(model.Name.Substring(0, slash), model.Name.Substring(slash + 1), contextWindow, maxOutputTokens, prefill, input, output) : null;

        bool TryCount(JsonTextProperty field, List<Problem> list, ref int value)
        {
            if (field.Value.Kind == JsonTextKind.Number
                && int.TryParse(field.Value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                value = count;
                return true;
            }

            list.Add(ValueProblem(field.Value, $"'{model.Name}': {field.Name} must be a whole number of tokens, 0 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}"));
            return false;
        }

        bool TryPrice(JsonTextProperty field, List<Problem> list, ref double value)
        {
            if (field.Value.Kind == JsonTextKind.Number
                && double.TryParse(field.Value.Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double price)
                && !double.IsInfinity(price))
            {
                value = price;
                return true;
            }

            list.Add(ValueProblem(field.Value, $"'{model.Name}': {field.Name} must be a price in USD per million tokens, 0 or more"));
            return false;
        }
    }

    private static bool HasSpaceAround(string key, int slash)
        => char.IsWhiteSpace(key[0]) || char.IsWhiteSpace(key[key.Length - 1]) || char.IsWhiteSpace(key[slash - 1]) || char.IsWhiteSpace(key[slash + 1]);

    /// <summary>The field's canonical name (names compare without case), or null.</summary>
    private static string? Field(string name)
    {
        foreach (string field in Fields)
        {
            if (string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The field meant by a misspelt or shortened name (<c>contextWindw</c>, <c>context</c>), or null.</summary>
    private static string? Nearest(string name)
    {
        foreach (string field in Fields)
        {
            if (EditDistance.Between(field, name) <= 2 || (name.Length >= 5 && field.StartsWith(name, StringComparison.OrdinalIgnoreCase)))
            {
                return field;
            }
        }

        return null;
    }

    private static Problem NameProblem(JsonTextProperty property, string message) => new(property.NameStart, property.NameLength, message);

    private static Problem ValueProblem(JsonTextNode value, string message) => new(value.Start, value.Length, message);

    /// <summary>One thing wrong with the file: the text at <see cref="Start"/> (<see cref="Length"/> characters) and why.</summary>
    internal readonly struct Problem
    {
        public Problem(int start, int length, string message)
        {
            Start = start;
            Length = length;
            Message = message;
        }

        public int Start { get; }

        public int Length { get; }

        public string Message { get; }
    }
}
