using System;
using System.Linq;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using static Fallback.Runtime.Tests.Operation.OperationHost;

namespace Fallback.Runtime.Tests.Operation;

public class HealthCheckTests
{
    private const string Closed = "circuit=Closed; enabled=true; consecutiveFailures=0";

    private static ChainFixture TwoModels(int threshold = 1)
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.CircuitBreakerThreshold = threshold;
        return f;
    }

    private static async Task<HealthReportEntry> RunAsync(ServiceProvider provider, string name)
    {
        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[name];
    }

    [Fact]
    public async Task A_chain_whose_first_model_serves_is_healthy_with_every_model_and_counter_in_the_data()
    {
        ChainFixture f = TwoModels();
        var (services, chain) = WithChain(f);
        services.AddHealthChecks().AddFallbackChainHealthChecks();
        using ServiceProvider provider = services.BuildServiceProvider();
        await chain.GetResponseAsync(ChainFixture.Prompt());

        HealthReportEntry entry = await RunAsync(provider, "fallback");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("Chain 'test_chain' is healthy.", entry.Description);
        Assert.Equal(
            new[]
            {
                Entry("test_chain:anthropic/claude", Closed),
                Entry("test_chain:failed", 0L),
                Entry("test_chain:fallbacks", 0L),
                Entry("test_chain:fallbacksSinceLastCheck", 0L),
                Entry("test_chain:finalFallbacks", 0L),
                Entry("test_chain:openai/gpt-4o", Closed),
                Entry("test_chain:requests", 1L),
                Entry("test_chain:status", "Healthy"),
                Entry("test_chain:successful", 1L),
            },
            Sorted(entry.Data));
        Assert.DoesNotContain(entry.Data.Values, static v => v is string s && s.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_circuit_is_degraded_with_the_model_state_then_half_open_after_the_cooldown()
    {
        ChainFixture f = TwoModels();
        f["openai"].Then(Steps.Throw(() => Steps.Status(503)));
        var (services, chain) = WithChain(f);
        services.AddHealthChecks().AddFallbackChainHealthCheck("test_chain");
        using ServiceProvider provider = services.BuildServiceProvider();
        await chain.GetResponseAsync(ChainFixture.Prompt()); // served by claude; gpt-4o's circuit opens for 5 s

        HealthReportEntry first = await RunAsync(provider, "fallback:test_chain");

        Assert.Equal(HealthStatus.Degraded, first.Status);
        Assert.Equal("Chain 'test_chain': circuit open on openai/gpt-4o; 1 request was served by a fallback since the last check.", first.Description);
        Assert.Equal(
            new[]
            {
                Entry("anthropic/claude", Closed),
                Entry("failed", 0L),
                Entry("fallbacks", 1L),
                Entry("fallbacksSinceLastCheck", 1L),
                Entry("finalFallbacks", 0L),
                Entry("openai/gpt-4o", "circuit=Open; enabled=true; consecutiveFailures=1; openUntil=2026-11-23T12:00:05.0000000+00:00"),
                Entry("requests", 1L),
                Entry("successful", 1L),
            },
            Sorted(first.Data));

        HealthReportEntry second = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal((HealthStatus.Degraded, "Chain 'test_chain': circuit open on openai/gpt-4o."), (second.Status, second.Description));
        Assert.Equal(0L, second.Data["fallbacksSinceLastCheck"]);

        f.Time.Advance(TimeSpan.FromSeconds(5));
        HealthReportEntry third = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal((HealthStatus.Degraded, "Chain 'test_chain': circuit half-open on openai/gpt-4o."), (third.Status, third.Description));
        Assert.StartsWith("circuit=HalfOpen; enabled=true; consecutiveFailures=1", (string)third.Data["openai/gpt-4o"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_enabled_circuit_open_is_unhealthy_and_a_disabled_model_does_not_count()
    {
        ChainFixture f = TwoModels();
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        var (services, chain) = WithChain(f);
        services.AddHealthChecks().AddFallbackChainHealthCheck("test_chain");
        using ServiceProvider provider = services.BuildServiceProvider();
        await Assert.ThrowsAsync<AllModelsFailedException>(() => chain.GetResponseAsync(ChainFixture.Prompt()));

        HealthReportEntry entry = await RunAsync(provider, "fallback:test_chain");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("Chain 'test_chain': every enabled model's circuit is open.", entry.Description);
        Assert.Equal("circuit=Open; enabled=true; consecutiveFailures=1; openUntil=2026-11-23T12:00:05.0000000+00:00", entry.Data["openai/gpt-4o"]);
        Assert.Equal("circuit=Open; enabled=true; consecutiveFailures=1; openUntil=2026-11-23T12:00:05.0000000+00:00", entry.Data["anthropic/claude"]);
        Assert.Equal((1L, 1L), ((long)entry.Data["requests"], (long)entry.Data["failed"]));

        // One model left usable (half-open after its cooldown), the other disabled: degraded, not unhealthy.
        f.Time.Advance(TimeSpan.FromSeconds(5));
        chain.DisableModel("anthropic", "claude");
        HealthReportEntry halfOpen = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal((HealthStatus.Degraded, "Chain 'test_chain': circuit half-open on openai/gpt-4o."), (halfOpen.Status, halfOpen.Description));
        Assert.StartsWith("circuit=HalfOpen; enabled=false;", (string)halfOpen.Data["anthropic/claude"], StringComparison.Ordinal);

        chain.DisableModel("openai", "gpt-4o");
        HealthReportEntry none = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal((HealthStatus.Unhealthy, "Chain 'test_chain': every model is disabled."), (none.Status, none.Description));
    }

    [Fact]
    public async Task Fallback_traffic_is_degraded_until_a_check_sees_no_new_fallback()
    {
        ChainFixture f = TwoModels(threshold: 3);
        f["openai"].Then(Steps.Throw(() => Steps.Status(503)));
        var (services, chain) = WithChain(f);
        services.AddHealthChecks().AddFallbackChainHealthCheck("test_chain");
        using ServiceProvider provider = services.BuildServiceProvider();
        await chain.GetResponseAsync(ChainFixture.Prompt()); // gpt-4o fails once (circuit stays closed), claude serves

        HealthReportEntry fellBack = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal((HealthStatus.Degraded, "Chain 'test_chain': 1 request was served by a fallback since the last check."), (fellBack.Status, fellBack.Description));
        Assert.Equal("circuit=Closed; enabled=true; consecutiveFailures=1", fellBack.Data["openai/gpt-4o"]);

        await chain.GetResponseAsync(ChainFixture.Prompt()); // gpt-4o serves again
        HealthReportEntry recovered = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
        Assert.Equal("Chain 'test_chain': every enabled model's circuit is closed and no request fell back since the last check.", recovered.Description);
        Assert.Equal((2L, 1L, 0L), ((long)recovered.Data["requests"], (long)recovered.Data["fallbacks"], (long)recovered.Data["fallbacksSinceLastCheck"]));
        Assert.Equal(Closed, recovered.Data["openai/gpt-4o"]);

        // Statistics reset between checks: new fallbacks count from zero.
        chain.ResetStats();
        f["openai"].Then(Steps.Throw(() => Steps.Status(503)));
        await chain.GetResponseAsync(ChainFixture.Prompt());
        HealthReportEntry afterReset = await RunAsync(provider, "fallback:test_chain");
        Assert.Equal((HealthStatus.Degraded, 1L), (afterReset.Status, (long)afterReset.Data["fallbacksSinceLastCheck"]));
    }

    [Fact]
    public async Task The_check_over_all_chains_reports_the_worst_with_prefixed_data_and_the_failure_status_given()
    {
        ChainFixture f = TwoModels();
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        var (services, chain) = WithChain(f);
        var healthy = new FallbackEngine("another_chain", [new ModelDescriptor("mistral", "large", client: "eu")], _ => new ScriptedChatClient("eu"), f.Options);
        services.AddSingleton<IFallbackChain>(healthy);
        services.AddHealthChecks().AddFallbackChainHealthChecks("chains", failureStatus: HealthStatus.Degraded, tags: ["ready"], timeout: TimeSpan.FromSeconds(2));
        using ServiceProvider provider = services.BuildServiceProvider();
        await Assert.ThrowsAsync<AllModelsFailedException>(() => chain.GetResponseAsync(ChainFixture.Prompt()));

        HealthReportEntry entry = await RunAsync(provider, "chains");

        Assert.Equal(HealthStatus.Degraded, entry.Status); // Unhealthy, reported as the failure status given
        Assert.Equal("chain 'test_chain' is Unhealthy: every enabled model's circuit is open.", entry.Description);
        Assert.Equal(["ready"], entry.Tags);
        Assert.Equal(("Unhealthy", "Healthy"), (entry.Data["test_chain:status"], entry.Data["another_chain:status"]));
        Assert.Equal(Closed, entry.Data["another_chain:mistral/large via eu"]);
        HealthCheckRegistration registration = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single();
        Assert.Equal(("chains", HealthStatus.Degraded, TimeSpan.FromSeconds(2)), (registration.Name, registration.FailureStatus, registration.Timeout));
    }

    [Fact]
    public async Task A_chain_that_cannot_be_read_is_unhealthy_in_the_check_over_all_chains_and_the_others_are_still_reported()
    {
        ChainFixture f = TwoModels();
        var (services, _) = WithChain(f);
        services.AddSingleton<IFallbackChain>(new BrokenChain());
        services.AddHealthChecks().AddFallbackChainHealthChecks();
        using ServiceProvider provider = services.BuildServiceProvider();

        HealthReportEntry entry = await RunAsync(provider, "fallback");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("chain 'broken' is Unhealthy: reading its state threw InvalidOperationException.", entry.Description);
        Assert.Equal(("Unhealthy", "Healthy", Closed), (entry.Data["broken:status"], entry.Data["test_chain:status"], entry.Data["test_chain:openai/gpt-4o"]));
        Assert.Null(entry.Exception);
    }

    [Fact]
    public async Task A_check_for_a_chain_that_is_not_registered_reports_the_failure_status_and_no_chain_at_all_is_healthy()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddFallbackChainHealthCheck("missing").AddFallbackChainHealthChecks();
        using ServiceProvider provider = services.BuildServiceProvider();

        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal((HealthStatus.Unhealthy, "No fallback chain named 'missing' is registered."), (report.Entries["fallback:missing"].Status, report.Entries["fallback:missing"].Description));
        Assert.Equal((HealthStatus.Healthy, "No fallback chain is registered."), (report.Entries["fallback"].Status, report.Entries["fallback"].Description));
    }
}
