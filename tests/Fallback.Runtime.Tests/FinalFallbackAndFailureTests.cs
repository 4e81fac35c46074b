using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class FinalFallbackAndFailureTests
{
    private static ChainFixture Failing()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.BaseDelay = TimeSpan.Zero;
        f.Options.FallBackOnContentFilter = true; // the filtered model is the last one: the chain is exhausted, not stopped
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f["anthropic"].Always(Steps.Throw(() => FakeResults.ClientError(400, FakeResults.ErrorBody("content_filter"))));
        return f;
    }

    [Fact]
    public async Task Exhausted_chain_reports_every_attempt_in_order_without_prompt_text()
    {
        var f = Failing();
        var engine = f.Build();

        var ex = await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt("my secret prompt")));

        Assert.Equal("test_chain", ex.ChainName);
        Assert.Collection(ex.Attempts,
            a => { Assert.Equal(("openai", "gpt-4o", 1, FailureKind.Transient, 503), (a.Provider, a.Model, a.AttemptNumber, a.Kind, a.StatusCode)); },
            a => { Assert.Equal(("openai", "gpt-4o", 2, FailureKind.Transient, 503), (a.Provider, a.Model, a.AttemptNumber, a.Kind, a.StatusCode)); },
            a => { Assert.Equal(("anthropic", "claude", 1, FailureKind.ContentFiltered, 400), (a.Provider, a.Model, a.AttemptNumber, a.Kind, a.StatusCode)); });
        Assert.All(ex.Attempts, a => Assert.NotNull(a.Exception));
        Assert.Equal("Every model of fallback chain 'test_chain' failed: openai/gpt-4o #1 Transient (503), #2 Transient (503); anthropic/claude #1 ContentFiltered (400).", ex.Message);
        Assert.DoesNotContain("secret", ex.Message);
        Assert.DoesNotContain("provider says no", ex.Message);
        Assert.Same(ex.Attempts[^1].Exception, ex.InnerException);

        FallbackStats stats = engine.GetStats();
        Assert.Equal(1, stats.FailedRequests);
        Assert.Equal(1, stats.TotalRequests);
        Assert.Equal(1, stats.FallbackCount);
        Assert.Equal(0.0, stats.SuccessRate);
    }

    [Fact]
    public async Task Final_fallback_answers_with_the_failure_in_hand()
    {
        var f = Failing();
        AllModelsFailedException? seen = null;
        IEnumerable<ChatMessage>? seenMessages = null;
        f.FinalFallback = (messages, failure, ct) =>
        {
            seen = failure;
            seenMessages = messages;
            return new ValueTask<ChatResponse>(new ChatResponse(new ChatMessage(ChatRole.Assistant, "The service is busy.")));
        };
        var engine = f.Build();
        List<ChatMessage> prompt = ChainFixture.Prompt();

        ChatResponse response = await engine.GetResponseAsync(prompt);

        Assert.Equal("The service is busy.", response.Text);
        Assert.Equal("fallback/final", response.AdditionalProperties!["fallback.model"]);
        Assert.Equal(2, response.AdditionalProperties["fallback.level"]);
        Assert.Equal(3, seen!.Attempts.Count);
        Assert.Same(prompt, seenMessages);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(1, stats.FinalFallbackCount);
        Assert.Equal(1, stats.FailedRequests);
        Assert.Equal(0, stats.SuccessfulRequests);
    }

    [Fact]
    public async Task Every_model_disabled_goes_straight_to_the_final_answer()
    {
        var f = Failing();
        var engine = f.Build();
        engine.DisableModel("openai", "gpt-4o");
        engine.DisableModel("anthropic", "claude");

        var ex = await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));

        Assert.Empty(ex.Attempts);
        Assert.Contains("no enabled model", ex.Message);
        Assert.Equal(0, f["openai"].Calls + f["anthropic"].Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Caller_cancelling_during_the_final_fallback_counts_the_request_once_as_cancelled(bool streaming)
    {
        var f = Failing();
        f["openai"].Stream = (_, ct) => Steps.Updates([], finish: false, thenThrow: Steps.Status(503), cancellationToken: ct);
        f["anthropic"].Stream = (_, ct) => Steps.Updates([], finish: false, thenThrow: FakeResults.ClientError(400, FakeResults.ErrorBody("content_filter")), cancellationToken: ct);
        using var cts = new CancellationTokenSource();
        f.FinalFallback = (_, _, ct) =>
        {
            cts.Cancel();
            return ValueTask.FromCanceled<ChatResponse>(ct);
        };
        var engine = f.Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            if (streaming)
            {
                await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt(), null, cts.Token))
                {
                }
            }
            else
            {
                await engine.GetResponseAsync(ChainFixture.Prompt(), null, cts.Token);
            }
        });

        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 0L, 0L, 0L), (stats.CancelledRequests, stats.FailedRequests, stats.SuccessfulRequests, stats.FinalFallbackCount));
        Assert.Equal(3, stats.Models.Sum(m => m.Failures)); // the models' failures stand; the request is not one more
    }

    [Fact]
    public async Task Disabling_a_model_mid_request_lets_the_request_finish_and_affects_the_next()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f["openai"].Then(Steps.Gate(gate, "in flight", entered));
        var engine = f.Build();

        Task<ChatResponse> inFlight = engine.GetResponseAsync(ChainFixture.Prompt());
        await entered.Task;
        engine.DisableModel("openai", "gpt-4o");
        ChatResponse next = await engine.GetResponseAsync(ChainFixture.Prompt());
        gate.SetResult();

        Assert.Equal("in flight", (await inFlight).Text);
        Assert.Equal("anthropic", next.Text);
        Assert.Equal(1, f["openai"].Calls);
        Assert.False(engine.Models.Single(m => m.Provider == "openai").Enabled);
    }

    [Fact]
    public void Unknown_model_in_management_calls_is_a_clear_error()
    {
        var engine = Failing().Build();
        var ex = Assert.Throws<ArgumentException>(() => engine.DisableModel("openai", "gpt-5"));
        Assert.Contains("openai/gpt-5", ex.Message);
        Assert.Contains("openai/gpt-4o, anthropic/claude", ex.Message);
    }

    [Fact]
    public async Task ResetStats_zeroes_every_counter()
    {
        var f = Failing();
        var engine = f.Build();
        await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));
        engine.ResetStats();
        FallbackStats stats = engine.GetStats();
        Assert.Equal(0, stats.TotalRequests + stats.FallbackCount + stats.CancelledRequests);
        Assert.All(stats.Models, m => Assert.Equal(0, m.Attempts + m.Failures + m.Served));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_client_answering_null_has_failed_its_attempt_and_the_next_model_serves(bool atOnce)
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2));
        f["openai"].Always(atOnce ? (_, _) => Task.FromResult<ChatResponse>(null!) : async (_, _) => { await Task.Yield(); return null!; });
        f["anthropic"].Always(Steps.Reply("from claude"));
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("from claude", response.Text);
        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 1, 0), (stats.TotalRequests, stats.SuccessfulRequests, stats.FailedRequests));
        Assert.Equal((1, 0), (stats.Models[0].Failures, stats.Models[0].Served));
    }

    [Fact]
    public async Task A_stream_yielding_a_null_update_before_output_falls_back()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2));
        f["openai"].Stream = (_, _) => NullUpdates();
        f["anthropic"].Stream = (_, ct) => Steps.Updates(["from claude"], finish: true, cancellationToken: ct);
        var engine = f.Build();

        var text = new System.Text.StringBuilder();
        await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
        {
            text.Append(update.Text);
        }

        Assert.Equal("from claude", text.ToString());
        Assert.Equal(1, engine.GetStats().Models[0].Failures);

        static async IAsyncEnumerable<ChatResponseUpdate> NullUpdates()
        {
            await Task.Yield();
            yield return null!;
        }
    }

    [Fact]
    public async Task The_exhausted_chain_names_the_models_it_skipped_and_why()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, contextWindow: 128_000),
            new ModelDescriptor("openai", "gpt-4o-mini", priority: 2, contextWindow: 64_000, client: "mini"),
            new ModelDescriptor("anthropic", "claude", priority: 3),
            new ModelDescriptor("deepseek", "chat", priority: 4));
        f.Options.CircuitBreakerThreshold = 1;
        f["openai"].Always(Steps.Throw(() => FakeResults.ClientError(400, FakeResults.ErrorBody("context_length_exceeded"))));
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();
        engine.DisableModel("deepseek", "chat");
        await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));
        Assert.Equal(CircuitState.Open, engine.Models[2].Circuit);

        var ex = await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));

        Assert.Equal(
            [new SkippedModel("openai", "gpt-4o-mini", "mini", SkipReason.ContextWindow), new SkippedModel("anthropic", "claude", "anthropic", SkipReason.CircuitOpen), new SkippedModel("deepseek", "chat", "deepseek", SkipReason.Disabled)],
            ex.Skipped);
        Assert.Equal(
            "Every model of fallback chain 'test_chain' failed: openai/gpt-4o #1 ContextLengthExceeded (400); skipped: openai/gpt-4o-mini via mini (context window too small), anthropic/claude (circuit open), deepseek/chat (disabled).",
            ex.Message);
    }
}
