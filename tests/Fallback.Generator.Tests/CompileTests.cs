using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Fallback.Generator.Tests;

/// <summary>Generated code compiles against the real runtime at the highest warning level, nullable on, warnings as errors.</summary>
public sealed partial class CompileTests
{
    [System.Text.RegularExpressions.GeneratedRegex(", (contextWindow|maxOutputTokens|inputPricePerMillionTokens|outputPricePerMillionTokens|supportsPrefill): [^,]+")]
    private static partial System.Text.RegularExpressions.Regex CatalogueFacts();

    public static TheoryData<string> CaseNames => new(Cases.Sources.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_code_compiles_without_warnings(string name)
    {
        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Cases.Sources[name]));
        GeneratorRunResult run = result.Results.Single();
        Assert.Single(run.GeneratedSources);

        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.WarningsAndErrors(output, result.GeneratedTrees);

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public void Every_case_together_compiles_in_one_assembly()
    {
        string[] sources = Cases.Sources.Values.ToArray();

        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources));

        Assert.Equal(sources.Length, result.GeneratedTrees.Length);
        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.WarningsAndErrors(output, result.GeneratedTrees);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    public static TheoryData<string, string> EdgeCases => new()
    {
        {
            "nullable-oblivious interface with null defaults",
            """
            #nullable disable
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Fallback;
            using Microsoft.Extensions.AI;
            namespace Edge;
            [FallbackChain("oblivious", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IOblivious
            {
                Task<ChatResponse> AskAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default);
                Task<string> TextAsync(string prompt, ChatOptions options = null);
            }
            """
        },
        {
            "nullable annotations the engine does not have",
            """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Fallback;
            using Microsoft.Extensions.AI;
            namespace Edge;
            [FallbackChain("annotated")]
            [Model("openai", "gpt-4o")]
            public partial interface IAnnotated
            {
                Task<ChatResponse?> AskAsync(IEnumerable<ChatMessage?>? messages, ChatOptions? options);
                Task<string?> TextAsync(string? prompt);
                IAsyncEnumerable<ChatResponseUpdate?> StreamAsync(IEnumerable<ChatMessage>? messages);

                [FinalFallback]
                static Task<ChatResponse?> Nothing(IEnumerable<ChatMessage?> messages, AllModelsFailedException? failure, CancellationToken cancellationToken)
                    => Task.FromResult<ChatResponse?>(null);
            }
            """
        },
        {
            "two nested interfaces with the same name, a protected internal one",
            """
            using System.Threading.Tasks;
            using Fallback;
            using Microsoft.Extensions.AI;
            namespace Edge;
            public partial class First
            {
                [FallbackChain("first", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IFoo : IChatClient { }
            }
            public partial class Second
            {
                [FallbackChain("second", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                protected internal partial interface IFoo { Task<string> AskAsync(string prompt); }
            }
            """
        },
        {
            "overloads with their own models and a generic base",
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Fallback;
            using Microsoft.Extensions.AI;
            namespace Edge;
            public interface IBase<T> { Task<string> AskAsync(string prompt, CancellationToken cancellationToken); }
            [FallbackChain("overloads", ThrowWhenExhausted = true)]
            [Model("google", "gemini-2.5-flash")]
            public partial interface IOverloads : IBase<int>
            {
                [Model("openai", "gpt-4o")]
                Task<string> AskAsync(string prompt);
                [Model("openai", "gpt-4o")]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
                Task<string> AskAsync(string prompt, ChatOptions options);
                [Model("openai", "gpt-4o")]
                new Task<string> AskAsync(string prompt, CancellationToken cancellationToken);
            }
            """
        },
        {
            "a base interface that supplies a default implementation of another's member",
            """
            using System.Threading.Tasks;
            using Fallback;
            using Microsoft.Extensions.AI;
            namespace Edge;
            public interface IAsk { Task<string> AskAsync(string prompt); }
            public interface IAskDefault : IAsk { Task<string> IAsk.AskAsync(string prompt) => Task.FromResult(prompt); }
            [FallbackChain("defaulted", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IDefaulted : IAskDefault { }
            """
        },
    };

    /// <summary>
    /// FB0007 is a warning, so the chain must exist: a repeated entry is dropped and the first declaration keeps
    /// its values and its place. The third value is the expected model table, one ModelDescriptor's arguments a line.
    /// </summary>
    public static TheoryData<string, string, string> RepeatedEntries => new()
    {
        {
            "repeat with another priority",
            """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o", Priority = 2)] public partial interface IChat : IChatClient { }""",
            """
            "openai", "gpt-4o", priority: 1
            """
        },
        {
            "identical repeat",
            """[FallbackChain("c")][Model("openai", "gpt-4o")][Model("anthropic", "claude-sonnet-4-5", Priority = 1)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""",
            """
            "openai", "gpt-4o"
            "anthropic", "claude-sonnet-4-5", priority: 1
            """
        },
        {
            "repeat naming the provider's own client",
            """[FallbackChain("c")][Model("openai", "gpt-4o", MaxRetries = 2)][Model("openai", "gpt-4o", Client = "openai", MaxRetries = 5)] public partial interface IChat : IChatClient { }""",
            """
            "openai", "gpt-4o", maxRetries: 2
            """
        },
        {
            "repeat with a lower priority number and other values",
            """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 2)][Model("anthropic", "claude-sonnet-4-5", Priority = 3)][Model("openai", "gpt-4o", Priority = 1, Enabled = false)] public partial interface IChat : IChatClient { }""",
            """
            "openai", "gpt-4o", priority: 2
            "anthropic", "claude-sonnet-4-5", priority: 3
            """
        },
        {
            "identical repeat on a member",
            """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { [Model("anthropic", "claude-haiku-4-5")][Model("openai", "gpt-4o-mini", Priority = 1)][Model("anthropic", "claude-haiku-4-5")] Task<string> AskAsync(string prompt); }""",
            """
            "openai", "gpt-4o"
            "anthropic", "claude-haiku-4-5"
            "openai", "gpt-4o-mini", priority: 1
            """
        },
        {
            "member reorders the interface's models",
            """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)][Model("anthropic", "claude-sonnet-4-5", Priority = 2)] public partial interface IChat { [Model("anthropic", "claude-sonnet-4-5", Priority = 1)][Model("openai", "gpt-4o", Priority = 2, MaxRetries = 2)] Task<string> AskAsync(string prompt); }""",
            """
            "openai", "gpt-4o", priority: 1, maxRetries: 2
            "anthropic", "claude-sonnet-4-5", priority: 2
            """
        },
        {
            "member repeats its own model with another priority",
            """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { [Model("anthropic", "claude-haiku-4-5", Priority = 1)][Model("anthropic", "claude-haiku-4-5", Priority = 2)] Task<string> AskAsync(string prompt); }""",
            """
            "openai", "gpt-4o"
            "anthropic", "claude-haiku-4-5", priority: 1
            """
        },
        {
            "member repeats an interface entry identically",
            """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o", Priority = 1)] Task<string> AskAsync(string prompt); }""",
            """
            "openai", "gpt-4o", priority: 1
            """
        },
    };

    [Theory]
    [MemberData(nameof(RepeatedEntries))]
    public void Repeated_entries_are_dropped_and_the_chain_compiles(string description, string declaration, string expectedTable)
    {
        const string usings = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Fallback;
            using Microsoft.Extensions.AI;
            namespace Repeated;

            """;

        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(usings + declaration));

        GeneratedSourceResult generated = Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Equal("Repeated.IChat.g.cs", generated.HintName);
        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.WarningsAndErrors(output, result.GeneratedTrees);
        Assert.True(diagnostics.Count == 0, description + ":\n" + string.Join("\n", diagnostics));

        // Each model once in the table, with its first declaration's values: the engine rejects a table that lists one twice.
        const string prefix = "new global::Fallback.ModelDescriptor(";
        string[] table = generated.SourceText.ToString().Split('\n')
            .Select(static line => line.Trim())
            .Where(static line => line.StartsWith(prefix, System.StringComparison.Ordinal))
            .Select(static line => line[prefix.Length..line.IndexOf("),", System.StringComparison.Ordinal)])
            .Select(static line => CatalogueFacts().Replace(line, string.Empty)) // the catalogue's facts: not what this test is about
            .ToArray();
        Assert.Equal(expectedTable.Replace("\r\n", "\n", System.StringComparison.Ordinal).Split('\n'), table);
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_generate_and_compile_without_warnings(string description, string source)
    {
        (Compilation output, GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));

        Assert.False(result.GeneratedTrees.IsEmpty, description);
        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.WarningsAndErrors(output, result.GeneratedTrees);
        Assert.True(diagnostics.Count == 0, description + ":\n" + string.Join("\n", diagnostics));
    }
}
