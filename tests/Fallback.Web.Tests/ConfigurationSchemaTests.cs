using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fallback.Web.Tests;

/// <summary>
/// docs/fallback-configuration.schema.json cannot drift from what binds: its chain and model keys are exactly the
/// public settable properties of <see cref="FallbackOptions"/> and <see cref="ModelOptions"/> that configuration can
/// set, each with the JSON type of its CLR type; and the sample's appsettings.json and the examples in
/// docs/configuration.md satisfy it.
/// </summary>
public sealed class ConfigurationSchemaTests
{
    private const string ModelKeyPattern = "^[^/]+/[^@]+(@.+)?$";

    // Settable in code, not from configuration: services and objects, not values.
    private static readonly string[] s_codeOnly = [nameof(FallbackOptions.TimeProvider), nameof(FallbackOptions.Random), nameof(FallbackOptions.LoggerFactory)];

    private static readonly SchemaCheck s_schema = new(JsonDocument.Parse(File.ReadAllText(TestFiles.Path("fallback-configuration.schema.json"))).RootElement);

    private static JsonElement ChainSchema => s_schema.Definition("chain");

    private static JsonElement ModelSchema => s_schema.Definition("model");

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        string markdown = File.ReadAllText(TestFiles.Path("configuration.md"));
        foreach (Match block in Regex.Matches(markdown, "```json\\n(?<json>.*?)```", RegexOptions.Singleline))
        {
            data.Add(block.Groups["json"].Value);
        }

        return data;
    }

    [Fact]
    public void The_schema_is_draft_2020_12_and_describes_the_Fallback_section()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", s_schema.Root.GetProperty("$schema").GetString());
        JsonElement fallback = s_schema.Resolve(s_schema.Root.GetProperty("properties").GetProperty("Fallback"));
        Assert.Equal(["Chains"], fallback.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("#/$defs/chain", fallback.GetProperty("properties").GetProperty("Chains").GetProperty("additionalProperties").GetProperty("$ref").GetString());
        JsonElement models = ChainSchema.GetProperty("properties").GetProperty(nameof(FallbackOptions.Models));
        Assert.Equal([ModelKeyPattern], models.GetProperty("patternProperties").EnumerateObject().Select(p => p.Name));
        Assert.False(models.GetProperty("additionalProperties").GetBoolean());
        Assert.False(ChainSchema.GetProperty("additionalProperties").GetBoolean());
        Assert.False(ModelSchema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Chain_keys_are_exactly_the_bindable_FallbackOptions_properties_each_with_its_type()
    {
        List<PropertyInfo> settable = Settable(typeof(FallbackOptions));
        Assert.Equal(s_codeOnly.Order(), settable.Where(p => !Bindable(p.PropertyType)).Select(p => p.Name).Order());

        // Models is a get-only dictionary the binder fills; every other key is a settable value property.
        string[] expected = [.. settable.Where(p => Bindable(p.PropertyType)).Select(p => p.Name), nameof(FallbackOptions.Models)];
        Assert.Equal(expected.Order(), Keys(ChainSchema).Order());
        foreach (PropertyInfo property in settable.Where(p => Bindable(p.PropertyType)))
        {
            AssertSchemaType(property, ChainSchema.GetProperty("properties").GetProperty(property.Name));
        }
    }

    [Fact]
    public void Model_keys_are_exactly_the_ModelOptions_properties_each_with_its_type()
    {
        List<PropertyInfo> settable = Settable(typeof(ModelOptions));
        Assert.All(settable, p => Assert.True(Bindable(p.PropertyType), $"ModelOptions.{p.Name} is {p.PropertyType}"));
        Assert.Equal(settable.Select(p => p.Name).Order(), Keys(ModelSchema).Order());
        foreach (PropertyInfo property in settable)
        {
            AssertSchemaType(property, ModelSchema.GetProperty("properties").GetProperty(property.Name));
        }
    }

    [Fact]
    public void The_samples_appsettings_json_satisfies_the_schema()
    {
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(TestFiles.Path("sample.appsettings.json")));
        Assert.Equal("../../docs/fallback-configuration.schema.json", settings.RootElement.GetProperty("$schema").GetString());
        Assert.True(settings.RootElement.GetProperty("Fallback").GetProperty("Chains").EnumerateObject().Any());
        Assert.Empty(s_schema.Errors(settings.RootElement));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_json_examples_in_configuration_md_satisfy_the_schema(string example)
    {
        using JsonDocument document = JsonDocument.Parse(example);
        Assert.True(document.RootElement.TryGetProperty("Fallback", out _), "every JSON example in configuration.md is a whole appsettings.json");
        Assert.Empty(s_schema.Errors(document.RootElement));
    }

    [Fact]
    public void Configuration_md_names_every_key()
    {
        string markdown = File.ReadAllText(TestFiles.Path("configuration.md"));
        foreach (string key in Keys(ChainSchema).Concat(Keys(ModelSchema)))
        {
            Assert.Contains("| `" + key + "` |", markdown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{ "Chainz": {} }""", "'Chainz' is not allowed")]
    [InlineData("""{ "Chains": { "c": { "MaxRetries": 1 } } }""", "'MaxRetries' is not allowed")]
    [InlineData("""{ "Chains": { "c": { "BaseDelay": "500ms" } } }""", "does not match")]
    [InlineData("""{ "Chains": { "c": { "BaseDelay": 5 } } }""", "is not string")]
    [InlineData("""{ "Chains": { "c": { "AttemptTimeout": "00:00:00" } } }""", "excludes")]
    [InlineData("""{ "Chains": { "c": { "JitterFactor": 1.5 } } }""", "is more than 1")]
    [InlineData("""{ "Chains": { "c": { "CircuitBreakerThreshold": -1 } } }""", "is less than 0")]
    [InlineData("""{ "Chains": { "c": { "StreamRecovery": "Drop" } } }""", "is not one of")]
    [InlineData("""{ "Chains": { "c": { "Models": { "gpt-4o": {} } } } }""", "'gpt-4o' is not allowed")]
    [InlineData("""{ "Chains": { "c": { "Models": { "openai/gpt-4o": { "MaxRetry": 1 } } } } }""", "'MaxRetry' is not allowed")]
    [InlineData("""{ "Chains": { "c": { "Models": { "openai/gpt-4o@eu": { "Enabled": "no" } } } } }""", "is not boolean")]
    public void The_check_rejects_what_the_runtime_rejects(string fallback, string expected)
    {
        using JsonDocument document = JsonDocument.Parse("""{ "Fallback": """ + fallback + " }");
        Assert.Contains(s_schema.Errors(document.RootElement), error => error.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:00.5")]
    [InlineData("00:00:00.500")]
    [InlineData("00:00:30")]
    [InlineData("1.00:00:00")]
    [InlineData("23:59:59.9999999")]
    public void Durations_the_schema_accepts_bind_as_TimeSpans(string value)
    {
        string pattern = s_schema.Definition("duration").GetProperty("pattern").GetString()!;
        Assert.Matches(pattern, value);
        Assert.True(TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out TimeSpan parsed) && parsed > TimeSpan.Zero);
    }

    private static List<PropertyInfo> Settable(Type type)
        => [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true })];

    private static IEnumerable<string> Keys(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    // What the configuration binder reads from one string value.
    private static bool Bindable(Type type)
    {
        Type value = Nullable.GetUnderlyingType(type) ?? type;
        return value == typeof(bool) || value == typeof(int) || value == typeof(double) || value == typeof(TimeSpan) || value.IsEnum;
    }

    private static void AssertSchemaType(PropertyInfo property, JsonElement schema)
    {
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(TimeSpan))
        {
            string reference = schema.GetProperty("$ref").GetString()!;
            Assert.True(reference is "#/$defs/duration" or "#/$defs/positiveDuration", $"{property.Name}: {reference}");

            // Timeouts (nullable: none by default) must be more than zero; delays and cooldowns may be zero.
            Assert.Equal(property.PropertyType != typeof(TimeSpan), reference == "#/$defs/positiveDuration");
        }
        else if (type.IsEnum)
        {
            Assert.Equal(Enum.GetNames(type), schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        }
        else
        {
            string expected = type == typeof(bool) ? "boolean" : type == typeof(int) ? "integer" : "number";
            Assert.Equal(expected, schema.GetProperty("type").GetString());
        }

        Assert.False(string.IsNullOrWhiteSpace(schema.GetProperty("description").GetString()), property.Name + " has no description");
    }
}
