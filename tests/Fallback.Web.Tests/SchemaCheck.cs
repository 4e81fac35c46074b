using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fallback.Web.Tests;

/// <summary>
/// Checks a JSON value against the subset of JSON Schema (draft 2020-12) that docs/fallback-configuration.schema.json
/// uses: local <c>$ref</c>, <c>allOf</c>, <c>not</c>, <c>type</c>, <c>enum</c>, <c>pattern</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>properties</c>, <c>patternProperties</c> and <c>additionalProperties</c>. A keyword it does not
/// know fails the check, so the schema cannot grow past what is tested without the test noticing.
/// </summary>
internal sealed class SchemaCheck(JsonElement root)
{
    private static readonly HashSet<string> s_known =
    [
        "$schema", "$id", "$defs", "$ref", "title", "description", "allOf", "not", "type", "enum", "pattern", "minimum", "maximum",
        "properties", "patternProperties", "additionalProperties",
    ];

    public JsonElement Root => root;

    /// <summary>The definition <c>#/$defs/<paramref name="name"/></c>.</summary>
    public JsonElement Definition(string name) => root.GetProperty("$defs").GetProperty(name);

    public List<string> Errors(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            string target = reference.GetString()!;
            Assert.StartsWith("#/$defs/", target, StringComparison.Ordinal);
            schema = Definition(target["#/$defs/".Length..]);
        }

        return schema;
    }

    private void Check(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            Assert.True(s_known.Contains(keyword.Name), $"the schema uses '{keyword.Name}', which this check does not implement");
        }

        if (schema.TryGetProperty("$ref", out _))
        {
            Check(Resolve(schema), instance, path, errors);
        }

        if (schema.TryGetProperty("allOf", out JsonElement all))
        {
            foreach (JsonElement part in all.EnumerateArray())
            {
                Check(part, instance, path, errors);
            }
        }

        if (schema.TryGetProperty("not", out JsonElement not))
        {
            var inner = new List<string>();
            Check(not, instance, path, inner);
            if (inner.Count == 0)
            {
                errors.Add($"{path}: {instance} matches what the schema excludes ({not})");
            }
        }

        if (schema.TryGetProperty("type", out JsonElement type) && !TypeMatches(type.GetString()!, instance))
        {
            errors.Add($"{path}: {instance.ValueKind} is not {type.GetString()}");
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
        {
            errors.Add($"{path}: {instance} is not one of {values}");
        }

        if (schema.TryGetProperty("pattern", out JsonElement pattern) && instance.ValueKind == JsonValueKind.String
            && !Regex.IsMatch(instance.GetString()!, pattern.GetString()!))
        {
            errors.Add($"{path}: '{instance.GetString()}' does not match {pattern.GetString()}");
        }

        if (instance.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out JsonElement minimum) && instance.GetDouble() < minimum.GetDouble())
            {
                errors.Add($"{path}: {instance} is less than {minimum}");
            }

            if (schema.TryGetProperty("maximum", out JsonElement maximum) && instance.GetDouble() > maximum.GetDouble())
            {
                errors.Add($"{path}: {instance} is more than {maximum}");
            }
        }

        if (instance.ValueKind == JsonValueKind.Object)
        {
            CheckProperties(schema, instance, path, errors);
        }
    }

    private void CheckProperties(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        foreach (JsonProperty property in instance.EnumerateObject())
        {
            string at = path + "." + property.Name;
            bool matched = false;
            if (schema.TryGetProperty("properties", out JsonElement properties) && properties.TryGetProperty(property.Name, out JsonElement declared))
            {
                matched = true;
                Check(declared, property.Value, at, errors);
            }

            if (schema.TryGetProperty("patternProperties", out JsonElement patterns))
            {
                foreach (JsonProperty pattern in patterns.EnumerateObject())
                {
                    if (Regex.IsMatch(property.Name, pattern.Name))
                    {
                        matched = true;
                        Check(pattern.Value, property.Value, at, errors);
                    }
                }
            }

            if (matched || !schema.TryGetProperty("additionalProperties", out JsonElement additional))
            {
                continue;
            }

            if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{at}: '{property.Name}' is not allowed here");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, property.Value, at, errors);
            }
        }
    }

    private static bool TypeMatches(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _)
            || instance.ValueKind == JsonValueKind.Number && double.Parse(instance.GetRawText(), CultureInfo.InvariantCulture) % 1 == 0,
        _ => throw new InvalidOperationException($"type '{type}' is not implemented by this check"),
    };
}
