using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Counters_balance_exactly_under_parallel_random_failures()
    {
        const int Requests = 4_000;
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2),
            new ModelDescriptor("deepseek", "chat", priority: 3));
        f.Options.BaseDelay = TimeSpan.Zero;
        f.Options.CircuitBreakerThreshold = 0; // keep every model in play so every path is exercised
        foreach (var client in f.Clients.Values)
        {
            client.Always(RandomStep(client.Name));
        }

        var engine = f.Build();
        int served = 0, exhausted = 0;
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            if (i % 500 == 0)
            {
                engine.ResetStats(); // resets race with requests: the invariant must still hold in every snapshot
                AssertBalanced(engine.GetStats());
            }

            try
            {
                await engine.GetResponseAsync(ChainFixture.Prompt());
                Interlocked.Increment(ref served);
            }
            catch (AllModelsFailedException)
            {
                Interlocked.Increment(ref exhausted);
            }

            if (i % 97 == 0)
            {
                AssertBalanced(engine.GetStats());
            }
        });

        // A final clean pass with no resets: the counters must equal what the callers saw.
        engine.ResetStats();
        served = exhausted = 0;
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            try
            {
                await engine.GetResponseAsync(ChainFixture.Prompt());
                Interlocked.Increment(ref served);
            }
            catch (AllModelsFailedException)
            {
                Interlocked.Increment(ref exhausted);
            }
        });

        FallbackStats stats = engine.GetStats();
        AssertBalanced(stats);
        Assert.Equal(Requests, stats.TotalRequests);
        Assert.Equal(served, stats.SuccessfulRequests);
        Assert.Equal(exhausted, stats.FailedRequests);
        Assert.Equal(served, stats.ModelUsage.Values.Sum());
        Assert.True(served > 0 && exhausted > 0, $"both outcomes exercised ({served}/{exhausted})");
        Assert.Equal(stats.Models.Sum(m => m.Attempts), stats.Models.Sum(m => m.Failures + m.Served));
    }

    [Fact]
    public async Task Every_request_succeeds_and_is_counted_when_answers_complete_on_another_thread()
    {
        // Issue 11: the fast path read the task's state twice; a task completing between the reads turned a good
        // answer into InvalidOperationException and the request went uncounted. Bounded by count and by time.
        using var client = new OffThreadChatClient();
        var engine = new FallbackEngine(
            "race_chain",
            [new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2)],
            _ => client);
        List<ChatMessage> prompt = ChainFixture.Prompt();
        const int MaxRequests = 200_000; // ~1% of them hit the window on this machine
        var budget = System.Diagnostics.Stopwatch.StartNew();
        int calls = 0, failures = 0;
        string? firstFailure = null;
        while (calls < MaxRequests && budget.Elapsed < TimeSpan.FromSeconds(3))
        {
            calls++;
            try
            {
                ChatResponse response = await engine.GetResponseAsync(prompt);
                Assert.Equal("gpt-4o", response.ModelId);
            }
            catch (Exception ex)
            {
                failures++;
                firstFailure ??= ex.GetType().Name + ": " + ex.Message;
            }
        }

        Assert.True(failures == 0, $"{failures} of {calls} requests failed; first: {firstFailure}");
        FallbackStats stats = engine.GetStats();
        Assert.Equal(calls, stats.TotalRequests);
        Assert.Equal(calls, stats.SuccessfulRequests);
        Assert.Equal(0, stats.FallbackCount);
    }

    private static void AssertBalanced(FallbackStats stats)
        => Assert.Equal(stats.TotalRequests, stats.SuccessfulRequests + stats.FailedRequests);

    private static Step RandomStep(string name) => (_, _) =>
        Random.Shared.Next(3) == 0
            ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, name)))
            : Task.FromException<ChatResponse>(Steps.Status(Random.Shared.Next(2) == 0 ? 503 : 401));
}
