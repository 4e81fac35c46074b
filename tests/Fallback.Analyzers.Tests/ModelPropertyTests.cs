using System.Linq;
using System.Reflection;
using Fallback.SourceGeneration;

namespace Fallback.Analyzers.Tests;

/// <summary>
/// The shared [Model] rows (src/Shared/ModelSpec.cs) agree with the runtime: one row per settable property of
/// <see cref="ModelAttribute"/>, each naming a <see cref="ModelDescriptor"/> constructor parameter, with one default on
/// all three. A property added to the attribute but not to the rows fails here, not in a user's build.
/// </summary>
public sealed class ModelPropertyTests
{
    [Fact]
    public void Every_settable_ModelAttribute_property_has_exactly_one_row()
    {
        string[] declared = typeof(ModelAttribute).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(static p => p.CanWrite)
            .Select(static p => p.Name)
            .OrderBy(static n => n, System.StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(declared, ModelProperty.All.Select(static p => p.Name).OrderBy(static n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Every_row_names_a_ModelDescriptor_parameter_and_shares_the_attributes_default()
    {
        ParameterInfo[] parameters = typeof(ModelDescriptor).GetConstructors().Single().GetParameters();
        var attribute = new ModelAttribute("p", "m");

        foreach (ModelProperty property in ModelProperty.All)
        {
            ParameterInfo? parameter = parameters.SingleOrDefault(p => p.Name == property.Argument);
            Assert.True(parameter is not null, $"ModelDescriptor has no parameter '{property.Argument}' for [Model({property.Name})]");
            object? attributeDefault = typeof(ModelAttribute).GetProperty(property.Name)!.GetValue(attribute);
            // SupportsPrefill left unwritten is "not set" (the catalogue decides), which the table then holds as false.
            object? specDefault = property.Get(ModelSpec.Defaults);
            Assert.Equal(attributeDefault, property.Name == "SupportsPrefill" ? (specDefault ?? false) : specDefault);
            Assert.Equal(attributeDefault, parameter!.DefaultValue);
        }
    }

    [Fact]
    public void One_row_reads_checks_compares_and_formats_its_value()
    {
        ModelProperty firstToken = ModelProperty.Find("FirstTokenTimeoutMs")!;
        ModelSpec declared = firstToken.Read(new ModelSpec("openai", "gpt-4o"), -5);

        Assert.Equal(-5, declared.FirstTokenTimeoutMs);
        Assert.Same(declared, firstToken.Read(declared, "not an int"));
        Assert.Equal("FirstTokenTimeoutMs is negative (-5)", ChainRules.ValidateModel(declared, out string? offending));
        Assert.Equal("FirstTokenTimeoutMs", offending);
        Assert.Equal("FirstTokenTimeoutMs (-5, there 0)", ChainRules.Difference(new ModelSpec("openai", "gpt-4o"), declared));
        Assert.Null(ChainRules.Difference(declared, declared with { Priority = 4 })); // Priority orders a list; not the entry's value
        Assert.False(firstToken.IsDefault(declared));
        Assert.Equal("-5", firstToken.Format(declared));
        Assert.Equal("\"openai-eu\"", ModelProperty.Find("Client")!.Format(declared with { Client = "openai-eu" }));
    }
}
