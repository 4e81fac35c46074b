using System;
using Fallback.Runtime.Tests.Support;

namespace Fallback.Runtime.Tests.Policies;

public class RetryPolicyTests
{
    private static RetryPolicy Policy(double jitterDraw = 0.5, double jitter = 0.2)
        => new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3), jitter, TimeSpan.FromSeconds(10), new FixedRandom(jitterDraw));

    [Fact]
    public void A_trial_gets_one_attempt_and_a_model_its_retries_plus_one_as_overridden_at_run_time()
    {
        ModelDescriptor[] models = [new("openai", "gpt-4o", maxRetries: 2), new("anthropic", "claude", maxRetries: 2)];
        var options = new FallbackOptions();
        options.Models["anthropic/claude"] = new ModelOptions { MaxRetries = 0 };
        var settings = new EngineSettings("chain", options, models);
        var slots = new[] { new ModelSlot(0, models[0], new ScriptedChatClient("openai")), new ModelSlot(1, models[1], new ScriptedChatClient("anthropic")) };

        Assert.Equal(3, settings.AttemptsAllowed(slots[0], isTrial: false));
        Assert.Equal(1, settings.AttemptsAllowed(slots[0], isTrial: true));
        Assert.Equal(1, settings.AttemptsAllowed(slots[1], isTrial: false));
    }

    [Fact]
    public void The_last_allowed_attempt_moves_on_whatever_the_failure()
    {
        var transient = new FailureClassification(FailureKind.Transient);
        Assert.Equal(TimeSpan.FromMilliseconds(500), Policy().NextDelay(transient, attempt: 1, attemptsAllowed: 2));
        Assert.Null(Policy().NextDelay(transient, attempt: 2, attemptsAllowed: 2));
    }

    [Theory]
    [InlineData(FailureKind.ContextLengthExceeded)]
    [InlineData(FailureKind.Unauthorized)]
    [InlineData(FailureKind.ModelNotFound)]
    [InlineData(FailureKind.ClientError)]
    [InlineData(FailureKind.Unknown)]
    public void Failures_that_would_fail_again_are_not_retried(FailureKind kind)
        => Assert.Null(Policy().DelayBeforeRetry(new FailureClassification(kind), 1));

    [Fact]
    public void Retry_after_is_waited_exactly_up_to_its_cap_and_beyond_it_falls_back()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Policy().DelayBeforeRetry(new FailureClassification(FailureKind.RateLimited, 429, TimeSpan.FromSeconds(7)), 3));
        Assert.Equal(TimeSpan.FromSeconds(10), Policy().DelayBeforeRetry(new FailureClassification(FailureKind.RateLimited, 429, TimeSpan.FromSeconds(10)), 1));
        Assert.Null(Policy().DelayBeforeRetry(new FailureClassification(FailureKind.RateLimited, 429, TimeSpan.FromSeconds(11)), 1));
        Assert.Null(Policy().DelayBeforeRetry(new FailureClassification(FailureKind.RateLimited, 429), 1)); // no Retry-After: fall back
    }

    [Fact]
    public void Backoff_doubles_within_its_jitter_band_and_never_passes_the_cap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(400), Policy(jitterDraw: 0).Backoff(1));   // 500 × (1 − 0.2)
        Assert.Equal(TimeSpan.FromMilliseconds(1200), Policy(jitterDraw: 1).Backoff(2));  // 1000 × (1 + 0.2)
        Assert.Equal(TimeSpan.FromMilliseconds(2000), Policy(jitterDraw: 0.5).Backoff(3));
        Assert.Equal(TimeSpan.FromMilliseconds(2400), Policy(jitterDraw: 1).Backoff(3));  // 2000 × 1.2, under the cap
        Assert.Equal(TimeSpan.FromSeconds(3), Policy(jitterDraw: 1).Backoff(4));          // 4 s capped at 3 s, jitter never passes it
        Assert.Equal(TimeSpan.FromSeconds(3), Policy(jitterDraw: 0.5).Backoff(int.MaxValue));
        Assert.Equal(TimeSpan.FromMilliseconds(500), Policy(jitterDraw: 0.9, jitter: 0).Backoff(1));
    }
}
