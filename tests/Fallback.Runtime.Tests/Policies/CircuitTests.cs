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

    private long Until => (_clock.GetUtcNow() + Cooldown).UtcTicks;

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
        Assert.True(circuit.Open(Until, isTrial: false));
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
    public void Opening_says_whether_this_call_opened_it()
    {
        var circuit = new CircuitBreaker();
        Assert.True(circuit.Open(Until, isTrial: false));
        Assert.False(circuit.Open(Until, isTrial: false)); // already open: the cooldown moves, nothing new opened
        Assert.True(circuit.Open(Until, isTrial: true));   // a failed trial reopens it
    }

    [Fact]
    public async Task Exactly_one_of_many_concurrent_requests_wins_the_half_open_trial()
    {
        var circuit = new CircuitBreaker();
        circuit.Open(Until, isTrial: false);
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
    public void The_rule_counts_only_failures_of_the_model_and_opens_at_its_threshold()
    {
        var rule = new ConsecutiveFailuresRule();
        Assert.False(rule.OnFailure(FailureKind.ContextLengthExceeded, isTrial: false, threshold: 1));
        Assert.False(rule.OnFailure(FailureKind.ContentFiltered, isTrial: false, threshold: 1));
        Assert.False(rule.OnFailure(FailureKind.ClientError, isTrial: false, threshold: 1));
        Assert.Equal(0, rule.Count);

        Assert.False(rule.OnFailure(FailureKind.Transient, isTrial: false, threshold: 3));
        Assert.False(rule.OnFailure(FailureKind.Timeout, isTrial: false, threshold: 3));
        Assert.True(rule.OnFailure(FailureKind.RateLimited, isTrial: false, threshold: 3));
        Assert.Equal(3, rule.Count);

        rule.OnSuccess();
        Assert.Equal(0, rule.Count);
        Assert.True(rule.OnFailure(FailureKind.Transient, isTrial: true, threshold: 3)); // a failed trial reopens at once
        Assert.False(rule.OnFailure(FailureKind.Transient, isTrial: true, threshold: 0)); // 0: the breaker is off
    }

    [Fact]
    public void Health_opens_the_circuit_at_the_threshold_and_a_served_trial_closes_it()
    {
        var health = new ModelHealth(enabled: true);
        Assert.False(health.OnFailure(FailureKind.Transient, false, threshold: 2, _clock, Cooldown));
        Assert.True(health.OnFailure(FailureKind.Transient, false, threshold: 2, _clock, Cooldown));
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
        health.OnFailure(FailureKind.Transient, false, threshold: 1, _clock, Cooldown);
        _clock.Advance(Cooldown);
        Assert.True(health.TryEnter(_clock, out bool isTrial));

        Assert.False(health.OnFailure(FailureKind.ContextLengthExceeded, isTrial, threshold: 1, _clock, Cooldown));
        Assert.Equal(CircuitState.HalfOpen, health.GetCircuit(_clock.GetUtcNow().UtcTicks, out _));
        Assert.True(health.TryEnter(_clock, out isTrial));
        Assert.True(isTrial);
    }
}
