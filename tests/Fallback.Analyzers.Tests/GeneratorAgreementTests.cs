using System.Linq;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Fallback.CodeFixes;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback.Analyzers.Tests;

/// <summary>
/// The analyzers and the real generator agree: an interface the generator skips gets an error-level FB
/// diagnostic, a chain the analyzers accept is generated, and code-fixed chains generate and compile.
/// </summary>
public class GeneratorAgreementTests
{
    private static readonly MetadataReference[] GeneratedCodeReferences =
    {
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly.Location),
    };

    public static TheoryData<string, string> Skipped => new()
    {
        { "FB0001", """[FallbackChain("c")][Model("openai", "gpt-4o")] public interface IChat : IChatClient { }""" },
        { "FB0012", """public class Outer { [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }""" },
        { "FB0013", """public partial class Outer { [FallbackChain("c")][Model("openai", "gpt-4o")] private partial interface IChat : IChatClient { } }""" },
        { "FB0013", """public partial class Outer { private partial class Hidden { [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } } }""" },
        { "FB0013", """[FallbackChain("c")][Model("openai", "gpt-4o")] file partial interface IChat : IChatClient { }""" },
        { "FB0014", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat<T> : IChatClient { }""" },
        { "FB0014", """public partial class Outer<T> { [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }""" },
        { "FB0004", """[FallbackChain("c")] public partial interface IChat : IChatClient { }""" },
        { "FB0016", """[FallbackChain(" ")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        { "FB0027", """[FallbackChain("c", RequestTimeoutMs = -5)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        { "FB0006", """[FallbackChain("c")][Model("", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        { "FB0006", """[FallbackChain("c")][Model("openai", "gpt-4o", MaxRetries = 11)] public partial interface IChat : IChatClient { }""" },
        { "FB0006", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { [Model("openai", " ")] Task<string> AskAsync(string prompt); }""" },
        { "FB0006", """[FallbackChain("c")][Model("openai", "gpt-4o", FirstTokenTimeoutMs = -1)] public partial interface IChat : IChatClient { }""" },
        { "FB0019", """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 2, MaxRetries = 1)] Task<string> AskAsync(string prompt); }""" },
        { "FB0019", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { [Model("anthropic", "claude-haiku-4-5", Priority = 1)][Model("anthropic", "claude-haiku-4-5", Priority = 2, Enabled = false)] Task<string> AskAsync(string prompt); }""" },
        { "FB0019", """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o", Priority = 2, ContextWindow = 8000)] Task<string> AskAsync(string prompt); }""" },
        { "FB0019", """[FallbackChain("c")][Model("openai", "gpt-4o", FirstTokenTimeoutMs = 2000)] public partial interface IChat { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); }""" },
        { "FB0019", """[FallbackChain("c")][Model("openai", "gpt-4o", SupportsPrefill = true)] public partial interface IChat { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); }""" },
        { "FB0019", """[FallbackChain("c")] public partial interface IChat { [Model("openai", "gpt-4o", MaxRetries = 1)] Task<string> AskAsync(string prompt); [Model("openai", "gpt-4o", MaxRetries = 2)] Task<string> TellAsync(string prompt); }""" },
        { "FB0004", """[FallbackChain("c")] public partial interface IChat { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); Task<string> TellAsync(string prompt); }""" },
        { "FB0004", """public interface IBase { Task<string> TellAsync(string prompt); } [FallbackChain("c")] public partial interface IChat : IBase { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); }""" },
        { "FB0004", """[FallbackChain("c")] public partial interface IChat : IChatClient { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); }""" },
        { "FB0004", """[FallbackChain("c")] public partial interface IChat { }""" },
        { "FB0008", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { Task<int> CountAsync(string prompt); }""" },
        { "FB0008", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { string Persona { get; } }""" },
        { "FB0008", """public interface IBase { void Reset(); } [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IBase { }""" },
        { "FB0008", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { static abstract IChat Create(); }""" },
        { "FB0009", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "FB0009", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] protected static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "FB0009", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] static ChatResponse A(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); [FinalFallback] static ChatResponse B(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "FB0008", """public interface IBase { Task<string> AskAsync(string prompt) => Task.FromResult(prompt); } [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient, IBase { abstract Task<string> IBase.AskAsync(string prompt); }""" },
        { "FB0009", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback][System.Obsolete("Gone.", true)] static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "FB0026", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } public class ChatChain { }""" },
        { "FB0026", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } internal partial class ChatChain { }""" },
        { "FB0008", """public interface IBase { Task<string> AskAsync(string prompt) => Task.FromResult(prompt); } public interface IMid : IBase { abstract Task<string> IBase.AskAsync(string prompt); } [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient, IMid { }""" },
        { "FB0026", """public partial class Holder { public static void ChatChain() { } [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }""" },
    };

    [Theory]
    [MemberData(nameof(Skipped))]
    public async Task WhatTheGeneratorSkips_TheAnalyzersReportAsAnError(string id, string declaration)
    {
        var (diagnostics, generated, _) = await AnalyzeAndGenerateAsync(declaration);
        Assert.DoesNotContain(generated, name => name.Contains("IChat"));
        Assert.Contains(diagnostics, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
    }

    public static TheoryData<string> Generated => new()
    {
        """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)] public partial interface IChat : IChatClient { [FinalFallback] static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""",
        """public static partial class Outer { [FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] internal partial interface IChat : IChatClient { Task<string> AskAsync(string prompt, CancellationToken cancellationToken = default); } }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o-mini", Priority = 2, Enabled = false)] public partial interface IChat : IChatClient { [Model("openai", "gpt-4o-mini", Priority = 2, Enabled = false)][Model("openai", "gpt-4o", Priority = 1)] Task<string> AskAsync(string prompt); }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("azure", "gpt-4o", Priority = 1, Client = "east")][Model("azure", "gpt-4o", Priority = 2, Client = "west")] public partial interface IChat : IChatClient { }""",
        // Issue 15: members that bring every model, and members that order the chain's models their own way.
        """[FallbackChain("c", ThrowWhenExhausted = true)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 1)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)] Task<string> AskAsync(string prompt); [Model("anthropic", "claude-sonnet-4-5", Priority = 1)][Model("openai", "gpt-4o", Priority = 2, MaxRetries = 1)] Task<string> TellAsync(string prompt); Task<string> EchoAsync(string prompt) => Task.FromResult(prompt); }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o", Priority = 1)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)] public partial interface IChat : IChatClient { [Model("anthropic", "claude-sonnet-4-5", Priority = 1)][Model("openai", "gpt-4o", Priority = 2)] Task<string> AskAsync(string prompt); }""",
        // Nested types are not members to implement; the user's own part of the chain class and a type named like the
        // registration class take nothing from the chain.
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { public interface IOptions { } Task<string> AskAsync(string prompt); }""",
        // An inherited static abstract member the chain interface implements itself is no obstacle.
        """public interface ILabelled { static abstract string Label { get; } } [FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient, ILabelled { static string ILabelled.Label => "chat"; }""",
        // Obsolete or experimental: the generated code is marked the same way, or turns the diagnostic off where it may.
        """[System.Obsolete("Use INew.", true)][FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback][System.Obsolete("Going.")] static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""",
        """[System.Diagnostics.CodeAnalysis.Experimental("FBX001")][FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""",
        """[System.Obsolete("Use INew.")][FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback][System.Obsolete("Gone.", true)] static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""",
        """[System.Obsolete("Use INew.")][FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } [System.Obsolete("Use INew.")] public sealed partial class ChatChain { } public class ChatChain<T> { }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { Task<string> AskAsync([System.Diagnostics.CodeAnalysis.NotNull] string? prompt); }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } public partial class ChatChain { public string Describe() => ChainName; } public static class ChatChainServiceCollectionExtensions { }""",
    };

    [Theory]
    [MemberData(nameof(Generated))]
    public async Task WhatTheAnalyzersAccept_IsGeneratedAndCompiles(string declaration)
    {
        var (diagnostics, generated, output) = await AnalyzeAndGenerateAsync(declaration);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(generated, name => name.Contains("IChat"));
        AssertNoErrors(output);
    }

    /// <summary>
    /// FB0007 is a warning, so the build goes on: the generator drops the repeat, keeps the first entry and
    /// generates the chain, which compiles.
    /// </summary>
    public static TheoryData<string> Repeated => new()
    {
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o", Priority = 2)] public partial interface IChat : IChatClient { }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)][Model("openai", "gpt-4o", Priority = 3, Client = "openai")] public partial interface IChat : IChatClient { }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o", Priority = 1)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)] public partial interface IChat { [Model("anthropic", "claude-haiku-4-5", Priority = 1)][Model("openai", "gpt-4o-mini", Priority = 2)][Model("anthropic", "claude-haiku-4-5", Priority = 1)] Task<string> AskAsync(string prompt); }""",
        """[FallbackChain("c", ThrowWhenExhausted = true)][Model("openai", "gpt-4o", Priority = 1)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o", Priority = 1)] Task<string> AskAsync(string prompt); }""",
    };

    [Theory]
    [MemberData(nameof(Repeated))]
    public async Task A_repeated_model_Warns_FB0007_AndIsGeneratedAndCompiles(string declaration)
    {
        var (diagnostics, generated, output) = await AnalyzeAndGenerateAsync(declaration);
        Assert.Contains(diagnostics, d => d.Id == "FB0007" && d.Severity == DiagnosticSeverity.Warning);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(generated, name => name.Contains("IChat"));
        AssertNoErrors(output);
    }

    [Fact]
    public async Task Two_chains_that_would_share_a_class_name_The_one_reported_FB0026_is_skipped_and_the_rest_compiles()
    {
        var (diagnostics, generated, output) = await AnalyzeAndGenerateAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }
            [FallbackChain("support", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface Chat : IChatClient { }
            """);
        Diagnostic error = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("FB0026", error.Id);
        Assert.Equal(new[] { "IChat.g.cs" }, generated);
        AssertNoErrors(output);
    }

    [Fact]
    public async Task FixedCode_GeneratesAndCompiles()
    {
        // FB0001 (partial), then FB0002 (renumber), then FB0003 (final fallback stub), one after another.
        string source = """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            [Model("anthropic", "claude-sonnet-4-5")]
            public interface IChat : IChatClient { }
            """;
        string step1 = await CodeFixVerifier.FixOneAsync(source, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        string step2 = await CodeFixVerifier.FixOneAsync(step1, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey, includeUsings: false);
        string step3 = await CodeFixVerifier.FixOneAsync(step2, "FB0003", FinalFallbackCodeFixProvider.AddStubKey, includeUsings: false);

        var (diagnostics, generated, output) = await AnalyzeAndGenerateAsync(step3, includeUsings: false);
        Assert.DoesNotContain(diagnostics, d => d.Id is "FB0001" or "FB0002" or "FB0003");
        Assert.Contains(generated, name => name.Contains("IChat"));
        AssertNoErrors(output);
    }

    private static async Task<(Diagnostic[] Diagnostics, string[] Generated, Compilation Output)> AnalyzeAndGenerateAsync(string source, bool includeUsings = true)
    {
        var compilation = TestCompilation.Create((includeUsings ? TestCompilation.Usings : string.Empty) + source)
            .AddReferences(GeneratedCodeReferences);
        var diagnostics = (await TestCompilation.AnalyzeAsync(compilation)).ToArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new FallbackGenerator().AsSourceGenerator() }, parseOptions: TestCompilation.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        string[] generated = driver.GetRunResult().GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).ToArray();
        return (diagnostics, generated, output);
    }

    private static void AssertNoErrors(Compilation output)
    {
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }
}
