using System.Linq;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Fallback.CodeFixes;

namespace Fallback.Analyzers.Tests;

/// <summary>Each fix applied in an AdhocWorkspace; the exact text compared, compiled, and re-analyzed.</summary>
public class CodeFixTests
{
    [Fact]
    public async Task FB0001_MakePartial_AfterModifiers()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public interface IChat : IChatClient { }
            """, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0001");
    }

    [Fact]
    public async Task FB0001_MakePartial_WithoutModifiers_KeepsIndentation()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            namespace App
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                interface IChat : IChatClient { }
            }
            """, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            namespace App
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                partial interface IChat : IChatClient { }
            }
            """, "FB0001");
    }

    [Fact]
    public async Task FB0001_FixAll_MakesEveryChainPartial()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            internal interface ISecond : IChatClient { }
            """, "FB0001", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            internal partial interface ISecond : IChatClient { }
            """, "FB0001");
    }

    [Fact]
    public async Task FB0012_MakeContainingTypePartial()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            public static class Chains
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }
            }
            """, "FB0012", MakePartialCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            public static partial class Chains
            {
                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o")]
                public partial interface IChat : IChatClient { }
            }
            """, "FB0012");
    }

    [Fact]
    public async Task FB0002_Renumber_InDeclarationOrder()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
            [Model("google", "gemini-2.5-pro"), Model("openai", "gpt-4o-mini", MaxRetries = 1)]
            public partial interface IChat : IChatClient { }
            """, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [Model("google", "gemini-2.5-pro", Priority = 3), Model("openai", "gpt-4o-mini", MaxRetries = 1, Priority = 4)]
            public partial interface IChat : IChatClient { }
            """, "FB0002");
    }

    [Fact]
    public async Task FB0002_Renumber_MemberListOnly()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 7)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 9)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Priority = 5)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 5)]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 7)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 9)]
            public partial interface IChat : IChatClient
            {
                [Model("openai", "gpt-4o-mini", Priority = 1)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0002");
    }

    [Fact]
    public async Task FB0002_FixAll_RenumbersEachChainOnce()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            [Model("anthropic", "claude-sonnet-4-5")]
            [Model("google", "gemini-2.5-pro")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 3)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
            public partial interface ISecond : IChatClient { }
            """, "FB0002", RenumberPrioritiesCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [Model("google", "gemini-2.5-pro", Priority = 3)]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface ISecond : IChatClient { }
            """, "FB0002");
    }

    [Fact]
    public async Task FB0003_AddFinalFallbackStub()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0003", FinalFallbackCodeFixProvider.AddStubKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                Task<string> SummarizeAsync(string prompt);

                [FinalFallback]
                static ChatResponse ServiceUnavailable(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new ChatResponse(new ChatMessage(ChatRole.Assistant, "The service is unavailable; please try again later."));
            }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_AddFinalFallbackStub_WithoutUsings_QualifiesNamesAndAvoidsNameClash()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            namespace App;

            [Fallback.FallbackChain("chat")]
            [Fallback.Model("openai", "gpt-4o")]
            public partial interface IChat : Microsoft.Extensions.AI.IChatClient
            {
                System.Threading.Tasks.Task<string> ServiceUnavailable(string prompt);
            }
            """, "FB0003", FinalFallbackCodeFixProvider.AddStubKey, includeUsings: false);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            namespace App;

            [Fallback.FallbackChain("chat")]
            [Fallback.Model("openai", "gpt-4o")]
            public partial interface IChat : Microsoft.Extensions.AI.IChatClient
            {
                System.Threading.Tasks.Task<string> ServiceUnavailable(string prompt);

                [Fallback.FinalFallback]
                static Microsoft.Extensions.AI.ChatResponse ServiceUnavailable2(System.Collections.Generic.IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Fallback.AllModelsFailedException failure)
                    => new Microsoft.Extensions.AI.ChatResponse(new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.Assistant, "The service is unavailable; please try again later."));
            }
            """, "FB0003", includeUsings: false);
    }

    [Fact]
    public async Task FB0003_AddFinalFallbackStub_EmptyInterface()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.AddStubKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static ChatResponse ServiceUnavailable(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new ChatResponse(new ChatMessage(ChatRole.Assistant, "The service is unavailable; please try again later."));
            }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_SetThrowWhenExhausted()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.ThrowKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_SetThrowWhenExhausted_ReplacesFalse()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = false)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.ThrowKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient { }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0003_FixAll_ThrowWhenExhaustedOnEveryChain()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("first")]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second")]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }
            """, "FB0003", FinalFallbackCodeFixProvider.ThrowKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("first", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface IFirst : IChatClient { }

            [FallbackChain("second", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o")]
            public partial interface ISecond : IChatClient { }
            """, "FB0003");
    }

    [Fact]
    public async Task FB0007_RemoveDuplicateModel()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            [Model("openai", "gpt-4o", Priority = 3)]
            public partial interface IChat : IChatClient { }
            """, "FB0007", RemoveAttributeCodeFixProvider.RemoveDuplicateModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0007");
    }

    [Fact]
    public async Task FB0007_FixAll_RemovesEveryRepeat()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1), Model("openai", "gpt-4o", Priority = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 4)]
            public partial interface IChat : IChatClient { }
            """, "FB0007", RemoveAttributeCodeFixProvider.RemoveDuplicateModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
            public partial interface IChat : IChatClient { }
            """, "FB0007");
    }

    [Fact]
    public async Task FB0011_AddFallbackChain()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            /// <summary>Writes content.</summary>
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public interface IContentGenerator : IChatClient { }
            """, "FB0011", AddFallbackChainCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            /// <summary>Writes content.</summary>
            [FallbackChain("content_generator")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IContentGenerator : IChatClient { }
            """, "FB0011");
    }

    [Fact]
    public async Task FB0011_FixAll_AddsOneChainPerInterface()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            internal interface IHTTPSummaryBot : IChatClient
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0011", AddFallbackChainCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("http_summary_bot")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            internal partial interface IHTTPSummaryBot : IChatClient
            {
                [Model("openai", "gpt-4o-mini")]
                Task<string> SummarizeAsync(string prompt);
            }
            """, "FB0011");
    }

    [Fact]
    public async Task FB0011_RemoveStrayModel_OnClassMethod()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            public class Service
            {
                [Model("openai", "gpt-4o")]
                public void Run() { }
            }
            """, "FB0011", RemoveAttributeCodeFixProvider.RemoveStrayModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            public class Service
            {
                public void Run() { }
            }
            """, "FB0011");
    }

    [Fact]
    public async Task FB0011_ClassMethod_OffersNoAddChain()
    {
        // Only an interface can become a chain; the class case offers removal alone.
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => CodeFixVerifier.FixOneAsync("""
            public class Service
            {
                [Model("openai", "gpt-4o")]
                public void Run() { }
            }
            """, "FB0011", AddFallbackChainCodeFixProvider.EquivalenceKey));
    }

    [Fact]
    public async Task FB0015_RemoveStrayFinalFallback()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            public static class Fallbacks
            {
                /// <summary>Answers when nothing else can.</summary>
                [FinalFallback]
                public static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0015", RemoveAttributeCodeFixProvider.RemoveFinalFallbackKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            public static class Fallbacks
            {
                /// <summary>Answers when nothing else can.</summary>
                public static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0015");
    }

    [Fact]
    public async Task FB0017_RemoveEmptyClient()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1, Client = "")]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0017", RemoveClientCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IChat : IChatClient { }
            """, "FB0017");
    }

    [Fact]
    public async Task FB0018_RemoveIneffectiveModel()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback, Model("openai", "gpt-4o-mini")]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0018", RemoveAttributeCodeFixProvider.RemoveIneffectiveModelKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            [FallbackChain("chat")]
            [Model("openai", "gpt-4o")]
            public partial interface IChat : IChatClient
            {
                [FinalFallback]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure) => new();
            }
            """, "FB0018");
    }

    private const string Registration = RegistrationTests.Chain;

    [Fact]
    public async Task FB0023_OpenAIClient_BecomesOpenAIChainClientCreate_KeepingKeyAndModel_AndAddsTheUsing()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing Fallback.OpenAI;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", OpenAIChainClient.Create(key, defaultModelId: "gpt-4o"));
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_ChatClientWithEndpointOptions_BecomesCreateWithTheEndpoint()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedSingleton<IChatClient>("openai", new OpenAI.Chat.ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new System.Uri("https://api.deepseek.com/v1") }).AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing Fallback.OpenAI;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedSingleton<IChatClient>("openai", OpenAIChainClient.Create(key, endpoint: new System.Uri("https://api.deepseek.com/v1"), defaultModelId: "gpt-4o"));
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_ChatClientWithAVariableModel_KeepsTheOrderOfEvaluation()
    {
        // new ChatClient(model, key) evaluates the model first; Create(key, defaultModelId: model) would not.
        string fixedText = await CodeFixVerifier.FixOneAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string model, string key)
                    => services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, key).AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing Fallback.OpenAI;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string model, string key)
                    => services.AddKeyedChatClient("openai", OpenAIChainClient.Create(defaultModelId: model, apiKey: key));
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_AnthropicClient_BecomesAnthropicChainClientCreate_KeepingModelAndMaxTokens()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, MaxRetries = 3 }.AsIChatClient("claude-sonnet-4-5", 1024));
            }
            """, "FB0023", CompanionClientCodeFixProvider.EquivalenceKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing Fallback.Anthropic;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("claude", AnthropicChainClient.Create(key, defaultModelId: "claude-sonnet-4-5", defaultMaxOutputTokens: 1024));
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_FixAll_RewritesEveryExactRegistration_AddsEachUsingOnce_AndLeavesTheOthers()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string mini)
                {
                    services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(mini)).GetChatClient("gpt-4o-mini").AsIChatClient());
                    services.AddKeyedChatClient("claude", new AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = key }).AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key }.AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.EquivalenceKey);

        // The last one names no model (the SDK's default is none, Create's is claude-sonnet-4-5): not exact, so kept and
        // still reported; AssertFixedAsync's "gone" check does not apply, so the text alone is compared here.
        string expected = TestCompilation.Usings + Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing Fallback.OpenAI;\nusing Fallback.Anthropic;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string mini)
                {
                    services.AddKeyedChatClient("openai", OpenAIChainClient.Create(key, defaultModelId: "gpt-4o"));
                    services.AddKeyedChatClient("openai", OpenAIChainClient.Create(mini, defaultModelId: "gpt-4o-mini"));
                    services.AddKeyedChatClient("claude", AnthropicChainClient.Create(key, defaultModelId: "claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key }.AsIChatClient());
                }
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), fixedText.ReplaceLineEndings("\n"));
        var compilation = TestCompilation.Create(fixedText);
        TestCompilation.AssertCompiles(compilation);
        Assert.Single(await TestCompilation.AnalyzeAsync(compilation), d => d.Id == "FB0023");
    }

    public static TheoryData<string, string, bool> FB0023_NotExact => new()
    {
        // description, registration, whether the in-place fix (retries off in the creation itself) is offered instead
        { "options Create cannot take", """services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { NetworkTimeout = System.TimeSpan.FromSeconds(5) }).GetChatClient("gpt-4o").AsIChatClient());""", true },
        { "the client made in a local", """var client = new OpenAIClient(key); services.AddKeyedChatClient("openai", client.GetChatClient("gpt-4o").AsIChatClient());""", false },
        { "the client wrapped further", """services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient().AsBuilder().UseLogging().Build());""", true },
        { "a factory lambda", """services.AddKeyedSingleton<IChatClient>("openai", (sp, _) => new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());""", true },
        { "Anthropic without a model", """services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key }.AsIChatClient());""", true },
        { "Anthropic with a base URL", """services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, BaseUrl = "https://example.com" }.AsIChatClient("claude-sonnet-4-5"));""", true },
    };

    [Theory]
    [MemberData(nameof(FB0023_NotExact))]
    public async Task FB0023_WhereCreateIsNotTheSameClient_CreateIsNotOffered(string description, string registration, bool retriesOff)
    {
        string[] offered = await CodeFixVerifier.OfferedAsync(Registration + $$"""
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
                    {{registration}}
                }
            }
            """, "FB0023");
        string[] expected = retriesOff ? [CompanionClientCodeFixProvider.RetriesOffKey] : [];
        Assert.True(expected.SequenceEqual(offered), description + ": " + string.Join(", ", offered));
    }

    [Fact]
    public async Task FB0023_WithoutTheCompanionReferenced_OnlyTheInPlaceFixIsOffered()
    {
        var references = TestCompilation.References.Where(r => r.Display is not { } path || !path.Contains("Fallback.OpenAI", System.StringComparison.Ordinal) && !path.Contains("Fallback.Anthropic", System.StringComparison.Ordinal)).ToArray();
        Assert.Equal(TestCompilation.References.Length - 2, references.Length);
        string[] offered = await CodeFixVerifier.OfferedAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", references);
        Assert.Equal([CompanionClientCodeFixProvider.RetriesOffKey], offered);
    }

    [Fact]
    public async Task FB0023_RetriesOff_OpenAIOptionsCreateCannotTake_GetRetryPolicy_AndTheUsing()
    {
        string fixedText = await CodeFixVerifier.FixOneAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, System.Uri endpoint)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = System.TimeSpan.FromSeconds(30) }).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, System.Uri endpoint)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = System.TimeSpan.FromSeconds(30), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_RetriesOff_OptionsPassedByName_GetRetryPolicy()
    {
        // As docs/diagnostics/FB0023.md says: names on the arguments stop the fix only where it would add the options.
        string fixedText = await CodeFixVerifier.FixOneAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(options: new OpenAIClientOptions { NetworkTimeout = System.TimeSpan.FromSeconds(30) }, credential: new ApiKeyCredential(key)).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(options: new OpenAIClientOptions { NetworkTimeout = System.TimeSpan.FromSeconds(30), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }, credential: new ApiKeyCredential(key)).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_RetriesOff_MultilineOptions_KeepTheirLayout()
    {
        // One assignment without a trailing comma, and several with one.
        string withUsing = Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n");
        string fixedText = await CodeFixVerifier.FixAllAsync(withUsing + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        NetworkTimeout = System.TimeSpan.FromSeconds(30)
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        Endpoint = new System.Uri("https://example.com/v1"),
                        NetworkTimeout = System.TimeSpan.FromSeconds(30),
                    }).AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, withUsing + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        NetworkTimeout = System.TimeSpan.FromSeconds(30),
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0)
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        Endpoint = new System.Uri("https://example.com/v1"),
                        NetworkTimeout = System.TimeSpan.FromSeconds(30),
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    }).AsIChatClient());
                }
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_RetriesOff_CommentsStayWhereTheyAre_TheNewLineGetsOnlyTheIndentation()
    {
        // A comment line above the last assignment and comments after it: not copied to the new line, not moved off theirs.
        string withUsing = Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n");
        string fixedText = await CodeFixVerifier.FixAllAsync(withUsing + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        Endpoint = new System.Uri("https://example.com/v1"),
                        // long calls
                        NetworkTimeout = System.TimeSpan.FromSeconds(30) // thirty seconds
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        // long calls
                        NetworkTimeout = System.TimeSpan.FromSeconds(30), // thirty seconds
                    }).AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, withUsing + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        Endpoint = new System.Uri("https://example.com/v1"),
                        // long calls
                        NetworkTimeout = System.TimeSpan.FromSeconds(30), // thirty seconds
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0)
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        // long calls
                        NetworkTimeout = System.TimeSpan.FromSeconds(30), // thirty seconds
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    }).AsIChatClient());
                }
            }
            """, "FB0023");
    }

    public static TheoryData<string, string> FB0023_Directives => new()
    {
        { "Anthropic initializer", """
            services.AddKeyedChatClient("claude", new AnthropicClient
            {
                ApiKey = key,
            #if !PROXY
                BaseUrl = "https://example.com"
            #endif
            }.AsIChatClient("claude-sonnet-4-5"));
            """ },
        { "OpenAI options", """
            services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
            {
            #if !PROXY
                Endpoint = new System.Uri("https://example.com/v1")
            #endif
            }).GetChatClient("gpt-4o").AsIChatClient());
            """ },
        { "OpenAI arguments", """
            services.AddKeyedChatClient("openai", new OpenAIClient(
            #if !PROXY
                key
            #else
                "other"
            #endif
                ).GetChatClient("gpt-4o").AsIChatClient());
            """ },
    };

    [Theory]
    [MemberData(nameof(FB0023_Directives))]
    public async Task FB0023_RetriesOff_NotOfferedWhereTheEditMeetsDirectives(string description, string registration)
    {
        // An item added after a conditional one would land inside it (or, with its trivia, copy an #endif: CS1027).
        string source = Registration + $$"""
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
            {{registration}}
                }
            }
            """;
        var diagnostics = await TestCompilation.AnalyzeAsync(TestCompilation.Create(TestCompilation.Usings + source));
        Assert.Contains(diagnostics, d => d.Id == "FB0023");
        string[] offered = await CodeFixVerifier.OfferedAsync(source, "FB0023");
        Assert.False(offered.Contains(CompanionClientCodeFixProvider.RetriesOffKey), description);
    }

    [Fact]
    public async Task FB0023_BothFixesOffered_CreateFirst_AndRetriesOffPassesOptionsWhereThereWereNone()
    {
        string source = Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
            }
            """;
        Assert.Equal([CompanionClientCodeFixProvider.EquivalenceKey, CompanionClientCodeFixProvider.RetriesOffKey], await CodeFixVerifier.OfferedAsync(source, "FB0023"));

        // OpenAIClient(string) is OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions()) in the SDK: same endpoint, same defaults.
        string fixedText = await CodeFixVerifier.FixOneAsync(source, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_RetriesOff_WithoutUsings_AddsEachOnce()
    {
        // No using for OpenAI, System.ClientModel or its Primitives: each is added once, in order (System first), the names written short.
        string fixedText = await CodeFixVerifier.FixAllAsync("""
            using Fallback;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, key).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(key)).GetChatClient(model).AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey, includeUsings: false);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using Fallback;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).GetChatClient(model).AsIChatClient());
                }
            }
            """, "FB0023", includeUsings: false);
    }

    [Fact]
    public async Task FB0023_RetriesOff_EmptyOptions_KeepTheirCommentsAndLines()
    {
        string withUsing = Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n");
        string fixedText = await CodeFixVerifier.FixAllAsync(withUsing + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { /* nothing yet */ }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        // nothing yet
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions {}).AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, withUsing + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, string model)
                {
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { /* nothing yet */ RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0)
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions
                    {
                        // nothing yet
                        RetryPolicy = new ClientRetryPolicy(maxRetries: 0)
                    }).AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).AsIChatClient());
                }
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_RetriesOff_NewUsingGoesAfterTheGlobalUsings()
    {
        // System.ClientModel sorts before Fallback, but a using above a global using is CS8915.
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            global using Fallback;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey, includeUsings: false);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            global using Fallback;
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", includeUsings: false);
    }

    [Fact]
    public async Task FB0023_NewUsingInAFileWithoutUsings_GoesBelowTheHeaderAndDefines()
    {
        // A using above #define is CS1032; above the copyright header it would split the header from the top of the file.
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            // Copyright (c) Example. All rights reserved.

            #define TRACE_SETUP

            /// <summary>The application.</summary>
            namespace App
            {
                using Fallback;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1)]
                public partial interface IChat : IChatClient { }

                public static class Setup
                {
                    public static void Register(IServiceCollection services, string key)
                        => services.AddKeyedChatClient("openai", new OpenAI.OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.EquivalenceKey, includeUsings: false);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            // Copyright (c) Example. All rights reserved.

            #define TRACE_SETUP

            using Fallback.OpenAI;

            /// <summary>The application.</summary>
            namespace App
            {
                using Fallback;
                using Microsoft.Extensions.AI;
                using Microsoft.Extensions.DependencyInjection;

                [FallbackChain("chat", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1)]
                public partial interface IChat : IChatClient { }

                public static class Setup
                {
                    public static void Register(IServiceCollection services, string key)
                        => services.AddKeyedChatClient("openai", OpenAIChainClient.Create(key, defaultModelId: "gpt-4o"));
                }
            }
            """, "FB0023", includeUsings: false);
    }

    [Fact]
    public async Task FB0023_RetriesOff_NewUsingStaysOutOfConditionalUsings()
    {
        // Sorted, System.ClientModel.Primitives would go between System.Buffers and System.Text: inside the #if.
        string fixedText = await CodeFixVerifier.FixOneAsync("""
            using System;
            #if !LEGACY
            using System.Buffers;
            using System.Text;
            #endif
            using Fallback;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(new System.ClientModel.ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new System.Uri("https://example.com/v1") }).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey, includeUsings: false);
        await CodeFixVerifier.AssertFixedAsync(fixedText, """
            using System;
            #if !LEGACY
            using System.Buffers;
            using System.Text;
            #endif
            using Fallback;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;
            using System.ClientModel.Primitives;

            [FallbackChain("chat", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            public partial interface IChat : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", new OpenAIClient(new System.ClientModel.ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new System.Uri("https://example.com/v1"), RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023", includeUsings: false);
    }

    [Fact]
    public async Task FB0023_RetriesOff_Anthropic_AddsOrSetsMaxRetriesZero_WhereItIsWritten()
    {
        string fixedText = await CodeFixVerifier.FixAllAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, BaseUrl = "https://example.com" }.AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, MaxRetries = 3, BaseUrl = "https://example.com" }.AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = key, BaseUrl = "https://example.com" }).AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient().AsIChatClient("claude-sonnet-4-5"));
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        await CodeFixVerifier.AssertFixedAsync(fixedText, Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, BaseUrl = "https://example.com", MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, MaxRetries = 0, BaseUrl = "https://example.com" }.AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = key, BaseUrl = "https://example.com", MaxRetries = 0 }).AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient() { MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5"));
                }
            }
            """, "FB0023");
    }

    [Fact]
    public async Task FB0023_RetriesOff_FixAll_LeavesWhatItCannotEditInPlace()
    {
        // A client in a local may serve more than the registration; null options, named arguments and an authentication
        // policy have no obviously same client with options: those keep FB0023 and get no in-place fix.
        string fixedText = await CodeFixVerifier.FixAllAsync(Registration + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, System.ClientModel.Primitives.AuthenticationPolicy policy)
                {
                    var client = new OpenAIClient(key);
                    services.AddKeyedChatClient("openai", client.GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), null).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAIClient(apiKey: key).GetChatClient("gpt-4o").AsIChatClient());
            #pragma warning disable OPENAI001 // the AuthenticationPolicy constructor is experimental
                    services.AddKeyedChatClient("openai", new OpenAIClient(policy).GetChatClient("gpt-4o").AsIChatClient());
            #pragma warning restore OPENAI001
                    services.AddKeyedChatClient("openai", new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
                }
            }
            """, "FB0023", CompanionClientCodeFixProvider.RetriesOffKey);
        string expected = TestCompilation.Usings + Registration.Replace("using OpenAI;\n", "using OpenAI;\nusing System.ClientModel.Primitives;\n") + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, System.ClientModel.Primitives.AuthenticationPolicy policy)
                {
                    var client = new OpenAIClient(key);
                    services.AddKeyedChatClient("openai", client.GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), null).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAIClient(apiKey: key).GetChatClient("gpt-4o").AsIChatClient());
            #pragma warning disable OPENAI001 // the AuthenticationPolicy constructor is experimental
                    services.AddKeyedChatClient("openai", new OpenAIClient(policy).GetChatClient("gpt-4o").AsIChatClient());
            #pragma warning restore OPENAI001
                    services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).GetChatClient("gpt-4o-mini").AsIChatClient());
                }
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), fixedText.ReplaceLineEndings("\n"));
        var compilation = TestCompilation.Create(fixedText);
        TestCompilation.AssertCompiles(compilation);
        Assert.Equal(4, (await TestCompilation.AnalyzeAsync(compilation)).Count(d => d.Id == "FB0023"));
    }
}
