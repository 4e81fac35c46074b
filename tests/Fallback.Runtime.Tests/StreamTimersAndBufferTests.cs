using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class StreamTimersAndBufferTests
{
    private static ChainFixture TwoModels(int primaryRetries = 2) => StreamingTests.TwoModels(primaryRetries);

    /// <summary>Waits <paramref name="first"/> on the fake clock, then streams; optionally stalls for ever after <paramref name="stallAfter"/> updates.</summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> Slow(
        TimeProvider time, TimeSpan first, string[] texts, int stallAfter = -1, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Delay(first, time, ct);
        for (int i = 0; i < texts.Length; i++)
        {
            if (i == stallAfter)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, texts[i]) { FinishReason = i == texts.Length - 1 ? ChatFinishReason.Stop : null };
        }
    }

    private static async Task<string> Text(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var text = new System.Text.StringBuilder();
        await foreach (ChatResponseUpdate update in stream)
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    [Fact]
    public async Task No_first_update_within_the_first_token_limit_moves_on_at_once_invisibly()
    {
        // failoverbench S07: the first token after 20 s; a 10 s limit fails over at 10 s, without retrying the slow model.
        var f = TwoModels();
        f.Options.FirstTokenTimeout = TimeSpan.FromSeconds(10);
        f.Options.AttemptTimeout = TimeSpan.FromSeconds(30);
        f["openai"].Stream = (_, ct) => Slow(f.Time, TimeSpan.FromSeconds(20), ["late"], ct: ct);
        var engine = f.Build();

        Task<string> text = Text(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));
        await f.Time.WaitForTimersAsync(2); // the first-token timer and the slow model's own delay
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], f.Time.Timers.Order());
        f.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("from backup", await text);
        Assert.Equal(1, f["openai"].Calls);
        Assert.Equal((1L, 0L), (engine.GetStats().Models[0].Failures, engine.GetStats().Models[0].Served));
    }

    [Fact]
    public async Task A_model_first_token_limit_overrides_the_chains_and_only_the_first_update_is_timed_by_it()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, firstTokenTimeoutMs: 5_000),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.FirstTokenTimeout = TimeSpan.FromSeconds(1);
        f["openai"].Stream = (_, ct) => Slow(f.Time, TimeSpan.FromSeconds(4), ["a", "b"], ct: ct);
        var engine = f.Build();

        Task<string> text = Text(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));
        await f.Time.WaitForTimersAsync(2);
        f.Time.Advance(TimeSpan.FromSeconds(4)); // inside the model's 5 s; no attempt timeout, so later gaps are not timed

        Assert.Equal("ab", await text);
        Assert.Equal(0, f["anthropic"].Calls);
    }

    [Fact]
    public async Task A_stall_after_output_is_a_cut_named_as_a_stall()
    {
        var f = TwoModels();
        f.Options.AttemptTimeout = TimeSpan.FromSeconds(30);
        f["openai"].Stream = (_, ct) => Slow(f.Time, TimeSpan.Zero, ["one ", "two"], stallAfter: 1, ct: ct);
        var engine = f.Build();

        var received = new List<string>();
        Task reading = Task.Run(async () =>
        {
            await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
            {
                lock (received)
                {
                    received.Add(update.Text);
                }
            }
        });
        await Eventually.True(() => { lock (received) { return received.Count == 1; } }, "the first update delivered");
        f.Time.Advance(TimeSpan.FromSeconds(30));

        var cut = await Assert.ThrowsAsync<StreamInterruptedException>(() => reading);
        Assert.Equal((FailureKind.Timeout, 1), (cut.Kind, cut.UpdatesDelivered));
        Assert.Contains("stalled: no update for 30000 ms", cut.InnerException!.Message);
        Assert.Equal(["one "], received);
    }

    [Fact]
    public async Task Buffering_holds_output_until_the_stream_completed_so_a_cut_falls_back_invisibly()
    {
        var f = TwoModels(primaryRetries: 0);
        f.Options.StreamRecovery = StreamRecovery.Buffer;
        f["openai"].Stream = (_, ct) => Steps.Updates(["partial ", "answer"], finish: false, thenThrow: new System.IO.IOException("reset"), cancellationToken: ct);
        var engine = f.Build();

        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
        {
            updates.Add(update);
        }

        Assert.Equal("from backup", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("anthropic/claude", updates[0].AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, updates[0].AdditionalProperties!["fallback.level"]);
        Assert.Equal((1, 1L), (engine.GetStats().SuccessfulRequests, engine.GetStats().FallbackCount));
    }

    [Fact]
    public async Task A_request_chooses_its_own_recovery_and_the_key_never_reaches_the_model()
    {
        var f = TwoModels(primaryRetries: 0);
        f["openai"].Stream = (_, ct) => Steps.Updates(["partial"], finish: false, thenThrow: new System.IO.IOException("reset"), cancellationToken: ct);
        var engine = f.Build();
        var options = new ChatOptions().WithStreamRecovery(StreamRecovery.Buffer);

        Assert.Equal("from backup", await Text(engine.GetStreamingResponseAsync(ChainFixture.Prompt(), options, CancellationToken.None)));
        Assert.All(f["openai"].ReceivedOptions.Concat(f["anthropic"].ReceivedOptions),
            o => Assert.False(o.AdditionalProperties?.ContainsKey(FallbackChatOptions.StreamRecoveryKey) ?? false));
        Assert.True(options.AdditionalProperties!.ContainsKey(FallbackChatOptions.StreamRecoveryKey)); // the caller's options untouched

        // Without the per-request choice the chain's default (Report) holds: the cut surfaces after output.
        await Assert.ThrowsAsync<StreamInterruptedException>(() => Text(engine.GetStreamingResponseAsync(ChainFixture.Prompt())));
    }
}

public class FirstTokenLimitOnResponsesTests
{
    [Fact]
    public async Task A_non_streaming_request_under_a_first_token_limit_is_streamed_underneath_and_moves_on_when_silent()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2), new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.FirstTokenTimeout = TimeSpan.FromSeconds(10);
        f["openai"].Stream = (_, ct) => SlowFirst(f.Time, ct);
        f["anthropic"].Stream = (_, ct) => Steps.Updates(["from ", "backup"], finish: true, cancellationToken: ct);
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        await f.Time.WaitForTimersAsync(2);
        f.Time.Advance(TimeSpan.FromSeconds(10));

        ChatResponse response = await request;
        Assert.Equal("from backup", response.Text);
        Assert.Equal("anthropic/claude", response.GetFallbackInfo()!.Value.Model);
        Assert.Equal(1, f["openai"].Calls); // one silent attempt, not retried
    }

    [Fact]
    public async Task A_long_answer_under_a_first_token_limit_is_not_cut_once_its_first_token_came()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o"));
        f.Options.FirstTokenTimeout = TimeSpan.FromSeconds(1);
        f["openai"].Stream = (_, ct) => Steps.Updates(["a ", "long ", "answer"], finish: true, cancellationToken: ct);
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("a long answer", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> SlowFirst(TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(20), time, ct);
        yield return new ChatResponseUpdate(ChatRole.Assistant, "late") { FinishReason = ChatFinishReason.Stop };
    }
}
