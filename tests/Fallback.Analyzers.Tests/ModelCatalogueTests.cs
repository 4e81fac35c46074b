using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Fallback.CodeFixes;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Fallback.Tests.Support;

namespace Fallback.Analyzers.Tests;

/// <summary>The model catalogue (lookups, typo judgement, filling) and the rules on it: FB0020 and FB0021.</summary>
public class ModelCatalogueTests
{
    [Theory]
    [InlineData("openai", "gpt-4o")]
    [InlineData("OpenAI", "gpt-4o")] // provider names are matched without case, as users write them
    [InlineData("openai", "gpt-4o-2024-08-06")] // a snapshot the catalogue lists, or the base model's entry
    [InlineData("openai", "gpt-4o-2031-01-01")] // a dated snapshot newer than the catalogue takes the base model's facts
    [InlineData("openai", "ft:gpt-4o-mini-2024-07-18:acme::abc123")] // a fine-tune takes its base model's facts
    [InlineData("anthropic", "claude-sonnet-4-5")]
    [InlineData("claude", "claude-sonnet-4-5")]
    [InlineData("gemini", "gemini-2.5-pro")]
    [InlineData("google", "gemini-2.5-flash")]
    public void Find_KnownModels(string provider, string model)
    {
        CatalogueEntry? entry = ModelCatalogue.BuiltIn.Find(provider, model);
        Assert.NotNull(entry);
        Assert.True(entry!.ContextWindow > 0, $"{provider}/{model} has no context window");
        Assert.True(entry.InputPerMillion > 0 && entry.OutputPerMillion > 0, $"{provider}/{model} has no prices");
        Assert.Null(ModelCatalogue.BuiltIn.JudgeUnknown(provider, model));
    }

    [Theory]
    [InlineData("azure", "my-deployment")] // a provider the catalogue does not cover: never judged
    [InlineData("ollama", "llama3")]
    [InlineData("local", "gpt-4o-mnii")]
    public void JudgeUnknown_ProvidersOutsideTheCatalogue_AreNeverJudged(string provider, string model)
        => Assert.Null(ModelCatalogue.BuiltIn.JudgeUnknown(provider, model));

    [Theory]
    [InlineData("openai", "gpt-4o-mnii", "gpt-4o-mini")] // a transposed letter
    [InlineData("openai", "GPT-4o", "gpt-4o")] // case alone: provider ids are case-sensitive
    [InlineData("openai", "gpt-40", "gpt-4o")] // a digit for a letter
    [InlineData("anthropic", "claude-sonet-4-5", "claude-sonnet-4-5")]
    public void JudgeUnknown_Typos_AreLikelyTypos_WithTheIdMeant(string provider, string model, string meant)
    {
        UnknownModel? unknown = ModelCatalogue.BuiltIn.JudgeUnknown(provider, model);
        Assert.NotNull(unknown);
        Assert.True(unknown!.IsLikelyTypo);
        Assert.Equal(meant, unknown.Nearest);
    }

    [Theory]
    [InlineData("anthropic", "claude-opus-4.5", "claude-opus-4-5")] // the separators alone
    [InlineData("openai", "gpt-4o-mni", "gpt-4o-mini")] // a letter dropped inside a segment
    public void JudgeUnknown_SeparatorAndInnerSlips_AreLikelyTypos(string provider, string model, string meant)
    {
        UnknownModel? unknown = ModelCatalogue.BuiltIn.JudgeUnknown(provider, model);
        Assert.True(unknown!.IsLikelyTypo);
        Assert.Equal(meant, unknown.Nearest);
    }

    [Theory]
    [InlineData("openai", "gpt-4")] // a real model beside gpt-4o: a segment's end added or dropped is another model
    [InlineData("openai", "gpt-4o-min")]
    [InlineData("google", "gemini-1.5-flash-8b")] // a segment more
    [InlineData("mistral", "pixtral-large-latest")] // a different word, two edits from mistral
    [InlineData("mistral", "magistral-medium-latest")]
    [InlineData("mistral", "devstral-small-latest")]
    [InlineData("openai", "gpt-9")] // only a version differs from a known id: a model newer than the catalogue
    [InlineData("openai", "gpt-4o-mini-9")]
    [InlineData("anthropic", "claude-sonnet-9-9")]
    [InlineData("openai", "a-model-nobody-has-heard-of")] // close to nothing
    public void JudgeUnknown_NewerOrUnrelatedIds_AreNotTypos(string provider, string model)
    {
        UnknownModel? unknown = ModelCatalogue.BuiltIn.JudgeUnknown(provider, model);
        Assert.NotNull(unknown);
        Assert.False(unknown!.IsLikelyTypo);
    }

    [Fact]
    public void Fill_DeclaredValuesWin_UnknownOnesComeFromTheCatalogue()
    {
        CatalogueEntry pinned = ModelCatalogue.BuiltIn.Find("openai", "gpt-4o")!;
        var declared = new ModelSpec("openai", "gpt-4o") { ContextWindow = 64_000, DeclaredSupportsPrefill = false };
        ModelSpec filled = ModelCatalogue.BuiltIn.Fill(declared);

        Assert.Equal(64_000, filled.ContextWindow);
        Assert.False(filled.SupportsPrefill);
        Assert.Equal(pinned.MaxOutputTokens, filled.MaxOutputTokens);
        Assert.Equal(pinned.InputPerMillion, filled.InputPricePerMillionTokens);
        Assert.Equal(pinned.OutputPerMillion, filled.OutputPricePerMillionTokens);
        Assert.Equal("maximum output, prices from the model catalogue of " + ModelCatalogue.AsOf, filled.FilledFrom);
    }

    [Fact]
    public void Fill_FineTune_TakesItsBaseModelsLimits_NotItsPrices()
    {
        ModelSpec filled = ModelCatalogue.BuiltIn.Fill(new ModelSpec("openai", "ft:gpt-4o-mini-2024-07-18:acme::abc123"));
        Assert.Equal(128_000, filled.ContextWindow);
        Assert.Equal(0, filled.InputPricePerMillionTokens);
        Assert.Equal(0, filled.OutputPricePerMillionTokens);
    }

    [Fact]
    public void Fill_UnknownModel_IsUnchanged()
    {
        var model = new ModelSpec("openai", "gpt-9") { MaxRetries = 2 };
        Assert.Same(model, ModelCatalogue.BuiltIn.Fill(model));
    }

    [Fact]
    public void Fill_PrefillFromTheCatalogueOnlyWhenTheAttributeIsSilent()
    {
        CatalogueEntry? prefill = ModelCatalogue.BuiltIn.Find("anthropic", "claude-sonnet-4-5");
        Assert.NotNull(prefill);
        Assert.True(prefill!.SupportsPrefill, "the catalogue lists Claude Sonnet 4.5 as continuing an assistant prefill");
        Assert.True(ModelCatalogue.BuiltIn.Fill(new ModelSpec("anthropic", "claude-sonnet-4-5")).SupportsPrefill);
        Assert.False(ModelCatalogue.BuiltIn.Fill(new ModelSpec("anthropic", "claude-sonnet-4-5") { DeclaredSupportsPrefill = false }).SupportsPrefill);
    }

    [Fact]
    public void Overrides_AddModels_AndWinOverPinnedFacts_AndCompareByValue()
    {
        var own = new CatalogueEntry("openai", "gpt-4o", contextWindow: 1_000, maxOutputTokens: 10, supportsPrefill: true, inputPerMillion: 1, outputPerMillion: 2);
        var added = new CatalogueEntry("openai", "gpt-9", contextWindow: 2_000_000, maxOutputTokens: 100_000, supportsPrefill: false, inputPerMillion: 3, outputPerMillion: 4);
        ModelCatalogue catalogue = ModelCatalogue.With([own, added]);

        Assert.Same(own, catalogue.Find("openai", "gpt-4o"));
        Assert.Same(added, catalogue.Find("openai", "gpt-9"));
        Assert.Null(catalogue.JudgeUnknown("openai", "gpt-9"));
        Assert.Equal("context window, maximum output, prices, prefill from fallback.models.json", catalogue.Fill(new ModelSpec("openai", "gpt-4o")).FilledFrom);

        Assert.Equal(catalogue, ModelCatalogue.With([own, added]));
        Assert.Equal(catalogue.GetHashCode(), ModelCatalogue.With([own, added]).GetHashCode());
        Assert.NotEqual(catalogue, ModelCatalogue.BuiltIn);
        Assert.Same(ModelCatalogue.BuiltIn, ModelCatalogue.With([]));
    }

    [Fact]
    public void Overrides_ForProvidersOutsideTheCatalogue_AreFound()
    {
        var own = new CatalogueEntry("azure", "prod-gpt4o", contextWindow: 128_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 0, outputPerMillion: 0);
        Assert.Same(own, ModelCatalogue.With([own]).Find("azure", "prod-gpt4o"));
    }

    [Fact]
    public void TheCatalogueIsDated_AndItsFactsAreSane()
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", ModelCatalogue.AsOf);
        foreach (string provider in new[] { "openai", "anthropic", "google", "mistral", "deepseek", "xai" })
        {
            Assert.Equal(provider, ModelCatalogue.KnownProvider(provider));
            Assert.Contains(ModelCatalogue.Pinned, entry => entry.Provider == provider);
        }

        // One row per id (a repeat would silently shadow the first), every provider one the catalogue covers under its own
        // name, no negative or impossible number, and an output limit never above the window where both are known.
        Assert.Empty(ModelCatalogue.Pinned.GroupBy(e => e.Provider + "/" + e.Model).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(ModelCatalogue.Pinned, entry =>
        {
            Assert.Equal(entry.Provider, ModelCatalogue.KnownProvider(entry.Provider));
            Assert.Equal(entry.Model.Trim(), entry.Model);
            Assert.InRange(entry.ContextWindow, 0, 10_000_000);
            Assert.InRange(entry.MaxOutputTokens, 0, entry.ContextWindow == 0 ? int.MaxValue : entry.ContextWindow);
            Assert.InRange(entry.InputPerMillion, 0, 1_000);
            Assert.InRange(entry.OutputPerMillion, 0, 1_000);
        });
        Assert.True(ModelCatalogue.Pinned.Count(e => e.ContextWindow > 0) > ModelCatalogue.Pinned.Count * 9 / 10, "most rows know their window");
    }

    [Fact]
    public async Task FB0020_Typo_WarningOnTheModelId_WithTheIdMeant()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", [|"gpt-4o-mnii"|], Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0020");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal(
            $"Model id 'gpt-4o-mnii' is not in the model catalogue for 'openai' (dated {ModelCatalogue.AsOf}); did you mean 'gpt-4o-mini'?",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0020_NewerThanTheCatalogue_InformationOnly()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", [|"gpt-9"|], Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0020");
        Assert.Equal(DiagnosticSeverity.Info, diagnostics[0].Severity);
        Assert.Contains("if the model is newer than the catalogue, declare its ContextWindow", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0020_OnMembersOwnModels_AndNamedArguments()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat
            {
                [Model(model: [|"claude-sonet-4-5"|], provider: "anthropic")]
                Task<string> AskAsync(string prompt);
            }
            """, "FB0020");

    [Fact]
    public async Task FB0020_KnownIdsSnapshotsFineTunesAndOtherProviders_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-2031-01-01", Priority = 2)]
            [Model("openai", "ft:gpt-4o-mini-2024-07-18:acme::abc123", Priority = 3)]
            [Model("azure", "prod-deployment", Priority = 4)]
            [Model("ollama", "llama3.1:8b", Priority = 5)]
            public partial interface IChat : IChatClient { }
            """, "FB0020");

    [Fact]
    public async Task FB0020_Fix_UsesTheIdMeant()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mnii", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0020", ModelIdCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0020");
    }

    [Fact]
    public async Task FB0020_FixAll_FixesEveryTypo()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "GPT-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mnii", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0020", ModelIdCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0020");
    }

    [Fact]
    public async Task FB0020_NoFix_ForAModelNewerThanTheCatalogue()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", [|"gpt-9"|])]
            public partial interface IChat : IChatClient { }
            """, "FB0020");
        Assert.False(diagnostics[0].Properties.ContainsKey(ModelCatalogueAnalyzer.SuggestionProperty));
    }

    [Fact]
    public void Overrides_UnderAProviderAlias_AreFoundUnderEveryNameOfTheProvider()
    {
        var own = new CatalogueEntry("gemini", "gemini-9-ultra", contextWindow: 2_000_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 0, outputPerMillion: 0);
        ModelCatalogue catalogue = ModelCatalogue.With([own]);
        Assert.Same(own, catalogue.Find("google", "gemini-9-ultra"));
        Assert.Same(own, catalogue.Find(" Gemini", "gemini-9-ultra"));
        Assert.Null(catalogue.JudgeUnknown("google", "gemini-9-ultra"));
        Assert.Equal(2_000_000, catalogue.Fill(new ModelSpec("google", "gemini-9-ultra")).ContextWindow);
    }

    [Theory]
    [InlineData("openai /gpt-9")]
    [InlineData("openai/ gpt-9")]
    [InlineData(" openai/gpt-9")]
    public void CatalogueFile_KeysWithSpacesAroundTheParts_AreProblems(string key)
    {
        CatalogueFile file = CatalogueFile.Read("{ \"models\": { \"" + key + "\": { \"contextWindow\": 1 } } }");
        Assert.Contains("must be \"provider/model\"", Assert.Single(file.Problems).Message, System.StringComparison.Ordinal);
        Assert.Empty(file.Entries);
    }

    [Fact]
    public async Task FB0020_ABaseInterfacesModel_IsReportedOnce_HoweverManyChainsInheritIt()
        => await AnalyzerVerifier.VerifyAsync("""
            public interface IBase
            {
                [Model("openai", [|"gpt-4o-mnii"|])]
                Task<string> AskAsync(string prompt);
            }

            [FallbackChain("one", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IOne : IBase { }

            [FallbackChain("two", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ITwo : IBase { }
            """, "FB0020");

    [Fact]
    public async Task FB0021_AMemberOnlyChainsIChatClientSurface_FollowsPriority_NotDeclarationOrder()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            public partial interface IChat
            {
                [[|Model("openai", "gpt-4o", Priority = 2)|]]
                Task<string> SummarizeAsync(string prompt);

                [Model("google", "gemini-2.5-pro", Priority = 1)]
                Task<string> TranslateAsync(string prompt);
            }
            """, "FB0021");

    [Fact]
    public async Task FB0021_ADisabledModel_NeitherLeadsNorFollows()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("google", "gemini-2.5-pro", Priority = 1, Enabled = false)]
            [Model("openai", "gpt-4o", Priority = 2)]
            [Model("openai", "gpt-4.1", Priority = 3)]
            public partial interface IChat : IChatClient { }
            """, "FB0021");

    [Fact]
    public async Task FB0021_SmallerWindowAfterALargerOne_InformationOnTheLaterModel()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("google", "gemini-2.5-pro", Priority = 1)]
            [[|Model("openai", "gpt-4o", Priority = 2)|]]
            public partial interface IChat : IChatClient { }
            """, "FB0021");
        Assert.Equal(DiagnosticSeverity.Info, diagnostics[0].Severity);
        Assert.StartsWith("Fallback chain 'chat' tries 'openai/gpt-4o' (128,000 tokens of context) after 'google/gemini-2.5-pro' (", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0021_DeclaredWindowsWin_AndUnknownWindowsAreSkipped()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("local", "big", Priority = 1, ContextWindow = 200000)]
            [Model("local", "unknown", Priority = 2)]
            [[|Model("openai", "gpt-4o", Priority = 3)|]]
            [Model("openai", "gpt-4o-mini", Priority = 4, ContextWindow = 500000)]
            public partial interface IChat : IChatClient { }
            """, "FB0021");

    [Fact]
    public async Task FB0021_GrowingWindows_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("google", "gemini-2.5-pro", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0021");

    [Fact]
    public async Task FB0021_EachRouteOnItsOwn_AMemberThatReordersIsReportedAtItsOwnAttribute()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("google", "gemini-2.5-pro", Priority = 2)]
            public partial interface IChat : IChatClient
            {
                [Model("google", "gemini-2.5-pro", Priority = 1)]
                [[|Model("openai", "gpt-4o", Priority = 2)|]]
                Task<string> AskAsync(string prompt);
            }
            """, "FB0021");
        Assert.Single(diagnostics);
    }

    [Fact]
    public void CatalogueFile_ReadsEntries_NamesCompareWithoutCase_ValuesLeftOutAreUnknown()
    {
        CatalogueFile file = CatalogueFile.Read("""
            // Our models: comments and trailing commas as in appsettings files.
            {
              "models": {
                "openai/gpt-9": { "contextWindow": 2000000, "maxOutputTokens": 200000, "inputPricePerMillionTokens": 2.5, "outputPricePerMillionTokens": 1e1, },
                "azure/prod-gpt4o": { "ContextWindow": 128000, "supportsPrefill": true },
                "mistral/ours": { },
              },
            }
            """);
        Assert.Empty(file.Problems);
        Assert.Equal(
            [
                new CatalogueEntry("openai", "gpt-9", 2_000_000, 200_000, false, 2.5, 10),
                new CatalogueEntry("azure", "prod-gpt4o", 128_000, 0, true, 0, 0),
                new CatalogueEntry("mistral", "ours", 0, 0, false, 0, 0),
            ],
            file.Entries);
        Assert.True(CatalogueFile.IsCatalogueFile("/src/app/Fallback.Models.json"));
        Assert.False(CatalogueFile.IsCatalogueFile("/src/app/appsettings.json"));
    }

    [Theory]
    [InlineData("""[]""", "must hold an object")]
    [InlineData("""{ "models": { "openai/x": { "contextWindow": 1 } """, "is not valid JSON")]
    [InlineData("""{ "model": { } }""", "unknown key 'model'")]
    [InlineData("""{ "models": [ ] }""", "must be an object keyed by")]
    [InlineData("""{ "models": { "gpt-4o": { } } }""", "must be \"provider/model\"")]
    [InlineData("""{ "models": { "openai/": { } } }""", "must be \"provider/model\"")]
    [InlineData("""{ "models": { "openai/x": 5 } }""", "must be an object of its facts")]
    [InlineData("""{ "models": { "openai/x": { "contextWindow": -1 } } }""", "whole number of tokens")]
    [InlineData("""{ "models": { "openai/x": { "contextWindow": 1.5 } } }""", "whole number of tokens")]
    [InlineData("""{ "models": { "openai/x": { "contextWindow": "128000" } } }""", "whole number of tokens")]
    [InlineData("""{ "models": { "openai/x": { "maxOutputTokens": 99999999999 } } }""", "whole number of tokens")]
    [InlineData("""{ "models": { "openai/x": { "inputPricePerMillionTokens": -2 } } }""", "price in USD per million tokens")]
    [InlineData("""{ "models": { "openai/x": { "outputPricePerMillionTokens": 1e999 } } }""", "price in USD per million tokens")]
    [InlineData("""{ "models": { "openai/x": { "supportsPrefill": "yes" } } }""", "must be true or false")]
    [InlineData("""{ "models": { "openai/x": { "context": 1 } } }""", "did you mean 'contextWindow'?")]
    [InlineData("""{ "models": { "openai/x": { "speed": 1 } } }""", "unknown fact 'speed'; the facts are")]
    public void CatalogueFile_Problems_CostOnlyTheirEntry_AndSayWhatIsWrong(string json, string expected)
    {
        CatalogueFile file = CatalogueFile.Read(json);
        CatalogueFile.Problem problem = Assert.Single(file.Problems);
        Assert.Contains(expected, problem.Message, System.StringComparison.Ordinal);
        Assert.InRange(problem.Start, 0, json.Length);
        Assert.Empty(file.Entries);
    }

    [Fact]
    public void CatalogueFile_ABadEntry_KeepsTheOthers()
    {
        CatalogueFile file = CatalogueFile.Read("""{ "models": { "openai/a": { "contextWindow": -1 }, "openai/b": { "contextWindow": 5 } } }""");
        Assert.Single(file.Problems);
        Assert.Equal("b", Assert.Single(file.Entries).Model);
    }

    [Fact]
    public async Task FB0020_AModelTheProjectsCatalogueFileAdds_IsKnown()
    {
        var compilation = TestCompilation.Create(TestCompilation.Usings + """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-9", Priority = 1)]
            [Model("openai", "gpt-4o-mnii", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """);
        var file = new TestAdditionalText("/project/fallback.models.json", """{ "models": { "openai/gpt-9": { "contextWindow": 2000000 } } }""");
        var diagnostics = await TestCompilation.AnalyzeAsync(compilation, [file]);
        Diagnostic unknown = Assert.Single(diagnostics, d => d.Id == "FB0020");
        Assert.Contains("'gpt-4o-mnii'", unknown.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Id == "FB0025");
    }

    [Fact]
    public async Task FB0021_UsesTheProjectsCatalogueFile()
    {
        var compilation = TestCompilation.Create(TestCompilation.Usings + """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("azure", "prod", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """);
        var file = new TestAdditionalText("/project/fallback.models.json", """{ "models": { "azure/prod": { "contextWindow": 8000 } } }""");
        Diagnostic smaller = Assert.Single(await TestCompilation.AnalyzeAsync(compilation, [file]), d => d.Id == "FB0021");
        Assert.Contains("'azure/prod' (8,000 tokens of context) after 'openai/gpt-4o' (128,000 tokens)", smaller.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task FB0025_ProblemsOfTheCatalogueFile_AtTheirPlaceInTheFile()
    {
        var diagnostics = await ConfigurationVerifier.VerifyAsync(
            """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """,
            """
            {
              "models": {
                "openai/gpt-9": { [|"context"|]: 2000000 },
                "openai/gpt-10": { "contextWindow": [|-5|] },
                "openai/gpt-11": { "contextWindow": 5 }
              }
            }
            """,
            fileName: "fallback.models.json");
        Assert.Equal(
            "'fallback.models.json' 'openai/gpt-9': unknown fact 'context'; did you mean 'contextWindow'?",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }
}
