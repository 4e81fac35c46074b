using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;

namespace Fallback.Analyzers.Tests;

/// <summary>FB0002, FB0004, FB0006, FB0007, FB0010, FB0017, FB0018: the chain's model lists.</summary>
public class ChainModelsTests
{
    [Fact]
    public async Task FB0002_SamePriority_ReportedOnTheLaterPriorityArgument()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", [|Priority = 1|])]
            [Model("openai", "gpt-4o-mini", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0002");
        Assert.Equal("Chain 'chat': model 'anthropic/claude-sonnet-4-5' has the same Priority (1) as model 'openai/gpt-4o', so their order is ambiguous", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0002_DefaultPriorities_ReportedOnTheLaterAttributes()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            [[|Model("anthropic", "claude-sonnet-4-5")|], [|Model("google", "gemini-2.5-pro")|]]
            public partial interface IChat : IChatClient { }
            """, "FB0002");

    [Fact]
    public async Task FB0002_MemberList_ReportedWithinThatList()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Priority = 5)]
                [Model("anthropic", "claude-haiku-4-5", [|Priority = 5|])]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0002");

    [Fact]
    public async Task FB0002_DistinctPriorities_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
            [Model("openai", "gpt-4o-mini")]
            public partial interface IChat : IChatClient { }
            """, "FB0002");

    [Fact]
    public async Task FB0004_NoModels_ReportedOnIdentifier()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            public partial interface [|IChat|] : IChatClient { }
            """, "FB0004");
        Assert.Equal("Chain 'chat' ('IChat') cannot serve any request: it declares no [Model]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0004_EveryModelDisabled_ReportedNamingThem()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, Enabled = false)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, Enabled = false)]
            public partial interface [|IChat|] : IChatClient { }
            """, "FB0004");
        Assert.Contains("every model is disabled (openai/gpt-4o, anthropic/claude-sonnet-4-5)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0004_OnlyTheFirstOfRepeatedEntriesCounts()
    {
        // The generator keeps the first of two identical entries: the enabled repeat is dropped, so nothing is enabled.
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Enabled = false)]
            [Model("openai", "gpt-4o")]
            public partial interface [|IChat|] : IChatClient { }
            """, "FB0004");
        Assert.Contains("every model is disabled", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0004_MemberListAllDisabled_ReportedOnMember()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Enabled = false)]
                Task<string> [|SummarizeAsync|](string prompt);
            }
            """, "FB0004");

    [Fact]
    public async Task FB0004_EveryMemberBringsItsOwnModels_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            public partial interface IChat
            {
                [Model("openai", "gpt-4o-mini", Priority = 1)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
                Task<string> SummarizeAsync(string prompt);

                [Model("anthropic", "claude-haiku-4-5", Priority = 1)]
                [Model("openai", "gpt-4o-mini", Priority = 2)]
                Task<string> TranslateAsync(string prompt);

                Task<string> EchoAsync(string prompt) => Task.FromResult(prompt);
            }
            """, "FB0004");

    [Fact]
    public async Task FB0004_MemberWithoutModelsInAChainWithoutInterfaceModels_ReportedOnThatMember()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            public partial interface IChat
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);

                Task<string> [|TranslateAsync|](string prompt);
            }
            """, "FB0004");
        Assert.Equal("Chain 'chat' ('IChat.TranslateAsync') cannot serve any request: neither it nor the interface declares a [Model]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0004_InheritedMemberWithoutModels_ReportedOnTheInterface()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            public interface IBase { Task<string> TranslateAsync(string prompt); }

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            public partial interface [|IChat|] : IBase
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0004");
        Assert.Equal("Chain 'chat' ('IBase.TranslateAsync') cannot serve any request: neither it nor 'IChat' declares a [Model]", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0004_ChatClientWithOnlyMembersModels_ReportedOnTheInterface()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            public partial interface [|IChat|] : IChatClient
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0004");
        Assert.StartsWith("Chain 'chat' ('IChat') cannot serve any request: it declares no [Model], and its IChatClient members use the interface's models", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0004_OneEnabledModel_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, Enabled = false)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0004");

    [Fact]
    public async Task FB0006_InvalidValues_ReportedOnTheArgument()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model([|""|], "gpt-4o", Priority = 1)]
            [Model("openai", [|" "|], Priority = 2)]
            [Model("openai", "a", Priority = 3, [|MaxRetries = 11|])]
            [Model("openai", "b", Priority = 4, [|MaxRetries = -1|])]
            [Model("openai", "c", [|Priority = -1|])]
            [Model("openai", "d", Priority = 6, [|AttemptTimeoutMs = -5|])]
            [Model("openai", "e", Priority = 7, [|ContextWindow = -1|])]
            [Model(model: "f", provider: [|""|], Priority = 8)]
            [Model("openai", "g", Priority = 9, [|FirstTokenTimeoutMs = -250|])]
            public partial interface IChat : IChatClient { }
            """, "FB0006");
        Assert.Equal("Chain 'chat': model '/gpt-4o' is invalid: the provider is empty", diagnostics[0].GetMessage());
        Assert.Equal("Chain 'chat': model 'openai/a' is invalid: MaxRetries is 11, more than 10", diagnostics[2].GetMessage());
        Assert.Equal("Chain 'chat': model 'openai/g' is invalid: FirstTokenTimeoutMs is negative (-250)", diagnostics[8].GetMessage());
    }

    [Fact]
    public async Task FB0006_BoundaryValues_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 0, MaxRetries = 10, AttemptTimeoutMs = 0, ContextWindow = 0, FirstTokenTimeoutMs = 0)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1, MaxRetries = 0, AttemptTimeoutMs = 30000, ContextWindow = 200000, FirstTokenTimeoutMs = 1, SupportsPrefill = true)]
            public partial interface IChat : IChatClient { }
            """, "FB0006");

    [Fact]
    public async Task FB0007_SameProviderModelAndClient_ReportedOnTheRepeat()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [[|Model("openai", "gpt-4o", Priority = 3, Client = "openai")|]]
            public partial interface IChat : IChatClient { }
            """, "FB0007", "FB0002");
        Assert.Equal("Chain 'chat': model 'openai/gpt-4o' through client 'openai' is listed twice; the second entry only repeats the first", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0007_ReplacesFB0002ForTheRepeat()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            [{|FB0007:Model("openai", "gpt-4o")|}]
            public partial interface IChat : IChatClient { }
            """, "FB0007", "FB0002");

    [Fact]
    public async Task FB0007_RegionFailover_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("azure", "gpt-4o", Priority = 1, Client = "azure-eastus")]
            [Model("azure", "gpt-4o", Priority = 2, Client = "azure-westeurope")]
            public partial interface IChat : IChatClient { }
            """, "FB0007");

    [Fact]
    public async Task FB0010_EveryModelOnOneClient_ReportedOnIdentifier()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 2)]
            public partial interface [|IChat|] : IChatClient { }

            [FallbackChain("gateway", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, Client = "litellm")]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, Client = "litellm")]
            public partial interface [|IGateway|] : IChatClient { }
            """, "FB0010");
        Assert.Equal("Chain 'chat': every model (openai/gpt-4o, openai/gpt-4o-mini) goes through client 'openai', so one outage of that client takes the whole chain down", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0010_TwoClientsOrOneModel_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o", Priority = 2, Client = "openai-eu")]
            public partial interface IChat : IChatClient { }

            [FallbackChain("single", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ISingle : IChatClient { }
            """, "FB0010");

    [Fact]
    public async Task FB0017_EmptyClient_ReportedOnArgument()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, [|Client = ""|])]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, [|Client = "  "|])]
            public partial interface IChat : IChatClient { }
            """, "FB0017");
        Assert.Contains("remove it to use the provider's client 'openai'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0017_NamedOrAbsentClient_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, Client = "openai-eu")]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0017");

    [Fact]
    public async Task FB0018_ModelOnMembersTheChainDoesNotImplement_Reported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                [[|Model("openai", "gpt-4o-mini")|]]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();

                [[|Model("openai", "gpt-4o-mini")|]]
                string Describe() => "chat";
            }
            """, "FB0018");
        Assert.Contains("because the generated chain does not implement that member (it is the final fallback)", diagnostics[0].GetMessage());
        Assert.Contains("(it has a default implementation)", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task FB0018_ModelOnImplementedMember_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [Model("anthropic", "claude-haiku-4-5")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0018");

    [Fact]
    public async Task FB0019_MemberRepeatsInterfaceModelWithOtherValues_ReportedOnMemberAttribute()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 2, MaxRetries = 1)]
            public partial interface IChat : IChatClient
            {
                [[|Model("openai", "gpt-4o-mini", Priority = 2, MaxRetries = 3)|]]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0019");
        Assert.Equal("Chain 'chat': model 'openai/gpt-4o-mini' on 'IChat.SummarizeAsync' is also declared on 'IChat' with a different MaxRetries (3, there 1); one model has one set of values in a chain", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FB0019_FirstTokenTimeoutOrPrefillDiffers_ReportedWithTheValue()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, FirstTokenTimeoutMs = 2000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, SupportsPrefill = true)]
            public partial interface IChat : IChatClient
            {
                [[|Model("openai", "gpt-4o", FirstTokenTimeoutMs = 500)|]]
                Task<string> SummarizeAsync(string prompt);

                [[|Model("anthropic", "claude-sonnet-4-5")|]]
                Task<string> TranslateAsync(string prompt);

                [Model("anthropic", "claude-sonnet-4-5", SupportsPrefill = true)]
                [Model("openai", "gpt-4o", FirstTokenTimeoutMs = 2000)]
                Task<string> ReviewAsync(string prompt);
            }
            """, "FB0019");
        Assert.Equal("Chain 'chat': model 'openai/gpt-4o' on 'IChat.SummarizeAsync' is also declared on 'IChat' with a different FirstTokenTimeoutMs (500, there 2000); one model has one set of values in a chain", diagnostics[0].GetMessage());
        Assert.Equal("Chain 'chat': model 'anthropic/claude-sonnet-4-5' on 'IChat.TranslateAsync' is also declared on 'IChat' with a different SupportsPrefill (not set, there true); one model has one set of values in a chain", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task FB0019_PrefillDeclaredFalseWhereTheInterfaceLeavesItToTheCatalogue_IsAConflict()
    {
        // Not set means "as the model catalogue says" (true for claude-sonnet-4-5); an explicit false must not be lost to it.
        var diagnostics = await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("anthropic", "claude-sonnet-4-5")]
            public partial interface IChat : IChatClient
            {
                [[|Model("anthropic", "claude-sonnet-4-5", SupportsPrefill = false)|]]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0019");
        Assert.Contains("with a different SupportsPrefill (false, there not set)", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task FB0019_TwoMembersDisagree_ReportedOnTheSecond()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [Model("anthropic", "claude-haiku-4-5", Enabled = false)]
                Task<string> SummarizeAsync(string prompt);

                [[|Model("anthropic", "claude-haiku-4-5")|]]
                Task<string> TranslateAsync(string prompt);
            }
            """, "FB0019");

    [Fact]
    public async Task FB0019_MemberOrdersTheChainsModelsItsOwnWay_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient
            {
                [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
                [Model("openai", "gpt-4o", Priority = 2, MaxRetries = 2)]
                Task<string> SummarizeAsync(string prompt);

                [Model("openai", "gpt-4o", Priority = 7, MaxRetries = 2)]
                Task<string> TranslateAsync(string prompt);
            }
            """, "FB0019");

    [Fact]
    public async Task FB0019_SameValuesOrOtherClient_NotReported()
        => await AnalyzerVerifier.VerifyAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 2, MaxRetries = 1)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Priority = 2, MaxRetries = 1)]
                [Model("openai", "gpt-4o", Priority = 3, Client = "openai-eu")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0019");
}
