using System.Collections.Generic;
using System.Threading.Tasks;
using Fallback.Anthropic;
using Fallback.LocalProviders;
using Fallback.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests;

/// <summary>
/// The chain sends each model's id in <see cref="ChatOptions.ModelId"/>. Checked over HTTP: both SDKs'
/// chat clients put it in the request's <c>model</c> field, so one client key serves several models.
/// </summary>
public sealed class ModelRoutingTests
{
    [Theory]
    [InlineData(Sdk.OpenAI, "gpt-4o", "gpt-4o-mini")]
    [InlineData(Sdk.Anthropic, "claude-sonnet-4-5", "claude-haiku-4-5")]
    public async Task One_client_key_serves_each_model_by_its_id(Sdk sdk, string first, string second)
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderHarness.FormatOf(sdk));
        server.Script.ForModel(first).Default = Fault.ModelNotFound();
        string provider = ProviderHarness.ProviderName(sdk);
        using IChatClient client = ProviderHarness.CreateClient(sdk, server.BaseUri, System.TimeProvider.System);
        var options = new FallbackOptions();
        if (sdk == Sdk.Anthropic)
        {
            options.UseAnthropic();
        }

        int resolved = 0;
        var chain = new FallbackEngine(
            "routing",
            new List<ModelDescriptor> { new(provider, first, priority: 1), new(provider, second, priority: 2) },
            _ =>
            {
                resolved++;
                return client;
            },
            options);

        ChatResponse response = await chain.GetResponseAsync([new ChatMessage(ChatRole.User, "Say hello.")]);

        Assert.Equal(1, resolved);
        Expect.ServedBy(response, provider + "/" + second, expectedLevel: 1, "Hello from " + second + ".");
        Assert.Equal(second, response.ModelId);
        IReadOnlyList<RecordedRequest> requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(first, requests[0].Model);
        Assert.Equal(FaultKind.Status, requests[0].Fault);
        Assert.Equal(second, requests[1].Model);
        Expect.Stats(chain.GetStats(), successful: 1, failed: 0, fallbacks: 1, usage: [(provider + "/" + first, 0), (provider + "/" + second, 1)]);
    }

    [Fact]
    public async Task OpenAI_primary_falls_back_to_Anthropic_as_in_the_seeds()
    {
        await using LocalProviderServer openai = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        await using LocalProviderServer anthropic = await LocalProviderServer.StartAsync(ProviderFormat.Anthropic);
        openai.Script.Default = Fault.Status(503);
        var time = new ObservableTime();
        var clients = new Dictionary<string, IChatClient>
        {
            ["openai"] = ProviderHarness.CreateClient(Sdk.OpenAI, openai.BaseUri, time),
            ["anthropic"] = ProviderHarness.CreateClient(Sdk.Anthropic, anthropic.BaseUri, time),
        };
        var chain = new FallbackEngine(
            "content_generation",
            new List<ModelDescriptor>
            {
                new("openai", "gpt-4o", priority: 1, maxRetries: 1),
                new("anthropic", "claude-sonnet-4-5", priority: 2),
                new("openai", "gpt-4o-mini", priority: 3),
            },
            key => clients[key],
            new FallbackOptions { TimeProvider = time, JitterFactor = 0 }.UseAnthropic());

        Task<ChatResponse> call = chain.GetResponseAsync([new ChatMessage(ChatRole.User, "Write a tagline.")]);
        await time.WaitForTimersAsync(1);
        time.Advance(time.Timers[0]);
        ChatResponse response = await call.WaitAsync(ProviderHarness.Patience);

        Expect.ServedBy(response, "anthropic/claude-sonnet-4-5", expectedLevel: 1, "Hello from claude-sonnet-4-5.");
        Assert.Equal(2, openai.CountRequests("gpt-4o"));
        Assert.Equal(0, openai.CountRequests("gpt-4o-mini"));
        Assert.Equal(1, anthropic.RequestCount);
        Expect.Stats(chain.GetStats(), successful: 1, failed: 0, fallbacks: 1, usage: [("openai/gpt-4o", 0), ("anthropic/claude-sonnet-4-5", 1), ("openai/gpt-4o-mini", 0)]);
        foreach (IChatClient client in clients.Values)
        {
            client.Dispose();
        }
    }
}
