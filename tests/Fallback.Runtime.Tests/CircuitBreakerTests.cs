using System;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class CircuitBreakerTests
{
    private static ChainFixture Chain()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.CircuitBreakerThreshold = 3;
        f.Options.CircuitBreakerCooldown = TimeSpan.FromSeconds(30);
        f.Options.CircuitBreakerMaxCooldown = TimeSpan.FromMinutes(2);
        return f;
    }

    [Fact]
    public async Task Open_half_open_closed_cycle()
    {
        var f = Chain();
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("anthropic", (await engine.GetResponseAsync(ChainFixture.Prompt())).Text);
        }

        Assert.Equal(3, f["openai"].Calls);
        Assert.Equal(CircuitState.Open, engine.Models[0].Circuit);
        Assert.Equal(3, engine.Models[0].ConsecutiveFailures);
        Assert.Equal(f.Time.GetUtcNow().AddSeconds(30), engine.Models[0].OpenUntil);

        // Open: skipped, costs nothing, and the serving level says the chain fell back.
        ChatResponse skipped = await engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(3, f["openai"].Calls);
        Assert.Equal(1, skipped.AdditionalProperties!["fallback.level"]);

        // Half-open after the cooldown: one trial; it fails, so the circuit opens again, for twice as long.
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitState.HalfOpen, engine.Models[0].Circuit);
        await engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(4, f["openai"].Calls);
        Assert.Equal(CircuitState.Open, engine.Models[0].Circuit);
        Assert.Equal(f.Time.GetUtcNow().AddSeconds(60), engine.Models[0].OpenUntil);
        await engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(4, f["openai"].Calls);
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitState.Open, engine.Models[0].Circuit);

        // Next trial succeeds: closed, counter reset, the primary serves again.
        f["openai"].Always(Steps.Reply("openai back"));
        f.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("openai back", (await engine.GetResponseAsync(ChainFixture.Prompt())).Text);
        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit);
        Assert.Equal(0, engine.Models[0].ConsecutiveFailures);
        Assert.Null(engine.Models[0].OpenUntil);
    }

    [Fact]
    public async Task Half_open_admits_a_single_trial_request()
    {
        var f = Chain();
        f["openai"].Then(
            Steps.Throw(() => Steps.Status(500)), Steps.Throw(() => Steps.Status(500)), Steps.Throw(() => Steps.Status(500)));
        var engine = f.Build();
        for (int i = 0; i < 3; i++)
        {
            await engine.GetResponseAsync(ChainFixture.Prompt());
        }

        f.Time.Advance(TimeSpan.FromSeconds(30));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f["openai"].Then(Steps.Gate(gate, "trial ok", entered));

        Task<ChatResponse> trial = engine.GetResponseAsync(ChainFixture.Prompt());
        await entered.Task;
        ChatResponse other = await engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal("anthropic", other.Text); // the trial is taken: others still skip the model
        gate.SetResult();
        Assert.Equal("trial ok", (await trial).Text);
        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit);
    }

    [Fact]
    public async Task Every_model_cooling_down_is_still_tried_in_order()
    {
        var f = Chain();
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();
        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));
        }

        Assert.Equal(CircuitState.Open, engine.Models[0].Circuit);
        Assert.Equal(CircuitState.Open, engine.Models[1].Circuit);

        f["anthropic"].Always(Steps.Reply("anthropic recovered"));
        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic recovered", response.Text); // not failed untried
        Assert.Equal(4, f["openai"].Calls); // tried first, in order
        Assert.Equal(CircuitState.Closed, engine.Models[1].Circuit);
    }

    [Fact]
    public async Task Request_specific_failures_do_not_trip_the_breaker()
    {
        var f = Chain();
        f["openai"].Always(Steps.Throw(() => FakeResults.ClientError(400, FakeResults.ErrorBody("context_length_exceeded"))));
        var engine = f.Build();
        for (int i = 0; i < 5; i++)
        {
            await engine.GetResponseAsync(ChainFixture.Prompt());
        }

        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit);
        Assert.Equal(5, f["openai"].Calls);
    }

    [Fact]
    public async Task Threshold_zero_turns_the_breaker_off()
    {
        var f = Chain();
        f.Options.CircuitBreakerThreshold = 0;
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();
        for (int i = 0; i < 6; i++)
        {
            await engine.GetResponseAsync(ChainFixture.Prompt());
        }

        Assert.Equal(6, f["openai"].Calls);
        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit);
    }

    [Fact]
    public async Task A_dead_primary_with_retries_costs_full_retries_only_until_the_circuit_opens()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.BaseDelay = TimeSpan.Zero;
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        await engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit); // one request's own retries never open it (failoverbench S15)
        Assert.Equal(1, engine.Models[0].ConsecutiveFailures);

        for (int i = 1; i < 10; i++)
        {
            await engine.GetResponseAsync(ChainFixture.Prompt());
        }

        Assert.Equal(9, f["openai"].Calls); // three failed requests' worth (3 attempts each), then skipped
        Assert.Equal(f.Time.GetUtcNow().AddSeconds(5), engine.Models[0].OpenUntil); // the default first cooldown: short
    }
}
