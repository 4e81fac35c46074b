using System;
using System.Net.Http;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests.Policies;

public class SettingsAndCountersTests
{
    [Fact]
    public void Settings_are_a_snapshot_later_changes_to_the_options_do_not_reach()
    {
        var options = new FallbackOptions { AttemptTimeout = TimeSpan.FromSeconds(5), StampResponses = true };
        ModelDescriptor[] models = [new("a", "own", attemptTimeoutMs: 1_000), new("b", "default")];
        var settings = new EngineSettings("chain", options, models);
        var slots = new[] { new ModelSlot(0, models[0], new ScriptedChatClient("a")), new ModelSlot(1, models[1], new ScriptedChatClient("b")) };

        options.AttemptTimeout = TimeSpan.FromSeconds(9);
        options.StampResponses = false;

        Assert.Equal(TimeSpan.FromSeconds(1), settings.AttemptTimeout(slots[0]));
        Assert.Equal(TimeSpan.FromSeconds(5), settings.AttemptTimeout(slots[1]));
        Assert.True(settings.StampResponses);
        Assert.True(settings.CanUseFastPath);
        Assert.False(new EngineSettings("chain", new FallbackOptions { RequestTimeout = TimeSpan.FromSeconds(1) }, models).CanUseFastPath);
        Assert.False(new EngineSettings("chain", new FallbackOptions { FlowAttemptContext = true }, models).CanUseFastPath);
    }

    [Fact]
    public void Settings_refuse_invalid_options()
        => Assert.Throws<ArgumentException>(() => new EngineSettings("chain", new FallbackOptions { JitterFactor = 2 }, [new ModelDescriptor("a", "b")]));

    [Fact]
    public void Request_counters_count_each_outcome_once_and_a_cancelled_request_is_no_fallback()
    {
        var counters = new RequestCounters();
        counters.OnCompleted(RequestOutcome.Success, fellBack: true);
        counters.OnCompleted(RequestOutcome.Failure, fellBack: false);
        counters.OnCompleted(RequestOutcome.FinalFallback, fellBack: true);
        counters.OnCompleted(RequestOutcome.Cancelled, fellBack: true);

        Assert.Equal((2, 1, 1, 2), (counters.Failed, counters.FinalFallbacks, counters.Cancelled, counters.Fallbacks));
        counters.Reset();
        Assert.Equal((0, 0, 0, 0), (counters.Failed, counters.FinalFallbacks, counters.Cancelled, counters.Fallbacks));
    }

    [Fact]
    public void Model_counters_derive_attempts_from_failures_and_served()
    {
        var counters = new ModelCounters();
        counters.OnServed(TimeSpan.FromMilliseconds(30));
        counters.OnFailed(TimeSpan.FromMilliseconds(10));
        ModelStats stats = counters.Snapshot(new ModelDescriptor("openai", "gpt-4o", client: "openai-eu"));

        Assert.Equal(("openai", "gpt-4o", "openai-eu", 2L, 1L, 1L), (stats.Provider, stats.Model, stats.Client, stats.Attempts, stats.Failures, stats.Served));
        Assert.Equal(TimeSpan.FromMilliseconds(20), stats.AverageLatency);
    }

    [Fact]
    public void Classifiers_are_asked_in_order_before_the_built_in_one_and_the_attempt_context_fills_gaps()
    {
        var chain = new ClassifierChain([new Teapot()], FailureClassifier.Default);
        Assert.Equal(FailureKind.Forbidden, chain.Classify(new InvalidTimeZoneException("teapot"), null).Kind);

        var context = new FallbackAttemptContext { StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(2) };
        FailureClassification limited = chain.Classify(new HttpRequestException("HTTP 429", null, System.Net.HttpStatusCode.TooManyRequests), context);
        Assert.Equal((FailureKind.RateLimited, 429, TimeSpan.FromSeconds(2)), (limited.Kind, limited.StatusCode, limited.RetryAfter));
    }

    private sealed class Teapot : IFailureClassifier
    {
        public bool TryClassify(Exception exception, out FailureClassification classification)
        {
            classification = new FailureClassification(FailureKind.Forbidden);
            return exception is InvalidTimeZoneException;
        }
    }
}
