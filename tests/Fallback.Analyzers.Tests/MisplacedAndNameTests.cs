using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;

namespace Fallback.Analyzers.Tests;

/// <summary>FB0005 (compilation-wide), FB0011 and FB0015 (attributes where no chain reads them).</summary>
public class MisplacedAndNameTests
{
    [Fact]
    public async Task FB0005_SharedName_ReportedOnEveryChainThatUsesIt()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain([|"shared"|], ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain([|"shared"|], ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }

            [FallbackChain("Shared", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IThird : IChatClient { }
            """, "FB0005");
        Assert.Equal("Chain name 'shared' on 'IFirst' is also used by 'ISecond'; chain names must be unique because they key the chain's IChatClient service, statistics and telemetry", diagnostics[0].GetMessage());
        Assert.Contains("is also used by 'IFirst'", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task FB0005_UniqueNames_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }
            """, "FB0005");

    [Fact]
    public async Task FB0005_ManyFilesAnalyzedConcurrently_EveryDuplicateReportedOnce()
    {
        // 40 chains in 40 files, 20 names each used twice: every chain reported exactly once, every run.
        var sources = Enumerable.Range(0, 40).Select(i => new StringBuilder()
            .Append(TestCompilation.Usings)
            .Append("namespace N").Append(i).Append(";\n")
            .Append("[FallbackChain(\"chain").Append(i / 2).Append("\", ThrowWhenExhausted = true)]\n")
            .Append("[Model(\"openai\", \"gpt-4o\")]\n")
            .Append("public partial interface IChat").Append(i).Append(" : IChatClient { }\n")
            .ToString()).ToArray();
        for (int run = 0; run < 5; run++)
        {
            var compilation = TestCompilation.Create(sources);
            TestCompilation.AssertCompiles(compilation);
            var duplicates = (await TestCompilation.AnalyzeAsync(compilation)).Where(d => d.Id == "FB0005").ToArray();
            Assert.Equal(40, duplicates.Length);
            Assert.Equal(40, duplicates.Select(d => d.Location.SourceTree!.FilePath).Distinct().Count());
        }
    }

    [Fact]
    public async Task FB0011_ModelWithoutChain_ReportedOnTheAttribute()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [[|Model("openai", "gpt-4o")|]]
            public interface IPlain : IChatClient
            {
                [[|Model("openai", "gpt-4o-mini")|]]
                Task<string> SummarizeAsync(string prompt);
            }

            public class Service
            {
                [[|Model("openai", "gpt-4o")|]]
                public void Run() { }
            }
            """, "FB0011");
        Assert.Equal("[Model] 'openai/gpt-4o' on 'IPlain' has no effect because interface 'IPlain' has no [FallbackChain]", diagnostics[0].GetMessage());
        Assert.Contains("'Service' is not an interface", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task FB0011_ModelOnMemberOfAnInterfaceAChainInherits_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            public interface ISummarizer
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }

            public interface IUnused
            {
                [[|Model("openai", "gpt-4o-mini")|]]
                Task<string> TranslateAsync(string prompt);
            }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient, ISummarizer { }
            """, "FB0011");

    [Fact]
    public async Task FB0011_ModelsInsideAChain_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [Model("anthropic", "claude-haiku-4-5")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0011");

    [Fact]
    public async Task FB0015_FinalFallbackOutsideChain_ReportedOnMethod()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public static class Fallbacks
            {
                [FinalFallback]
                public static ChatResponse [|Busy|](IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }

            public interface IPlain
            {
                [FinalFallback]
                static ChatResponse [|Busy|](IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0015");
        Assert.Equal("[FinalFallback] method 'Busy' has no effect because 'Fallbacks' is not a [FallbackChain] interface", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0015_FinalFallbackInChain_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0015");

    [Fact]
    public async Task ForeignModelAttribute_Ignored()
    {
        // Another library's [Model] attribute is not Fallback's: nothing to say.
        var compilation = TestCompilation.Create("""
            namespace Other;
            [System.AttributeUsage(System.AttributeTargets.All)]
            public sealed class ModelAttribute : System.Attribute { public ModelAttribute(string a, string b) { } }
            [Model("", "")]
            public interface IThing { }
            """);
        TestCompilation.AssertCompiles(compilation);
        Assert.Empty(await TestCompilation.AnalyzeAsync(compilation));
    }
}
