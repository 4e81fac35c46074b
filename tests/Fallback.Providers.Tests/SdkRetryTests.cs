using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading.Tasks;
using Anthropic;
using Fallback.Anthropic;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Fallback.Providers.Tests;

/// <summary>
/// Retries must not multiply: with the companions' one-liners one chain attempt is exactly one HTTP request;
/// with the SDKs' defaults a single chain attempt costs several.
/// </summary>
public sealed class SdkRetryTests
{
    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task One_chain_attempt_is_one_http_request_on_server_errors(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 2);
        h.Primary.Script.Default = Fault.Status(503);

        ChatResponse response = await h.DriveAsync(() => h.AskAsync());

        Expect.ServedBy(response, h.BackupId, expectedLevel: 1, "Hello from " + h.BackupModel + ".");
        Assert.Equal(3, h.Primary.RequestCount); // 1 + MaxRetries, nothing more.
        Assert.Equal(1, h.Backup.RequestCount);
        Assert.Equal([ProviderHarness.BaseDelay, ProviderHarness.BaseDelay * 2], h.Advanced);
        Assert.Equal(3, Expect.Model(h.Chain.GetStats(), h.PrimaryId).Attempts);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task One_chain_attempt_is_one_http_request_even_when_the_server_says_retry_now(Sdk sdk)
    {
        // retry-after-ms: 1 is what tempts an SDK's own retry loop most; it must stay quiet.
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 2);
        h.Primary.Script.Default = Fault.RateLimitedMs(1);

        ChatResponse response = await h.DriveAsync(() => h.AskAsync());

        Expect.ServedBy(response, h.BackupId, expectedLevel: 1, "Hello from " + h.BackupModel + ".");
        Assert.Equal(3, h.Primary.RequestCount);
        Assert.Equal(1, h.Backup.RequestCount);
        Assert.Equal([TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)], h.Advanced);
    }

    [Theory]
    [InlineData(Sdk.OpenAI, 4)] // 1 + the OpenAI SDK's 3 retries.
    [InlineData(Sdk.Anthropic, 3)] // 1 + the Anthropic SDK's 2 retries.
    public async Task Sdk_default_retries_would_multiply_inside_one_chain_attempt(Sdk sdk, int requestsPerAttempt)
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderHarness.FormatOf(sdk));
        server.Script.Default = Fault.Status(503).WithHeader("retry-after-ms", "1"); // Keeps the SDK's own waits at 1 ms.
        using IChatClient client = sdk == Sdk.OpenAI
            ? new OpenAIClient(new ApiKeyCredential("sk-local-test"), new OpenAIClientOptions { Endpoint = server.BaseUri }).GetChatClient("gpt-4o").AsIChatClient()
            : new AnthropicClient(new global::Anthropic.Core.ClientOptions { ApiKey = "sk-ant-local-test", BaseUrl = server.BaseUri.ToString().TrimEnd('/') }).AsIChatClient("claude-sonnet-4-5");
        string provider = ProviderHarness.ProviderName(sdk);
        var options = new FallbackOptions();
        if (sdk == Sdk.Anthropic)
        {
            options.UseAnthropic();
        }

        var chain = new FallbackEngine("defaults", new List<ModelDescriptor> { new(provider, sdk == Sdk.OpenAI ? "gpt-4o" : "claude-sonnet-4-5") }, _ => client, options);

        AllModelsFailedException failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => chain.GetResponseAsync([new ChatMessage(ChatRole.User, "Say hello.")]).WaitAsync(ProviderHarness.Patience));

        // The chain made one attempt; the server saw the SDK's retries under it.
        Assert.Single(failure.Attempts);
        Assert.Equal(FailureKind.Transient, failure.Attempts[0].Kind);
        Assert.Equal(requestsPerAttempt, server.RequestCount);
    }
}
