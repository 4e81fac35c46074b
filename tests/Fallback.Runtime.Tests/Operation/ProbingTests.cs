using System;
using System.Linq;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using static Fallback.Runtime.Tests.Operation.OperationHost;

namespace Fallback.Runtime.Tests.Operation;

public class ProbingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static ChainFixture TwoModels()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.CircuitBreakerThreshold = 1; // one failure opens a circuit for 5 s
        return f;
    }

    /// <summary>Starts the service and waits until its interval timer exists, so advancing the fake clock ticks it.</summary>
    private static async Task<FallbackProbingService> StartAsync(ServiceProvider provider, ChainFixture f)
    {
        int timers = f.Time.Timers.Count;
        var service = provider.GetRequiredService<FallbackProbingService>();
        await service.StartAsync(default);
        await f.Time.WaitForTimersAsync(timers + 1);
        Assert.Equal(Interval, f.Time.Timers[timers]);
        return service;
    }

    /// <summary>Advances the clock by one interval and waits until the round it started has finished.</summary>
    private static async Task TickAsync(ChainFixture f, FallbackProbingService service)
    {
        int rounds = service.CompletedRounds;
        f.Time.Advance(Interval);
        await Eventually.True(() => service.CompletedRounds == rounds + 1, "probing round " + (rounds + 1));
    }

    private static (long Total, long Fallbacks, long Attempts0, long Attempts1) Counters(IFallbackChain chain)
    {
        FallbackStats s = chain.GetStats();
        return (s.TotalRequests, s.FallbackCount, s.Models[0].Attempts, s.Models[1].Attempts);
    }

    [Fact]
    public async Task Probing_closes_a_recovered_primarys_circuit_before_its_cooldown_without_a_user_request()
    {
        ChainFixture f = TwoModels();
        f["openai"].Then(Steps.Throw(() => Steps.Status(503))); // down once, then answers
        var (services, chain) = WithChain(f);
        services.AddFallbackChainProbing(o => o.Interval = Interval);
        using ServiceProvider provider = services.BuildServiceProvider();
        await chain.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(CircuitState.Open, chain.Models[0].Circuit);
        var before = Counters(chain);
        FallbackProbingService service = await StartAsync(provider, f);

        await TickAsync(f, service); // t = 2 s, the circuit is open until 5 s

        Assert.Equal((CircuitState.Closed, 0), (chain.Models[0].Circuit, chain.Models[0].ConsecutiveFailures));
        Assert.Equal(before, Counters(chain));
        Assert.Equal((2, 1), (f["openai"].Calls, f["anthropic"].Calls)); // the closed fallback was not probed
        Assert.Equal(("gpt-4o", 1), (f["openai"].ReceivedOptions.Last().ModelId, f["openai"].ReceivedOptions.Last().MaxOutputTokens));

        await TickAsync(f, service); // nothing left to probe
        Assert.Equal((2, 1), (f["openai"].Calls, f["anthropic"].Calls));
        await service.StopAsync(default);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Probing_keeps_probing_a_model_that_still_fails_and_counts_no_user_traffic()
    {
        ChainFixture f = TwoModels();
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var (services, chain) = WithChain(f);
        services.AddFallbackChainProbing(o => o.Interval = Interval);
        using ServiceProvider provider = services.BuildServiceProvider();
        await chain.GetResponseAsync(ChainFixture.Prompt());
        var before = Counters(chain);
        FallbackProbingService service = await StartAsync(provider, f);

        await TickAsync(f, service);
        Assert.Equal((CircuitState.Open, 2), (chain.Models[0].Circuit, chain.Models[0].ConsecutiveFailures));
        await TickAsync(f, service);
        await TickAsync(f, service);

        Assert.Equal(CircuitState.Open, chain.Models[0].Circuit);
        Assert.Equal((4, 1), (f["openai"].Calls, f["anthropic"].Calls));
        Assert.Equal(before, Counters(chain));
        await service.StopAsync(default);
    }

    [Fact]
    public async Task ProbeHealthyModels_probes_every_enabled_model_and_disabled_models_never()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2), new ModelDescriptor("mistral", "large", priority: 3));
        var (services, chain) = WithChain(f);
        chain.DisableModel("mistral", "large");
        services.AddFallbackChainProbing(o =>
        {
            o.Interval = Interval;
            o.ProbeHealthyModels = true;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        FallbackProbingService service = await StartAsync(provider, f);

        await TickAsync(f, service);

        Assert.Equal((1, 1, 0), (f["openai"].Calls, f["anthropic"].Calls, f["mistral"].Calls));
        Assert.Equal(0, chain.GetStats().TotalRequests);
        Assert.All(chain.Models, static m => Assert.Equal(CircuitState.Closed, m.Circuit));
        await service.StopAsync(default);
    }

    [Fact]
    public async Task By_default_a_healthy_chain_is_never_probed()
    {
        ChainFixture f = TwoModels();
        var (services, _) = WithChain(f);
        services.AddFallbackChainProbing(o => o.Interval = Interval);
        using ServiceProvider provider = services.BuildServiceProvider();
        FallbackProbingService service = await StartAsync(provider, f);

        await TickAsync(f, service);

        Assert.Equal((0, 0), (f["openai"].Calls, f["anthropic"].Calls));
        await service.StopAsync(default);
    }

    [Fact]
    public async Task Probing_survives_a_throwing_client_and_a_broken_chain_and_logs_no_prompt_text()
    {
        ChainFixture f = TwoModels();
        f["openai"].Then(Steps.Throw(() => Steps.Status(503)));
        f["openai"].Always((_, _) => throw new InvalidOperationException("client bug")); // throws synchronously, not a faulted task
        var (services, chain) = WithChain(f);
        services.AddSingleton<IFallbackChain>(new BrokenChain());
        services.AddFakeLogging();
        services.AddLogging(static b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddFallbackChainProbing(o => o.Interval = Interval);
        using ServiceProvider provider = services.BuildServiceProvider();
        await chain.GetResponseAsync(ChainFixture.Prompt());
        FallbackProbingService service = await StartAsync(provider, f);

        await TickAsync(f, service);
        await TickAsync(f, service);

        Assert.Equal(3, f["openai"].Calls); // the request, then one probe per round
        Assert.Equal(CircuitState.Open, chain.Models[0].Circuit);
        Assert.False(service.ExecuteTask!.IsCompleted);
        FakeLogRecord[] logs = provider.GetFakeLogCollector().GetSnapshot().ToArray();
        FakeLogRecord[] broken = logs.Where(static r => r.Id.Name == "ChainProbeError").ToArray();
        Assert.Equal(2, broken.Length);
        Assert.Equal(("Probing a fallback chain (broken) threw InvalidOperationException; probing goes on.", LogLevel.Warning), (broken[0].Message, broken[0].Level));
        Assert.Equal(
            "Chain test_chain: probe of openai/gpt-4o via openai still fails: Unknown.",
            logs.First(static r => r.Id.Name == "ProbeStillFailing").Message);
        Assert.DoesNotContain(logs, static r => r.Message.Contains("secret prompt text", StringComparison.Ordinal));
        await service.StopAsync(default);
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public void Options_are_validated_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddFallbackChainProbing(o => o.Interval = TimeSpan.Zero);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FallbackProbingOptions>>().Value);
        Assert.Equal(
            $"FallbackProbingOptions.Interval is 00:00:00; it must be more than zero and at most {FallbackProbingOptions.MaxInterval} (how often unhealthy models are probed).",
            ex.Message);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<FallbackProbingService>());
    }

    [Fact]
    public void Registration_adds_one_hosted_service_however_often_it_is_called()
    {
        var services = new ServiceCollection();
        services.AddFallbackChainProbing();
        services.AddFallbackChainProbing(o => o.ProbeHealthyModels = true);
        using ServiceProvider provider = services.BuildServiceProvider();

        IHostedService hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(provider.GetRequiredService<FallbackProbingService>(), hosted);
        FallbackProbingOptions options = provider.GetRequiredService<IOptions<FallbackProbingOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(30), true), (options.Interval, options.ProbeHealthyModels));
    }
}
