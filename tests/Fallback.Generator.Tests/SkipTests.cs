using System.Linq;
using Microsoft.CodeAnalysis;

namespace Fallback.Generator.Tests;

/// <summary>Interfaces the generator cannot implement get no output, no diagnostic from the generator and no exception.</summary>
public sealed class SkipTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Fallback;
        using Microsoft.Extensions.AI;
        namespace Skipped;

        """;

    public static TheoryData<string, string> Unimplementable => new()
    {
        { "not partial", """[FallbackChain("c")][Model("openai", "gpt-4o")] public interface IChat : IChatClient { }""" },
        { "containing type not partial", """public class Outer { [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }""" },
        { "nested in a private type", """public partial class Outer { private partial class Hidden { [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } } }""" },
        { "private nested interface", """public partial class Outer { [FallbackChain("c")][Model("openai", "gpt-4o")] private partial interface IChat : IChatClient { } }""" },
        { "generic interface", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat<T> : IChatClient { }""" },
        { "generic containing type", """public partial class Outer<T> { [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { } }""" },
        { "file-local interface", """[FallbackChain("c")][Model("openai", "gpt-4o")] file partial interface IChat : IChatClient { }""" },
        { "no models", """[FallbackChain("c")] public partial interface IChat : IChatClient { }""" },
        { "members' own models, but one member has none", """[FallbackChain("c")] public partial interface IChat { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); Task<string> TellAsync(string prompt); }""" },
        { "members' own models, but an inherited member has none", """public interface IBase { Task<string> TellAsync(string prompt); } [FallbackChain("c")] public partial interface IChat : IBase { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); }""" },
        { "members' own models on an IChatClient", """[FallbackChain("c")] public partial interface IChat : IChatClient { [Model("openai", "gpt-4o")] Task<string> AskAsync(string prompt); }""" },
        { "no member and no model", """[FallbackChain("c")] public partial interface IChat { }""" },
        { "empty chain name", """[FallbackChain(" ")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        { "empty provider", """[FallbackChain("c")][Model("", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        { "negative priority", """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = -1)] public partial interface IChat : IChatClient { }""" },
        { "too many retries", """[FallbackChain("c")][Model("openai", "gpt-4o", MaxRetries = 11)] public partial interface IChat : IChatClient { }""" },
        { "negative timeout", """[FallbackChain("c")][Model("openai", "gpt-4o", AttemptTimeoutMs = -5)] public partial interface IChat : IChatClient { }""" },
        // Emitted, TimeSpan.FromMilliseconds(-5) would make the chain throw when it is built (or be dropped silently
        // when options set their own RequestTimeout): FB0027 explains the skip.
        { "negative request timeout", """[FallbackChain("c", RequestTimeoutMs = -5)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        { "request timeout of -1 (Timeout.Infinite)", """[FallbackChain("c", RequestTimeoutMs = -1)][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
        // Chat beside a chain IChat (FB0026) is in RobustnessTests: IChat keeps ChatChain and is generated.
        // A repeated entry (FB0007) is dropped and the chain generated: CompileTests.Repeated_entries_are_dropped_and_the_chain_compiles.
        // On a member, a repeat with other values (other than Priority, which only orders the member's list) is also
        // FB0019, an error, and skips the chain like every FB0019 case.
        { "member repeats its own model with other values", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { [Model("anthropic", "claude-haiku-4-5", Priority = 1)][Model("anthropic", "claude-haiku-4-5", Priority = 2, MaxRetries = 1)] Task<string> AskAsync(string prompt); }""" },
        { "member repeat disagrees with the interface's entry", """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 1)][Model("openai", "gpt-4o", Priority = 2, Enabled = false)] Task<string> AskAsync(string prompt); }""" },
        { "member model conflicts with the interface's", """[FallbackChain("c")][Model("openai", "gpt-4o", Priority = 1)] public partial interface IChat { [Model("openai", "gpt-4o", Priority = 2, AttemptTimeoutMs = 100)] Task<string> AskAsync(string prompt); }""" },
        { "two members disagree on a model they both add", """[FallbackChain("c")] public partial interface IChat { [Model("openai", "gpt-4o", MaxRetries = 1)] Task<string> AskAsync(string prompt); [Model("openai", "gpt-4o", MaxRetries = 2)] Task<string> TellAsync(string prompt); }""" },
        { "invalid member model", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { [Model("openai", " ")] Task<string> AskAsync(string prompt); }""" },
        { "unsupported return type", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { Task<int> CountAsync(string prompt); }""" },
        { "parameter without a role", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { Task<string> AskAsync(string prompt, int temperature); }""" },
        { "ref parameter", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { Task<string> AskAsync(ref string prompt); }""" },
        { "generic method", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { Task<string> AskAsync<T>(string prompt); }""" },
        { "property", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { string Persona { get; } }""" },
        { "event", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat { event System.EventHandler Answered; }""" },
        { "unsupported inherited member", """public interface IBase { void Reset(); } [FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IBase { }""" },
        { "static abstract member", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { static abstract IChat Create(); }""" },
        { "final fallback not static", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "final fallback wrong return", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] static string Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => ""; }""" },
        { "final fallback wrong parameters", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] static ChatResponse Busy(AllModelsFailedException failure) => new(); }""" },
        { "final fallback private", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] private static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "final fallback protected", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] protected static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "two final fallbacks", """[FallbackChain("c")][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { [FinalFallback] static ChatResponse A(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); [FinalFallback] static ChatResponse B(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new(); }""" },
        { "chain attribute without its argument", """[FallbackChain][Model("openai", "gpt-4o")] public partial interface IChat : IChatClient { }""" },
    };

    [Theory]
    [MemberData(nameof(Unimplementable))]
    public void Unimplementable_interfaces_get_no_output(string description, string declaration)
    {
        // A valid chain beside the bad one proves the run worked and dropped only the bad one.
        string good = """
            [FallbackChain("good", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IGood : IChatClient { }
            """;
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(Usings + declaration, Usings + good));
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.GeneratedSources.Length == 1, $"{description}: {run.GeneratedSources.Length} outputs");
        Assert.Equal("Skipped.IGood.g.cs", run.GeneratedSources[0].HintName);
    }

    [Fact]
    public void A_skipped_chain_does_not_stop_the_others()
    {
        string source = Usings + """
            [FallbackChain("bad")][Model("openai", "gpt-4o")] public interface IBad : IChatClient { }
            [FallbackChain("good", ThrowWhenExhausted = true)][Model("openai", "gpt-4o")] public partial interface IGood : IChatClient { }
            """;

        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(source));

        GeneratedSourceResult generated = Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources);
        Assert.Equal("Skipped.IGood.g.cs", generated.HintName);
    }
}
