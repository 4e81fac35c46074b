using System.Globalization;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Fallback.Analyzers.Tests;

/// <summary>FB0022: the chain's worst case against its declared request timeout, and chains nothing bounds.</summary>
public class ChainTimeTests
{
    [Fact]
    public async Task FB0022_WorstCaseOverTheRequestTimeout_ReportedOnRequestTimeoutMs()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, [|RequestTimeoutMs = 60000|])]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1, AttemptTimeoutMs = 15000)]
            [Model("openai", "gpt-4o-mini", Priority = 3, AttemptTimeoutMs = 5000)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");
        Assert.Equal(
            "Fallback chain 'chat' can take 95000 ms in the worst case (6 attempts), more than its RequestTimeoutMs (60000), so the request timeout can end a request before its last models are tried",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task FB0022_WorstCaseWithinTheRequestTimeout_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, RequestTimeoutMs = 95000)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1, AttemptTimeoutMs = 15000)]
            [Model("openai", "gpt-4o-mini", Priority = 3, AttemptTimeoutMs = 5000)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");

    [Fact]
    public async Task FB0022_ModelWithoutAttemptTimeoutBeforeOthers_ReportedOnRequestTimeoutMs()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, [|RequestTimeoutMs = 30000|])]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, AttemptTimeoutMs = 10000)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");
        Assert.Equal(
            "Fallback chain 'chat' cannot fall back within its RequestTimeoutMs (30000): model 'openai/gpt-4o' sets no AttemptTimeoutMs, so when it does not answer the request timeout ends the request before the models after it are tried",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0022_OnlyTheLastModelWithoutAttemptTimeout_TheRequestTimeoutBoundsIt_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, RequestTimeoutMs = 30000)]
            [Model("openai", "gpt-4o", Priority = 1, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");

    /// <summary>
    /// The gap issue 15 names: only the last model sets no AttemptTimeoutMs, so the chain has no finite worst case, yet the
    /// models before it can use up the request timeout: the last model, the fallback declared for a slow first one, is
    /// then never tried. (When they leave it time, the request timeout bounds it and nothing is reported: the test above.)
    /// </summary>
    [Fact]
    public async Task FB0022_OnlyTheLastModelWithoutAttemptTimeout_ButTheModelsBeforeItUseUpTheRequestTimeout_Reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, [|RequestTimeoutMs = 30000|])]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");

        // 3 attempts of 10 s and two waits of at most 10 s (the Retry-After cap) before the retries.
        Assert.Equal(
            "Fallback chain 'chat' can take 50000 ms in the worst case before it reaches its last model 'anthropic/claude-sonnet-4-5', which sets no AttemptTimeoutMs, and its RequestTimeoutMs (30000) is no longer, so the request timeout can end a request before that model is tried",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task FB0022_OnlyTheLastModelWithoutAttemptTimeout_TheModelsBeforeItTakeExactlyTheRequestTimeout_Reported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("exact", ThrowWhenExhausted = true, [|RequestTimeoutMs = 10000|])]
            [Model("openai", "gpt-4o", Priority = 1, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IExact : IChatClient { }

            [FallbackChain("one_ms_left", ThrowWhenExhausted = true, RequestTimeoutMs = 10001)]
            [Model("openai", "gpt-4o", Priority = 1, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IOneMsLeft : IChatClient { }
            """, "FB0022");

    [Fact]
    public async Task FB0022_ABoundedRouteOverTheRequestTimeout_BesideARouteThatEndsWithoutAttemptTimeout_Reported()
    {
        // Before, one untimed route made the whole worst case unknown and hid the bounded route that does not fit.
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, [|RequestTimeoutMs = 30000|])]
            [Model("openai", "gpt-4o-mini", Priority = 1, AttemptTimeoutMs = 1000)]
            [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 1, AttemptTimeoutMs = 20000)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2, AttemptTimeoutMs = 20000)]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0022");
        Assert.StartsWith("Fallback chain 'chat' can take 70000 ms in the worst case", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WorstCase_OnlyTheLastModelUntimed_IsUnbounded_ButKnowsWhatTheModelsBeforeItTake()
    {
        ModelSpec timed = new("openai", "gpt-4o") { MaxRetries = 1, AttemptTimeoutMs = 2000 };
        ModelSpec untimed = new("anthropic", "claude-sonnet-4-5");
        WorstCase worst = WorstCase.Of([timed, untimed], interfaceModelCount: 0, []);

        Assert.Null(worst.Milliseconds); // WorstCaseMilliseconds stays -1: nothing declared bounds the last model
        Assert.Null(worst.BlockingModel);
        Assert.Same(untimed, worst.UntimedLastModel);
        Assert.Equal(2 * 2000 + WorstCase.RetryWaitMilliseconds(1), worst.UntimedLastStartMilliseconds);
        Assert.Equal(0, worst.BoundedMilliseconds);
        Assert.Equal(3, worst.Attempts);
    }

    [Fact]
    public async Task FB0022_NothingBoundsTheChain_ReportedAsInfoOnTheChainAttribute()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [[|FallbackChain("chat", ThrowWhenExhausted = true)|]]
            [Model("openai", "gpt-4o", Priority = 1, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");
        Assert.Equal(DiagnosticSeverity.Info, diagnostics[0].Severity);
        Assert.Equal(
            "Fallback chain 'chat' has no time bound: model 'anthropic/claude-sonnet-4-5' sets no AttemptTimeoutMs and the chain sets no RequestTimeoutMs, so a provider that never answers holds the request until the caller cancels (unless options set a timeout at run time)",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0022_EveryModelHasAnAttemptTimeout_NoRequestTimeout_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, AttemptTimeoutMs = 10000)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");

    [Fact]
    public async Task FB0022_AMembersOwnLongerRoute_Counts()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, [|RequestTimeoutMs = 30000|])]
            [Model("openai", "gpt-4o-mini", Priority = 1, AttemptTimeoutMs = 1000)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 1, AttemptTimeoutMs = 20000)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2, AttemptTimeoutMs = 20000)]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0022");

    [Fact]
    public async Task FB0022_DisabledModelsAreNotCounted()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true, RequestTimeoutMs = 20000)]
            [Model("openai", "gpt-4o", Priority = 1, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 5, Enabled = false)]
            [Model("openai", "gpt-4o-mini", Priority = 3, AttemptTimeoutMs = 10000)]
            public partial interface IChat : IChatClient { }
            """, "FB0022");

    [Fact]
    public void WorstCase_UsesFallbackOptionsDefaults()
    {
        var defaults = new FallbackOptions();
        Assert.Equal(WorstCase.DefaultBaseDelayMs, defaults.BaseDelay.TotalMilliseconds);
        Assert.Equal(WorstCase.DefaultMaxDelayMs, defaults.MaxDelay.TotalMilliseconds);
        Assert.Equal(WorstCase.DefaultJitterPercent / 100.0, defaults.JitterFactor);
        Assert.Equal(WorstCase.DefaultMaxRetryAfterMs, defaults.MaxRetryAfter.TotalMilliseconds);
        Assert.False(defaults.RetryOnTimeout);
    }

    [Theory]
    [InlineData(1, 10_000)] // backoff 600 ms < the 10 s Retry-After cap
    [InlineData(5, 10_000)] // 8 s · 1.2 = 9.6 s
    [InlineData(6, 19_200)] // 16 s · 1.2
    [InlineData(7, 30_000)] // 32 s capped at MaxDelay, jitter capped too
    [InlineData(10, 30_000)]
    public void WorstCase_RetryWait_IsTheLongerOfCappedBackoffAndRetryAfterCap(int retry, long expected)
        => Assert.Equal(expected, WorstCase.RetryWaitMilliseconds(retry));
}
