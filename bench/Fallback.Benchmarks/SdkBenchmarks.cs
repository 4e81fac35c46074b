using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fallback.LocalProviders;
using Fallback.OpenAI;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>
/// The chain's overhead next to what it wraps in production: the official OpenAI SDK (through
/// <c>OpenAIChainClient</c>) over real HTTP to a <see cref="LocalProviderServer"/> on 127.0.0.1, in the same
/// process. The primary serves; Direct sends the same request (same model id) to the same client. Allocated
/// bytes count every thread, the server's included, alike for both rows.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SdkBenchmarks
{
    private const string Response = "5 OpenAI SDK over loopback HTTP";
    private const string Stream = "6 OpenAI SDK stream over loopback HTTP";

    private readonly List<ChatMessage> _messages = Workload.Messages();
    private readonly ChatOptions _options = Workload.Options();
    private readonly ChatOptions _directOptions = Workload.Options();
    private LocalProviderServer _server = null!;
    private IChatClient _sdk = null!;
    private BenchChain _chain = null!;
    private BenchChain _chainUnstamped = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LocalProviderServer.StartAsync(ProviderFormat.OpenAI).GetAwaiter().GetResult();
        _sdk = OpenAIChainClient.Create("bench-key", _server.BaseUri);
        _directOptions.ModelId = "model-a"; // what the chain sends for its primary
        _chain = new BenchChain(_ => _sdk, Contenders.ChainOptions(stampResponses: true));
        _chainUnstamped = new BenchChain(_ => _sdk, Contenders.ChainOptions(stampResponses: false));

        foreach ((string name, IChatClient client, ChatOptions options) in new[] { ("Direct", _sdk, _directOptions), ("Chain", _chain, _options), (Contenders.UnstampedName, (IChatClient)_chainUnstamped, _options) })
        {
            int before = _server.CountRequests("model-a");
            ChatResponse response = client.GetResponseAsync(_messages, options).GetAwaiter().GetResult();
            Workload.Check(response.Text.Length > 0 && _server.CountRequests("model-a") == before + 1, $"{name} did not get an answer from the local server for model-a.");
            int updates = DrainAsync(client.GetStreamingResponseAsync(_messages, options)).GetAwaiter().GetResult();
            Workload.Check(updates > 1, $"{name} streamed {updates} updates.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Direct"), BenchmarkCategory(Response)]
    public Task<ChatResponse> SdkDirect() => _sdk.GetResponseAsync(_messages, _directOptions);

    [Benchmark(Description = "Chain"), BenchmarkCategory(Response)]
    public Task<ChatResponse> SdkChain() => _chain.GetResponseAsync(_messages, _options);

    [Benchmark(Description = Contenders.UnstampedName), BenchmarkCategory(Response)]
    public Task<ChatResponse> SdkChainUnstamped() => _chainUnstamped.GetResponseAsync(_messages, _options);

    [Benchmark(Baseline = true, Description = "Direct"), BenchmarkCategory(Stream)]
    public Task<int> SdkStreamDirect() => DrainAsync(_sdk.GetStreamingResponseAsync(_messages, _directOptions));

    [Benchmark(Description = "Chain"), BenchmarkCategory(Stream)]
    public Task<int> SdkStreamChain() => DrainAsync(_chain.GetStreamingResponseAsync(_messages, _options));

    [Benchmark(Description = Contenders.UnstampedName), BenchmarkCategory(Stream)]
    public Task<int> SdkStreamChainUnstamped() => DrainAsync(_chainUnstamped.GetStreamingResponseAsync(_messages, _options));

    private static async Task<int> DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        int count = 0;
        await foreach (ChatResponseUpdate update in updates.ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }
}
