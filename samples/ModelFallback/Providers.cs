using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Fallback.OpenAI;
using Microsoft.Extensions.AI;

namespace Fallback.Samples.ModelFallback;

/// <summary>One provider of the chain: the client that serves its model and how the sample breaks it on purpose.</summary>
internal sealed class Provider(string key, string model, string keyVariable)
{
    public string Key { get; } = key;

    public string Model { get; } = model;

    public string KeyVariable { get; } = keyVariable;

    /// <summary><c>provider/model</c>, as in <c>fallback.model</c> and the statistics.</summary>
    public string Id => Key + "/" + Model;

    /// <summary>False when the provider's API key is missing (real-key mode): its model is disabled.</summary>
    public bool Available { get; private set; } = true;

    /// <summary>What the client talks to, for the header.</summary>
    public string Route { get; private set; } = string.Empty;

    /// <summary>The client registered under <see cref="Key"/>.</summary>
    public IChatClient Client { get; private set; } = null!;

    /// <summary>The local endpoint (embedded mode).</summary>
    public LocalProviderServer? Server { get; private set; }

    /// <summary>The simulated-outage switch in front of a real service (real-key mode).</summary>
    public OutageSwitch? Switch { get; private set; }

    /// <summary>HTTP requests the local endpoint received (embedded mode; 0 otherwise).</summary>
    public int Requests => Server?.RequestCount ?? 0;

    public void ServeLocally(LocalProviderServer server, IChatClient client, string route)
    {
        Server = server;
        Client = client;
        Route = route;
        Restore();
    }

    public void ServeRemotely(IChatClient client, string route)
    {
        Switch = new OutageSwitch(client);
        Client = Switch;
        Route = route;
    }

    public void MarkUnavailable()
    {
        Available = false;
        Client = new NoKeyChatClient(KeyVariable);
        Route = "note: disabled at startup, " + KeyVariable + " is not set";
    }

    /// <summary>Every request fails with 503 until <see cref="Restore"/>.</summary>
    public void StartOutage()
    {
        if (Server is not null)
        {
            Server.Script.Default = Fault.Status(503);
        }
        else if (Switch is not null)
        {
            Switch.Down = true;
        }
    }

    /// <summary>The next request gets 429 with a <c>Retry-After</c>; only a local endpoint can say that.</summary>
    public bool TryRateLimitNext(TimeSpan retryAfter)
    {
        Server?.Script.Enqueue(Fault.RateLimited(retryAfter));
        return Server is not null;
    }

    /// <summary>Ends any outage: the endpoint answers the demo answer again.</summary>
    public void Restore()
    {
        if (Server is not null)
        {
            Server.Script.Clear();
            Server.Script.Default = Fault.Ok(Demo.LocalAnswer);
        }

        if (Switch is not null)
        {
            Switch.Down = false;
        }
    }
}

/// <summary>The three providers of the chain, on local endpoints (no API keys) or on the real services.</summary>
internal sealed class ProviderSet : IAsyncDisposable
{
    private const string LocalKey = "local-demo-key";

    private ProviderSet(bool embedded)
    {
        Embedded = embedded;
    }

    /// <summary>True when no API key is set: everything runs against local endpoints with scripted faults.</summary>
    public bool Embedded { get; }

    public Provider Anthropic { get; } = new("anthropic", "claude-sonnet-4-5", "ANTHROPIC_API_KEY");

    public Provider OpenAI { get; } = new("openai", "gpt-4o", "OPENAI_API_KEY");

    public Provider DeepSeek { get; } = new("deepseek", "deepseek-chat", "DEEPSEEK_API_KEY");

    /// <summary>In the chain's order.</summary>
    public IReadOnlyList<Provider> All => [Anthropic, OpenAI, DeepSeek];

    public static async Task<ProviderSet> CreateAsync()
    {
        string? anthropicKey = Key("ANTHROPIC_API_KEY");
        string? openAIKey = Key("OPENAI_API_KEY");
        string? deepSeekKey = Key("DEEPSEEK_API_KEY");
        var set = new ProviderSet(anthropicKey is null && openAIKey is null && deepSeekKey is null);
        if (set.Embedded)
        {
            await set.StartLocalAsync().ConfigureAwait(false);
        }
        else
        {
            set.UseRealServices(anthropicKey, openAIKey, deepSeekKey);
        }

        return set;
    }

    public void RestoreAll()
    {
        foreach (Provider provider in All)
        {
            provider.Restore();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Provider provider in All)
        {
            provider.Client?.Dispose();
            if (provider.Server is not null)
            {
                await provider.Server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string? Key(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    private async Task StartLocalAsync()
    {
        // One endpoint per provider, each speaking the wire format its client uses. Anthropic's own Messages API
        // needs the Anthropic SDK, which is not Native-AOT ready, so this app talks to "anthropic" the way an AOT
        // app does in production: through an OpenAI-compatible endpoint, with the OpenAI SDK.
        LocalProviderServer anthropic = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI).ConfigureAwait(false);
        Anthropic.ServeLocally(anthropic, OpenAIChainClient.Create(LocalKey, anthropic.BaseUri, Anthropic.Model), Local(anthropic, "OpenAI-compatible endpoint, OpenAI SDK"));
        LocalProviderServer openai = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI).ConfigureAwait(false);
        OpenAI.ServeLocally(openai, OpenAIChainClient.Create(LocalKey, openai.BaseUri, OpenAI.Model), Local(openai, "OpenAI chat completions, OpenAI SDK"));
        LocalProviderServer deepseek = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI).ConfigureAwait(false);
        DeepSeek.ServeLocally(deepseek, OpenAIChainClient.Create(LocalKey, deepseek.BaseUri, DeepSeek.Model), Local(deepseek, "OpenAI-compatible chat completions, OpenAI SDK"));
    }

    private void UseRealServices(string? anthropicKey, string? openAIKey, string? deepSeekKey)
    {
        if (anthropicKey is null)
        {
            Anthropic.MarkUnavailable();
        }
        else
        {
            Anthropic.ServeRemotely(
                OpenAIChainClient.Create(anthropicKey, new Uri("https://api.anthropic.com/v1/"), Anthropic.Model),
                "api.anthropic.com/v1, OpenAI-compatible endpoint, OpenAI SDK");
        }

        if (openAIKey is null)
        {
            OpenAI.MarkUnavailable();
        }
        else
        {
            OpenAI.ServeRemotely(OpenAIChainClient.Create(openAIKey, null, OpenAI.Model), "api.openai.com, OpenAI SDK");
        }

        if (deepSeekKey is null)
        {
            DeepSeek.MarkUnavailable();
        }
        else
        {
            DeepSeek.ServeRemotely(
                OpenAIChainClient.Create(deepSeekKey, new Uri("https://api.deepseek.com"), DeepSeek.Model),
                "api.deepseek.com, OpenAI-compatible, OpenAI SDK");
        }
    }

    private static string Local(LocalProviderServer server, string format) => server.BaseUri.Authority + ", " + format;
}
