using System;
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

    private static void AssertBalanced(FallbackStats stats)
        => Assert.Equal(stats.TotalRequests, stats.SuccessfulRequests + stats.FailedRequests);

    private static Step RandomStep(string name) => (_, _) =>
        Random.Shared.Next(3) == 0
            ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, name)))
            : Task.FromException<ChatResponse>(Steps.Status(Random.Shared.Next(2) == 0 ? 503 : 401));
}
