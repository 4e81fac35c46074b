using System.Globalization;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;

namespace Fallback.Analyzers.Tests;

/// <summary>FB0023 and FB0024: registration code for the clients a chain uses, compiled against the real SDKs.</summary>
public class RegistrationTests
{
    /// <summary>A chain whose models use the keys "openai" and "claude", and the usings registration code needs.</summary>
    internal const string Chain = """
        using System.ClientModel;
        using Anthropic;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;

        [FallbackChain("chat", ThrowWhenExhausted = true)]
        [Model("openai", "gpt-4o", Priority = 1)]
        [Model("anthropic", "claude-sonnet-4-5", Priority = 2, Client = "claude")]
        public partial interface IChat : IChatClient { }

        """;

    [Fact]
    public async Task FB0023_OpenAIClientWithoutRetryPolicy_ReportedOnTheCreation()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Chain + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                    => services.AddKeyedChatClient("openai", [|new OpenAIClient(key)|].GetChatClient("gpt-4o").AsIChatClient());
            }
            """, "FB0023");
        Assert.Equal(
            "The client registered under key 'openai', which fallback chain 'chat' uses, keeps the OpenAI SDK's own retries (no OpenAIClientOptions.RetryPolicy): they multiply with the chain's, and the chain's backoff and Retry-After handling are bypassed; turn them off or use OpenAIChainClient.Create",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0023_OptionsWithoutRetryPolicy_ChatClientAndSingleton_AndThroughALocal_Reported()
        => await AnalyzerVerifier.VerifyAsync(Chain + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
                    services.AddKeyedSingleton<IChatClient>("openai", [|new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new System.Uri("https://example.com/v1") })|].GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedSingleton<IChatClient>("openai", (sp, _) => [|new OpenAI.Chat.ChatClient("gpt-4o", key)|].AsIChatClient());
                    var client = [|new OpenAIClient(key)|];
                    services.AddKeyedChatClient("openai", client.GetChatClient("gpt-4o").AsIChatClient());
                }
            }
            """, "FB0023");

    [Fact]
    public async Task FB0023_AnthropicClientWithDefaultMaxRetries_Reported_AndWithMaxRetriesZero_NotReported()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Chain + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
                    services.AddKeyedChatClient("claude", [|new AnthropicClient { ApiKey = key }|].AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", [|new AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = key, MaxRetries = 3 })|].AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient { ApiKey = key, MaxRetries = 0 }.AsIChatClient("claude-sonnet-4-5"));
                    services.AddKeyedChatClient("claude", new AnthropicClient(new Anthropic.Core.ClientOptions { ApiKey = key, MaxRetries = 0 }).AsIChatClient("claude-sonnet-4-5"));
                }
            }
            """, "FB0023");
        Assert.Contains("keeps the Anthropic SDK's own retries (MaxRetries is not 0)", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("use AnthropicChainClient.Create", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0023_RetriesOff_CompanionClient_OtherKeys_AndOptionsFromElsewhere_NotReported()
        => await AnalyzerVerifier.VerifyAsync(Chain + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, string key, OpenAIClientOptions options, string dynamicKey)
                {
                    services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) }).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", Fallback.OpenAI.OpenAIChainClient.Create(key));
                    services.AddKeyedChatClient("claude", Fallback.Anthropic.AnthropicChainClient.Create(key));
                    services.AddKeyedChatClient("anthropic", new AnthropicClient { ApiKey = key }.AsIChatClient("x")); // no chain uses "anthropic": the model's Client is "claude"
                    services.AddKeyedChatClient("embeddings", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient(dynamicKey, new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                    services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                }
            }
            """, "FB0023");

    [Fact]
    public async Task FB0023_RetriesOff_OfferedOnlyOnOptionsOfExactlyOpenAIClientOptions()
    {
        // A derived options type may set its own RetryPolicy in its constructor: the in-place edit would replace it.
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Chain + """
            public class ProxyOptions : OpenAIClientOptions
            {
                public ProxyOptions() => RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(5);
            }

            public static class Setup
            {
                public static void Register(IServiceCollection services, string key)
                {
                    services.AddKeyedChatClient("openai", [|new OpenAIClient(new ApiKeyCredential(key), new ProxyOptions { NetworkTimeout = System.TimeSpan.FromSeconds(5) })|].GetChatClient("gpt-4o").AsIChatClient());
                    services.AddKeyedChatClient("openai", [|new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { NetworkTimeout = System.TimeSpan.FromSeconds(5) })|].GetChatClient("gpt-4o").AsIChatClient());
                }
            }
            """, "FB0023");
        Assert.False(diagnostics[0].Properties.ContainsKey(Fallback.Analyzers.RegistrationAnalyzer.RetriesOffProperty));
        Assert.Equal("RetryPolicy", diagnostics[1].Properties[Fallback.Analyzers.RegistrationAnalyzer.RetriesOffProperty]);
    }

    [Fact]
    public async Task FB0024_UseFunctionInvocationOnAChainsClientKey_ReportedOnTheCall()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Chain + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, IChatClient inner)
                {
                    services.AddKeyedChatClient("openai", inner).UseLogging().[|UseFunctionInvocation|]();
                    services.AddKeyedSingleton<IChatClient>("claude", (sp, _) => inner.AsBuilder().[|UseFunctionInvocation|]().Build(sp));
                    services.AddKeyedSingleton<IChatClient>("claude", [|new FunctionInvokingChatClient(inner)|]);
                }
            }
            """, "FB0024");
        Assert.Equal(
            "The client registered under key 'openai', which fallback chain 'chat' uses, invokes functions itself: every retry and fallback of the chain re-runs the tools it called; add UseFunctionInvocation around the chain instead",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FB0024_FunctionInvocationAroundTheChain_OrOnAnotherKey_NotReported()
        => await AnalyzerVerifier.VerifyAsync(Chain + """
            public static class Setup
            {
                public static void Register(IServiceCollection services, IChatClient inner)
                {
                    services.AddKeyedChatClient("openai", inner).UseLogging();
                    services.AddKeyedChatClient("tools", inner).UseFunctionInvocation();
                    services.AddChatClient(sp => sp.GetRequiredKeyedService<IChatClient>("chat")).UseFunctionInvocation();
                }
            }
            """, "FB0024");

    [Fact]
    public async Task FB0023_FB0024_TwoChainsShareAKey_BothNamed()
    {
        var diagnostics = await AnalyzerVerifier.VerifyAsync(Chain + """
            [FallbackChain("analysis", ThrowWhenExhausted = true)]
            [Model("openai", "o3", Priority = 1)]
            public partial interface IAnalysis : IChatClient { }

            public static class Setup
            {
                public static void Register(IServiceCollection services, IChatClient inner)
                    => services.AddKeyedChatClient("openai", inner).[|UseFunctionInvocation|]();
            }
            """, "FB0024");
        Assert.Contains("which fallback chains 'analysis' and 'chat' use,", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }
}
