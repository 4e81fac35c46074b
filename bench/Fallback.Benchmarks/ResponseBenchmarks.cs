using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>
/// Non-streaming requests through each contender on the same fake clients, messages and options object.
/// Baseline of each category: the serving client called directly.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class ResponseBenchmarks
{
    public const int Concurrency = 64;

    private const string Happy = "1 primary serves";
    private const string Fallback = "2 primary fails, secondary serves";
    private const string Concurrent = "3 64 concurrent (primary serves)";

    private readonly List<ChatMessage> _messages = Workload.Messages();
    private readonly ChatOptions _options = Workload.Options();
    private readonly Task[] _tasks = new Task[Concurrency];
    private Contenders _happy = null!;
    private Contenders _fallback = null!;

    [Params(ClientKind.Sync, ClientKind.Yield)]
    public ClientKind Client { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var secondary = new FakeChatClient("secondary answer", Client, fails: false);
        _happy = new Contenders(new FakeChatClient("primary answer", Client, fails: false), secondary);
        _fallback = new Contenders(new FakeChatClient("unused", Client, fails: true), secondary);

        // A broken contender must not look fast: each one answers once with the expected text, calling the expected clients.
        foreach ((string name, IChatClient client) in _happy.All(includeDirect: true, _happy.Primary))
        {
            long primaryCalls = _happy.Primary.Calls;
            Contenders.Expect(name, client, _messages, _options, "primary answer");
            Workload.Check(_happy.Primary.Calls == primaryCalls + 1, $"{name} did not call the primary exactly once.");
            bool namesModel = name is "Chain" or Contenders.UnstampedName or Contenders.LoopModelPerCallName;
            Workload.Check(_happy.Primary.LastModelId == (namesModel ? "model-a" : null), $"{name} sent model id '{_happy.Primary.LastModelId}'.");
        }

        foreach ((string name, IChatClient client) in _fallback.All(includeDirect: true, _fallback.Secondary))
        {
            long primaryCalls = _fallback.Primary.Calls, secondaryCalls = _fallback.Secondary.Calls;
            Contenders.Expect(name, client, _messages, _options, "secondary answer");
            long expectedPrimary = name == "Direct" ? primaryCalls : primaryCalls + 1;
            Workload.Check(_fallback.Primary.Calls == expectedPrimary && _fallback.Secondary.Calls == secondaryCalls + 1, $"{name} did not fail once on the primary and then call the secondary once.");
        }

        foreach ((string name, IChatClient client) in _happy.All(includeDirect: true, _happy.Primary))
        {
            Task[] tasks = new Task[Concurrency];
            for (int i = 0; i < tasks.Length; i++)
            {
                tasks[i] = client.GetResponseAsync(_messages, _options);
            }

            Task.WaitAll(tasks);
            foreach (Task task in tasks)
            {
                Workload.Check(((Task<ChatResponse>)task).Result.Text == "primary answer", $"{name} answered a concurrent request wrongly.");
            }
        }

        ChatResponse stamped = _fallback.Chain.GetResponseAsync(_messages, _options).GetAwaiter().GetResult();
        Workload.Check(stamped.AdditionalProperties?["fallback.model"] as string == "secondary/model-b", "The chain did not say the secondary served.");
        Workload.Check(_fallback.Chain.GetStats().FallbackCount > 0 && _fallback.Loop.Fallbacks > 0, "The chain or the loop counted no fallback.");
        ChatResponse unstamped = _fallback.ChainUnstamped.GetResponseAsync(_messages, _options).GetAwaiter().GetResult();
        // The Sync client answers with one cached response, which the stamped chain has already stamped: check on Yield's new ones.
        Workload.Check(unstamped.ModelId == "model-b" && (Client == ClientKind.Sync || unstamped.AdditionalProperties is null), "The unstamped chain stamped, or lost the serving model id.");
    }

    // 1. The primary serves.

    [Benchmark(Baseline = true, Description = "Direct"), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyDirect() => _happy.Primary.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "Loop"), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyLoop() => _happy.Loop.GetResponseAsync(_messages, _options);

    [Benchmark(Description = Contenders.LoopModelPerCallName), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyLoopModelPerCall() => _happy.LoopModelPerCall.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "OrderedFailover"), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyOrderedFailover() => _happy.OrderedFailover.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "Polly"), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyPolly() => _happy.Polly.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "Chain"), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyChain() => _happy.Chain.GetResponseAsync(_messages, _options);

    [Benchmark(Description = Contenders.UnstampedName), BenchmarkCategory(Happy)]
    public Task<ChatResponse> HappyChainUnstamped() => _happy.ChainUnstamped.GetResponseAsync(_messages, _options);

    // 2. The primary fails once (503, no retry), the secondary serves. Direct: the secondary alone.

    [Benchmark(Baseline = true, Description = "Direct"), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackDirect() => _fallback.Secondary.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "Loop"), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackLoop() => _fallback.Loop.GetResponseAsync(_messages, _options);

    [Benchmark(Description = Contenders.LoopModelPerCallName), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackLoopModelPerCall() => _fallback.LoopModelPerCall.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "OrderedFailover"), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackOrderedFailover() => _fallback.OrderedFailover.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "Polly"), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackPolly() => _fallback.Polly.GetResponseAsync(_messages, _options);

    [Benchmark(Description = "Chain"), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackChain() => _fallback.Chain.GetResponseAsync(_messages, _options);

    [Benchmark(Description = Contenders.UnstampedName), BenchmarkCategory(Fallback)]
    public Task<ChatResponse> FallbackChainUnstamped() => _fallback.ChainUnstamped.GetResponseAsync(_messages, _options);

    // 3. 64 concurrent requests (Task.WhenAll of 64), the primary serving; figures are per batch of 64.

    [Benchmark(Baseline = true, Description = "Direct"), BenchmarkCategory(Concurrent)]
    public Task ConcurrentDirect() => RunConcurrently(_happy.Primary);

    [Benchmark(Description = "Loop"), BenchmarkCategory(Concurrent)]
    public Task ConcurrentLoop() => RunConcurrently(_happy.Loop);

    [Benchmark(Description = Contenders.LoopModelPerCallName), BenchmarkCategory(Concurrent)]
    public Task ConcurrentLoopModelPerCall() => RunConcurrently(_happy.LoopModelPerCall);

    [Benchmark(Description = "OrderedFailover"), BenchmarkCategory(Concurrent)]
    public Task ConcurrentOrderedFailover() => RunConcurrently(_happy.OrderedFailover);

    [Benchmark(Description = "Polly"), BenchmarkCategory(Concurrent)]
    public Task ConcurrentPolly() => RunConcurrently(_happy.Polly);

    [Benchmark(Description = "Chain"), BenchmarkCategory(Concurrent)]
    public Task ConcurrentChain() => RunConcurrently(_happy.Chain);

    [Benchmark(Description = Contenders.UnstampedName), BenchmarkCategory(Concurrent)]
    public Task ConcurrentChainUnstamped() => RunConcurrently(_happy.ChainUnstamped);

    private Task RunConcurrently(IChatClient client)
    {
        Task[] tasks = _tasks;
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = client.GetResponseAsync(_messages, _options);
        }

        return Task.WhenAll(tasks);
    }
}
