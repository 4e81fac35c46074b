using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class StreamContinuationTests
{
    private static ChainFixture Chain(params ModelDescriptor[] models)
    {
        var f = new ChainFixture(models);
        f.Options.BaseDelay = TimeSpan.Zero;
        f.Options.StreamRecovery = StreamRecovery.Continue;
        return f;
    }

    private static async Task<(string Text, List<ChatResponseUpdate> Updates)> Read(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in stream)
        {
            updates.Add(update);
        }

        return (string.Concat(updates.Select(u => u.Text)), updates);
    }

    private static IAsyncEnumerable<ChatResponseUpdate> Cut(string[] texts) => Steps.Updates(texts, finish: false, thenThrow: new IOException("connection reset"));

    [Fact]
    public async Task A_cut_stream_is_continued_on_the_same_model_from_the_text_delivered_as_a_prefill()
    {
        var f = Chain(new ModelDescriptor("anthropic", "claude", priority: 1, maxRetries: 1, supportsPrefill: true));
        int call = 0;
        f["anthropic"].Stream = (_, ct) => ++call == 1 ? Cut(["The quick ", "brown "]) : Steps.Updates(["fox."], finish: true, cancellationToken: ct);
        var engine = f.Build();

        (string text, List<ChatResponseUpdate> updates) = await Read(engine.GetStreamingResponseAsync(ChainFixture.Prompt("write")));

        Assert.Equal("The quick brown fox.", text); // one whole answer, nothing repeated
        ChatMessage[] continued = f["anthropic"].ReceivedStreamMessages.Last();
        Assert.Equal(("write", ChatRole.User), (continued[0].Text, continued[0].Role));
        Assert.Equal((ChatRole.Assistant, "The quick brown "), (continued[^1].Role, continued[^1].Text));
        Assert.Equal(1, updates.Count(u => u.AdditionalProperties?.ContainsKey("fallback.model") == true)); // stamped once
        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 0), (stats.SuccessfulRequests, stats.FailedRequests));
    }

    [Fact]
    public async Task A_model_that_takes_no_prefill_is_skipped_and_the_next_that_does_continues()
    {
        var f = Chain(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2),
            new ModelDescriptor("openai", "gpt-4o-mini", priority: 2, client: "mini"),
            new ModelDescriptor("anthropic", "claude", priority: 3, supportsPrefill: true));
        f["openai"].Stream = (_, _) => Cut(["Hello, "]);
        f["mini"].Stream = (_, ct) => Steps.Updates(["never"], finish: true, cancellationToken: ct);
        f["anthropic"].Stream = (_, ct) => Steps.Updates(["world."], finish: true, cancellationToken: ct);
        var engine = f.Build();

        (string text, _) = await Read(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));

        Assert.Equal("Hello, world.", text);
        Assert.Equal((1, 0, 1), (f["openai"].Calls, f["mini"].Calls, f["anthropic"].Calls)); // no retry without prefill support
        Assert.Equal("Hello, ", f["anthropic"].ReceivedStreamMessages.Single()[^1].Text);
    }

    [Fact]
    public async Task A_prefill_rejection_is_never_the_error_the_caller_sees_the_original_cut_is()
    {
        // failoverbench S14 / LiteLLM #27967: the fallback rejects an assistant-last request with a 400.
        var f = Chain(
            new ModelDescriptor("openai", "gpt-4o", priority: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2, supportsPrefill: true));
        f["openai"].Stream = (_, _) => Cut(["forty ", "tokens "]);
        f["anthropic"].Stream = (_, _) => throw FakeResults.ClientError(400, FakeResults.ErrorBody("invalid_request_error", "assistant prefill is not supported"));
        var engine = f.Build();

        var received = new List<string>();
        var cut = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(("openai", "gpt-4o", FailureKind.Transient, 2), (cut.Provider, cut.Model, cut.Kind, cut.UpdatesDelivered));
        Assert.IsType<IOException>(cut.InnerException);
        Assert.Equal(["forty ", "tokens "], received);
        Assert.Equal(1, f["anthropic"].Calls);
        Assert.Equal((0, 1), (engine.GetStats().SuccessfulRequests, engine.GetStats().FailedRequests));
    }

    [Fact]
    public async Task Without_a_prefill_capable_model_the_caller_gets_the_original_cut_and_no_final_fallback()
    {
        var f = Chain(new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2), new ModelDescriptor("anthropic", "claude", priority: 2));
        f.FinalFallback = (_, _, _) => ValueTask.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "busy")));
        f["openai"].Stream = (_, _) => Cut(["partial"]);
        f["anthropic"].Stream = (_, ct) => Steps.Updates(["x"], finish: true, cancellationToken: ct);
        var engine = f.Build();

        var cut = await Assert.ThrowsAsync<StreamInterruptedException>(() => Read(engine.GetStreamingResponseAsync(ChainFixture.Prompt())));

        Assert.Equal(("gpt-4o", 1), (cut.Model, cut.UpdatesDelivered));
        Assert.Equal((1, 0), (f["openai"].Calls, f["anthropic"].Calls));
        Assert.Equal(0, engine.GetStats().FinalFallbackCount);
    }
}
