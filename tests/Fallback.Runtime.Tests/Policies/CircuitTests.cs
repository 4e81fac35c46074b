using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Fallback.Runtime.Tests.Policies;

public class CircuitTests
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));

    private static readonly TimeSpan MaxCooldown = TimeSpan.FromMinutes(2);

    private EngineSettings SettingsOnClock(int threshold) => new("circuit", new FallbackOptions { CircuitBreakerThreshold = threshold, CircuitBreakerCooldown = Cooldown, CircuitBreakerMaxCooldown = MaxCooldown, TimeProvider = _clock }, [new ModelDescriptor("a", "b")]);

    [Fact]
    public void A_closed_circuit_admits_every_request_and_none_is_a_trial()
    {
        var circuit = new CircuitBreaker();
        Assert.True(circuit.TryEnter(_clock, out bool isTrial));
        Assert.False(isTrial);
        Assert.Equal(CircuitState.Closed, circuit.GetState(_clock.GetUtcNow().UtcTicks, out DateTimeOffset? openUntil));
        Assert.Null(openUntil);
    }

    [Fact]
    public void An_open_circuit_admits_nobody_until_its_cooldown_ends_then_one_trial()
    {
        var circuit = new CircuitBreaker();
        Assert.NotNull(circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: false));
        Assert.False(circuit.TryEnter(_clock, out _));
        Assert.Equal(CircuitState.Open, circuit.GetState(_clock.GetUtcNow().UtcTicks, out _));

        _clock.Advance(Cooldown);
        Assert.Equal(CircuitState.HalfOpen, circuit.GetState(_clock.GetUtcNow().UtcTicks, out _));
        Assert.True(circuit.TryEnter(_clock, out bool isTrial));
        Assert.True(isTrial);
        Assert.False(circuit.TryEnter(_clock, out _)); // the trial is taken

        circuit.ReleaseTrial(isTrial); // cancelled: no verdict, the next request gets the trial
        Assert.True(circuit.TryEnter(_clock, out isTrial));
        Assert.True(isTrial);

        circuit.Close(isTrial);
        Assert.True(circuit.IsClosed);
        Assert.True(circuit.TryEnter(_clock, out isTrial));
        Assert.False(isTrial);
    }

    [Fact]
    public void Opening_says_whether_this_call_opened_it_and_failed_trials_grow_the_cooldown_to_its_cap()
    {
        var circuit = new CircuitBreaker();
        Assert.Equal(Cooldown, circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: false));
        Assert.Null(circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: false)); // already open: the cooldown moves, nothing new opened
        Assert.Equal(TimeSpan.FromSeconds(60), circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: true));   // a failed trial reopens it, for longer
        Assert.Equal(TimeSpan.FromSeconds(120), circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: true));
        Assert.Equal(TimeSpan.FromSeconds(120), circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: true)); // capped
        Assert.Equal(_clock.GetUtcNow().AddMinutes(2), circuit.GetState(_clock.GetUtcNow().UtcTicks, out DateTimeOffset? until) == CircuitState.Open ? until : null);

        circuit.Close(isTrial: true); // a served trial closes it and the growth starts over
        Assert.Equal(Cooldown, circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: false));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 120)]
    [InlineData(1000, 120)]
    public void Cooldowns_double_per_failed_trial_up_to_the_cap(int failedTrials, int seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), CircuitBreaker.Cooldown(Cooldown, MaxCooldown, failedTrials));

    [Fact]
    public async Task Exactly_one_of_many_concurrent_requests_wins_the_half_open_trial()
    {
        var circuit = new CircuitBreaker();
        circuit.Open(_clock, Cooldown, MaxCooldown, isTrial: false);
        _clock.Advance(Cooldown);
        int trials = 0, admitted = 0;
        using var start = new Barrier(4);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 10_000; i++)
            {
                if (circuit.TryEnter(_clock, out bool isTrial))
                {
                    Interlocked.Increment(ref admitted);
                    if (isTrial)
                    {
                        Interlocked.Increment(ref trials);
                    }
                }
            }
        })));

        Assert.Equal(1, trials);
        Assert.Equal(1, admitted);
    }

    [Fact]
    public void The_rule_counts_failed_requests_on_the_model_not_its_retries_and_opens_at_its_threshold()
    {
        var rule = new ConsecutiveFailuresRule();
        Assert.False(rule.OnFailure(FailureKind.ContextLengthExceeded, isTrial: false, leaving: true, threshold: 1));
        Assert.False(rule.OnFailure(FailureKind.ContentFiltered, isTrial: false, leaving: true, threshold: 1));
        Assert.False(rule.OnFailure(FailureKind.ClientError, isTrial: false, leaving: true, threshold: 1));
        Assert.Equal(0, rule.Count);

        // One request: two retried attempts and its last; only the last counts.
        Assert.False(rule.OnFailure(FailureKind.Transient, isTrial: false, leaving: false, threshold: 1));
        Assert.False(rule.OnFailure(FailureKind.Transient, isTrial: false, leaving: false, threshold: 1));
        Assert.Equal(0, rule.Count);

        Assert.False(rule.OnFailure(FailureKind.Transient, isTrial: false, leaving: true, threshold: 3));
        Assert.False(rule.OnFailure(FailureKind.Timeout, isTrial: false, leaving: true, threshold: 3));
        Assert.True(rule.OnFailure(FailureKind.RateLimited, isTrial: false, leaving: true, threshold: 3));
        Assert.Equal(3, rule.Count);

        rule.OnSuccess();
        Assert.Equal(0, rule.Count);
        Assert.True(rule.OnFailure(FailureKind.Transient, isTrial: true, leaving: true, threshold: 3)); // a failed trial reopens at once
        Assert.False(rule.OnFailure(FailureKind.Transient, isTrial: true, leaving: true, threshold: 0)); // 0: the breaker is off
    }

    [Fact]
    public void Health_opens_the_circuit_at_the_threshold_and_a_served_trial_closes_it()
    {
        var health = new ModelHealth(enabled: true);
        Assert.Null(health.OnFailure(FailureKind.Transient, false, leaving: true, SettingsOnClock(2)));
        Assert.Equal(Cooldown, health.OnFailure(FailureKind.Transient, false, leaving: true, SettingsOnClock(2)));
        Assert.Equal(CircuitState.Open, health.GetCircuit(_clock.GetUtcNow().UtcTicks, out DateTimeOffset? until));
        Assert.Equal(_clock.GetUtcNow() + Cooldown, until);

        _clock.Advance(Cooldown);
        Assert.True(health.TryEnter(_clock, out bool isTrial));
        Assert.True(isTrial);
        health.OnSuccess(isTrial);
        Assert.Equal(CircuitState.Closed, health.GetCircuit(_clock.GetUtcNow().UtcTicks, out _));
        Assert.Equal(0, health.ConsecutiveFailures);
    }

    [Fact]
    public void A_trial_failing_for_the_prompt_gives_the_trial_back_and_leaves_the_circuit_half_open()
    {
        var health = new ModelHealth(enabled: true);
        health.OnFailure(FailureKind.Transient, false, leaving: true, SettingsOnClock(1));
        _clock.Advance(Cooldown);
        Assert.True(health.TryEnter(_clock, out bool isTrial));

        Assert.Null(health.OnFailure(FailureKind.ContextLengthExceeded, isTrial, leaving: true, SettingsOnClock(1)));
        Assert.Equal(CircuitState.HalfOpen, health.GetCircuit(_clock.GetUtcNow().UtcTicks, out _));
        Assert.True(health.TryEnter(_clock, out isTrial));
        Assert.True(isTrial);
    }
}
