using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>
/// A streamed response of 100 updates, read to the end, the primary serving. Polly is absent: a
/// <c>ResiliencePipeline</c> returns one result and cannot wrap a stream.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class StreamingBenchmarks
{
    private const string Stream = "4 stream of 100 updates";

    private readonly List<ChatMessage> _messages = Workload.Messages();
    private readonly ChatOptions _options = Workload.Options();
    private Contenders _contenders = null!;

    [Params(ClientKind.Sync, ClientKind.Yield)]
    public ClientKind Client { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _contenders = new Contenders(
            new FakeChatClient("primary answer", Client, fails: false),
            new FakeChatClient("secondary answer", Client, fails: false));
        string expected = "primary answer" + new string('.', FakeChatClient.StreamLength - 1);
        foreach ((string name, IChatClient client) in _contenders.All(includeDirect: true, _contenders.Primary))
        {
            if (name != "Polly")
            {
                Contenders.ExpectStreamAsync(name, client, _messages, _options, expected).GetAwaiter().GetResult();
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Direct"), BenchmarkCategory(Stream)]
    public Task<int> StreamDirect() => DrainAsync(_contenders.Primary.GetStreamingResponseAsync(_messages, _options));

    [Benchmark(Description = "Loop"), BenchmarkCategory(Stream)]
    public Task<int> StreamLoop() => DrainAsync(_contenders.Loop.GetStreamingResponseAsync(_messages, _options));

    [Benchmark(Description = Contenders.LoopModelPerCallName), BenchmarkCategory(Stream)]
    public Task<int> StreamLoopModelPerCall() => DrainAsync(_contenders.LoopModelPerCall.GetStreamingResponseAsync(_messages, _options));

    [Benchmark(Description = "OrderedFailover"), BenchmarkCategory(Stream)]
    public Task<int> StreamOrderedFailover() => DrainAsync(_contenders.OrderedFailover.GetStreamingResponseAsync(_messages, _options));

    [Benchmark(Description = "Chain"), BenchmarkCategory(Stream)]
    public Task<int> StreamChain() => DrainAsync(_contenders.Chain.GetStreamingResponseAsync(_messages, _options));

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
