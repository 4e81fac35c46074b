using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Fallback.Tests.Support;

namespace Fallback.Generator.Tests;

/// <summary>STYLE 22-23: run the driver twice and assert each tracked step's run reasons.</summary>
public sealed class IncrementalTests
{
    private static readonly string FirstChain = Cases.Sources["ChatClientChain"];
    private static readonly string SecondChain = Cases.Sources["MethodLevelModels"];

    [Fact]
    public void A_second_run_on_the_same_compilation_regenerates_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(FirstChain, SecondChain);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertReasons(second, StepNames.Chains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.ValidChains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.SourceOutput, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_an_unrelated_file_regenerates_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(FirstChain, SecondChain);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Unrelated { public sealed class Clock { public int Now => 42; } }", GeneratorHarness.ParseOptions, "Unrelated.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(2, second.GeneratedSources.Length);
        AssertReasons(second, StepNames.Chains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.ValidChains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.NameOverrides, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.NamedChains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.SourceOutput, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void With_a_catalogue_file_an_unrelated_edit_regenerates_nothing_and_editing_the_file_fills_the_tables_again()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(FirstChain, SecondChain);
        var file = new TestAdditionalText("/project/fallback.models.json", """{ "models": { "openai/gpt-4o": { "contextWindow": 100000 } } }""");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().AddAdditionalTexts([file]).RunGenerators(compilation);
        Assert.All(driver.GetRunResult().Results.Single().GeneratedSources, static s => Assert.Contains("contextWindow: 100000", s.SourceText.ToString(), StringComparison.Ordinal));

        // An unrelated edit: the catalogue step and every chain after it are cached, nothing is emitted again.
        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Unrelated { public sealed class Clock { public int Now => 42; } }", GeneratorHarness.ParseOptions, "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        AssertReasons(second, StepNames.Catalogue, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.CataloguedChains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.SourceOutput, IncrementalStepRunReason.Cached);

        // Editing the file: the tables are filled from its new values.
        var edit = new TestAdditionalText(file.Path, """{ "models": { "openai/gpt-4o": { "contextWindow": 90000 } } }""");
        driver = driver.ReplaceAdditionalText(file, edit);
        GeneratorRunResult third = driver.RunGenerators(edited).GetRunResult().Results.Single();
        AssertReasons(third, StepNames.Catalogue, IncrementalStepRunReason.Modified);
        Assert.All(third.GeneratedSources, static s => Assert.Contains("contextWindow: 90000", s.SourceText.ToString(), StringComparison.Ordinal));

        // A broken file costs nothing but its entries: the pinned catalogue applies (gpt-4o's 128,000 tokens).
        driver = driver.ReplaceAdditionalText(edit, new TestAdditionalText(file.Path, """{ "models": { "openai/gpt-4o": { "contextWindow": -1 } """));
        GeneratorRunResult fourth = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Equal(2, fourth.GeneratedSources.Length);
        Assert.All(fourth.GeneratedSources, static s => Assert.Contains("contextWindow: 128000", s.SourceText.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Adding_a_chain_whose_hint_name_differs_only_in_case_renames_the_two_and_leaves_the_others_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(FirstChain, SecondChain);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            """
            namespace Samples.Content
            {
                [Fallback.FallbackChain("shouting")]
                [Fallback.Model("openai", "gpt-4o")]
                public partial interface ICONTENTGENERATOR : Microsoft.Extensions.AI.IChatClient { }
            }
            """,
            GeneratorHarness.ParseOptions,
            "Shouting.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(3, second.GeneratedSources.Length);
        Assert.Contains(second.GeneratedSources, static s => s.HintName == "Samples.Routes.IAssistant.g.cs");
        Assert.Equal(2, second.GeneratedSources.Count(static s => s.HintName.StartsWith("Samples.Content.", StringComparison.OrdinalIgnoreCase) && s.HintName.Contains('-', StringComparison.Ordinal)));

        // The unrelated chain is written from the cache; the renamed one again, the new one for the first time.
        var sources = Outputs(second, StepNames.SourceOutput);
        Assert.Single(sources, static o => o.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_a_method_body_elsewhere_in_a_chain_file_regenerates_nothing()
    {
        const string extra = "\nnamespace Samples.Content { internal static class Helper { public static int Answer() => 41; } }\n";
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(FirstChain + extra, SecondChain);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From((FirstChain + extra).Replace("=> 41", "=> 42", StringComparison.Ordinal))));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The edited file's chain is parsed again and yields an equal spec; nothing is written again.
        AssertReasons(second, StepNames.Chains, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, StepNames.SourceOutput, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_one_chains_model_regenerates_only_that_chain()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(FirstChain, SecondChain);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Samples.Content.IContentGenerator.g.cs").SourceText.ToString();

        SyntaxTree old = compilation.SyntaxTrees.First();
        string changed = FirstChain.Replace("MaxRetries = 2)]", "MaxRetries = 3)]", StringComparison.Ordinal);
        Assert.NotEqual(FirstChain, changed);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(changed)));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var chains = Outputs(second, StepNames.Chains);
        Assert.Equal(2, chains.Count);
        Assert.Single(chains, static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(chains, static o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

        var sources = Outputs(second, StepNames.SourceOutput);
        Assert.Single(sources, static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(sources, static o => o.Reason == IncrementalStepRunReason.Cached);

        string after = second.GeneratedSources.Single(s => s.HintName == "Samples.Content.IContentGenerator.g.cs").SourceText.ToString();
        Assert.Contains("maxRetries: 3", after, StringComparison.Ordinal);
        Assert.DoesNotContain("maxRetries: 3", before, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_outputs_hold_no_symbols_syntax_locations_or_compilations()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Cases.Sources.Values.ToArray());
        GeneratorRunResult run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        int walked = 0;
        foreach (string step in new[] { StepNames.Chains, StepNames.ValidChains, StepNames.ChainNames, StepNames.NameOverrides, StepNames.NamedChains })
        {
            foreach ((object value, _) in run.TrackedSteps[step].SelectMany(static s => s.Outputs))
            {
                AssertNoBannedTypes(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
                walked++;
            }
        }

        Assert.Equal((4 * Cases.Sources.Count) + 1, walked);
    }

    [Fact]
    public void The_object_graph_walk_finds_a_banned_type_when_there_is_one()
    {
        var holder = new List<object> { "fine", new KeyValuePair<string, object>("nested", Location.None) };

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoBannedTypes(holder, new HashSet<object>(ReferenceEqualityComparer.Instance), "holder"));
    }

    private static void AssertReasons(GeneratorRunResult run, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = Outputs(run, step);
        Assert.NotEmpty(outputs);
        foreach ((object _, IncrementalStepRunReason reason) in outputs)
        {
            Assert.True(allowed.Contains(reason), $"Step {step} ran with {reason}; expected one of {string.Join(", ", allowed)}.");
        }
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult run, string step)
    {
        Assert.True(run.TrackedSteps.ContainsKey(step) || run.TrackedOutputSteps.ContainsKey(step), $"No tracked step {step}.");
        var steps = run.TrackedSteps.TryGetValue(step, out var tracked) ? tracked : run.TrackedOutputSteps[step];
        return steps.SelectMany(static s => s.Outputs).ToList();
    }

    private static readonly Type[] BannedTypes = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree)];

    private static void AssertNoBannedTypes(object? node, HashSet<object> visited, string path)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !visited.Add(node))
        {
            return;
        }

        Type type = node.GetType();
        Assert.False(BannedTypes.Any(banned => banned.IsAssignableFrom(type)), $"{path} holds a {type.FullName}.");

        if (node is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                AssertNoBannedTypes(item, visited, $"{path}[{i++}]");
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoBannedTypes(field.GetValue(node), visited, $"{path}.{field.Name}");
            }
        }
    }
}
