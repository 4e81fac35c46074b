using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Fallback.Generator.Tests;

/// <summary>Generated code compiles against the real runtime at the highest warning level, nullable on, warnings as errors.</summary>
public sealed class CompileTests
{
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
