using System;
using System.Linq;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class ProbeTests
{
    [Fact]
    public async Task A_probe_that_is_answered_closes_the_circuit_and_counts_as_no_request()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.CircuitBreakerThreshold = 1;
        f["openai"].Then(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();
        await engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(CircuitState.Open, engine.Models[0].Circuit);
        FallbackStats before = engine.GetStats();

        ProbeResult probe = await engine.ProbeAsync(0);

        Assert.True(probe.Healthy);
        Assert.Equal(("openai", "gpt-4o"), (probe.Provider, probe.Model));
        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit);
        ChatOptions sent = f["openai"].ReceivedOptions.Last();
        Assert.Equal(("gpt-4o", 1), (sent.ModelId, sent.MaxOutputTokens));
        FallbackStats after = engine.GetStats();
        Assert.Equal((before.TotalRequests, before.Models[0].Attempts), (after.TotalRequests, after.Models[0].Attempts));
    }

    [Fact]
    public async Task A_failed_probe_counts_toward_the_circuit_as_one_failed_request()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2));
        f.Options.CircuitBreakerThreshold = 2;
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        ProbeResult first = await engine.ProbeAsync(0);
        Assert.Equal((false, FailureKind.Transient, CircuitState.Closed), (first.Healthy, first.Failure, engine.Models[0].Circuit));
        await engine.ProbeAsync(0);

        Assert.Equal(CircuitState.Open, engine.Models[0].Circuit);
        Assert.Equal(2, f["openai"].Calls); // a probe is one request, never retried
        Assert.Equal(0, engine.GetStats().TotalRequests);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.ProbeAsync(1));
    }
}
