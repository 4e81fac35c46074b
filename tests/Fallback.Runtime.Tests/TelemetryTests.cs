using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Fallback.Runtime.Tests;

// Meters and listeners are process-wide: while a listener is on, every engine in the process leaves the fast path (the
// concurrency test's race would go untested) and the collectors see other tests' measurements. So these run alone.
[Collection(nameof(TelemetryTests))]
public class TelemetryTests
{
    private static ChainFixture Chain(string name)
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        return f;
    }

    private static FallbackEngine Build(ChainFixture f, string name) => new(name, f.Models, key => f.Clients[key], f.Options, f.FinalFallback);

    /// <summary>Records every stopped Fallback activity into <paramref name="stopped"/> (lock it to read).</summary>
    private static ActivityListener ListenToActivities(List<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == FallbackTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (stopped) { stopped.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static Activity RequestActivity(List<Activity> stopped, string operation, string chain)
    {
        lock (stopped)
        {
            return Assert.Single(stopped, a => a.OperationName == operation && (string?)a.GetTagItem("fallback.chain") == chain);
        }
    }

    [Fact]
    public async Task Metrics_count_requests_attempts_and_fallbacks_with_gen_ai_tags()
    {
        var f = Chain("metrics_chain");
        using var requests = new MetricCollector<long>(null, FallbackTelemetry.Name, "fallback.requests");
        using var attempts = new MetricCollector<long>(null, FallbackTelemetry.Name, "fallback.attempts");
        using var fallbacks = new MetricCollector<long>(null, FallbackTelemetry.Name, "fallback.fallbacks");
        using var duration = new MetricCollector<double>(null, FallbackTelemetry.Name, "fallback.request.duration");
        var engine = Build(f, "metrics_chain");

        await engine.GetResponseAsync(ChainFixture.Prompt());

        var request = Assert.Single(requests.GetMeasurementSnapshot(), m => (string?)m.Tags["fallback.chain"] == "metrics_chain");
        Assert.Equal("success", request.Tags["fallback.outcome"]);

        var mine = attempts.GetMeasurementSnapshot().Where(m => (string?)m.Tags["fallback.chain"] == "metrics_chain").ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal(("openai", "gpt-4o", "failure", "transient"),
            ((string?)mine[0].Tags["gen_ai.provider.name"], (string?)mine[0].Tags["gen_ai.request.model"], (string?)mine[0].Tags["fallback.outcome"], (string?)mine[0].Tags["error.type"]));
        Assert.Equal(("anthropic", "success"), ((string?)mine[1].Tags["gen_ai.provider.name"], (string?)mine[1].Tags["fallback.outcome"]));

        var fallback = Assert.Single(fallbacks.GetMeasurementSnapshot(), m => (string?)m.Tags["fallback.chain"] == "metrics_chain");
        Assert.Equal("gpt-4o", fallback.Tags["gen_ai.request.model"]);

        var d = Assert.Single(duration.GetMeasurementSnapshot(), m => (string?)m.Tags["fallback.chain"] == "metrics_chain");
        Assert.Equal("claude", d.Tags["gen_ai.response.model"]);
        Assert.True(d.Value >= 0);
    }

    [Fact]
    public async Task Logs_name_models_and_kinds_but_never_prompt_or_provider_text()
    {
        var f = Chain("log_chain");
        f["anthropic"].Always(Steps.Throw(() => FakeResults.ClientError(400, FakeResults.ErrorBody("content_filter", "your text: my secret prompt"))));
        f.Options.FallBackOnContentFilter = true;
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        f.Options.LoggerFactory = factory;
        var engine = Build(f, "log_chain");

        await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt("my secret prompt")));

        IReadOnlyList<FakeLogRecord> logs = collector.GetSnapshot();
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.Contains("openai/gpt-4o failed: Transient (status 503"));
        Assert.Contains(logs, r => r.Message.Contains("anthropic/claude failed: ContentFiltered"));
        Assert.Contains(logs, r => r.Level == LogLevel.Error && r.Message.Contains("every model failed after 2 attempt(s)"));
        Assert.All(logs, r => Assert.DoesNotContain("secret", r.Message));
        Assert.All(logs, r => Assert.Null(r.Exception)); // exception messages can carry provider or prompt text
    }

    [Fact]
    public async Task A_failure_without_a_status_is_logged_without_an_empty_status_slot()
    {
        // A timeout carries no HTTP status: the message names the exception type alone, never "(status , ...)". Both
        // shapes are the one AttemptFailed event (id 1), so a filter on it sees timeouts and HTTP failures alike.
        var f = Chain("no_status_log_chain");
        f["openai"].Always(Steps.Throw(() => new TimeoutException("no answer")));
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        f.Options.LoggerFactory = factory;
        var engine = Build(f, "no_status_log_chain");

        await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));

        FakeLogRecord[] failed = collector.GetSnapshot().Where(static r => r.Id.Id == 1).ToArray();
        Assert.Equal(2, failed.Length);
        Assert.Equal("Chain no_status_log_chain: attempt 1 on openai/gpt-4o failed: Timeout (TimeoutException).", failed[0].Message);
        Assert.Equal("Chain no_status_log_chain: attempt 1 on anthropic/claude failed: Transient (status 503, HttpFailure).", failed[1].Message);
        Assert.All(failed, static r => Assert.Equal(("AttemptFailed", LogLevel.Warning), (r.Id.Name, r.Level)));
        Assert.Null(failed[0].GetStructuredStateValue("Status"));
        Assert.Equal("503", failed[1].GetStructuredStateValue("Status"));
    }

    [Fact]
    public async Task Logs_tell_the_failure_before_the_circuit_it_opened_and_falling_back_only_toward_a_model()
    {
        // Issue 14: "circuit opened" came before the failure that opened it, and "falling back from" was logged for the
        // last model (and counted in fallback.fallbacks) when there was nothing left to fall back to.
        var f = Chain("log_order_chain");
        f.Options.CircuitBreakerThreshold = 1;
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace));
        f.Options.LoggerFactory = factory;
        using var fallbacks = new MetricCollector<long>(null, FallbackTelemetry.Name, "fallback.fallbacks");
        var engine = Build(f, "log_order_chain");

        await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));

        string[] events = collector.GetSnapshot().Select(static r => r.Id.Name + " " + r.Message).ToArray();
        Assert.Equal(
        [
            "AttemptFailed Chain log_order_chain: attempt 1 on openai/gpt-4o failed: Transient (status 503, HttpFailure).",
            "CircuitOpened Chain log_order_chain: circuit opened for openai/gpt-4o after 1 consecutive failures; skipped for 5000 ms.",
            "FallingBack Chain log_order_chain: falling back from openai/gpt-4o after Transient.",
            "AttemptFailed Chain log_order_chain: attempt 1 on anthropic/claude failed: Transient (status 503, HttpFailure).",
            "CircuitOpened Chain log_order_chain: circuit opened for anthropic/claude after 1 consecutive failures; skipped for 5000 ms.",
            "AllModelsFailed Chain log_order_chain: every model failed after 2 attempt(s).",
        ], events);
        var left = Assert.Single(fallbacks.GetMeasurementSnapshot(), m => (string?)m.Tags["fallback.chain"] == "log_order_chain");
        Assert.Equal("gpt-4o", left.Tags["gen_ai.request.model"]);
    }

    [Fact]
    public async Task Activities_trace_the_request_and_each_attempt()
    {
        var f = Chain("trace_chain");
        var stopped = new List<Activity>();
        using ActivityListener listener = ListenToActivities(stopped);
        var engine = Build(f, "trace_chain");

        await engine.GetResponseAsync(ChainFixture.Prompt());

        Activity request = RequestActivity(stopped, "fallback.request", "trace_chain");
        Assert.Equal("claude", request.GetTagItem("gen_ai.response.model"));
        Assert.Equal(1, request.GetTagItem("fallback.level"));
        List<Activity> children;
        lock (stopped)
        {
            children = stopped.Where(a => a.ParentSpanId == request.SpanId).ToList();
        }

        Assert.Equal(2, children.Count);
        Assert.Equal(ActivityStatusCode.Error, children[0].Status);
        Assert.Equal("transient", children[0].GetTagItem("error.type"));
        Assert.All(children.Concat([request]), a => Assert.DoesNotContain(a.TagObjects, t => t.Value is string s && s.Contains("secret")));
    }

    [Fact]
    public async Task A_stream_that_carried_no_content_still_tags_its_activity_with_the_level()
    {
        // The held-back, content-less updates of a complete stream are delivered at its end: the same commit step as
        // a stream with content, so the request's activity says which level served either way.
        var f = Chain("contentless_stream_chain");
        f.Options.RequireFinishReason = false;
        f["openai"].Stream = (_, ct) => Steps.Updates([], finish: false, thenThrow: Steps.Status(503), cancellationToken: ct);
        f["anthropic"].Stream = (_, _) => ContentLess();
        var stopped = new List<Activity>();
        using ActivityListener listener = ListenToActivities(stopped);
        var engine = Build(f, "contentless_stream_chain");

        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
        {
            updates.Add(update);
        }

        Assert.Equal("anthropic/claude", Assert.Single(updates).AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, RequestActivity(stopped, "fallback.stream", "contentless_stream_chain").GetTagItem("fallback.level"));

        static async IAsyncEnumerable<ChatResponseUpdate> ContentLess()
        {
            await Task.Yield();
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant };
        }
    }
}

/// <summary>Runs <see cref="TelemetryTests"/> after the parallel classes, never beside them.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection
{
}
