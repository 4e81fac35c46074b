using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class StreamingTests
{
    internal static ChainFixture TwoModels(int primaryRetries = 0)
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: primaryRetries),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.BaseDelay = TimeSpan.Zero;
        f["anthropic"].Stream = (_, ct) => Steps.Updates(["from ", "backup"], finish: true, cancellationToken: ct);
        return f;
    }

    private static async Task<List<ChatResponseUpdate>> Collect(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in stream)
        {
            list.Add(update);
        }

        return list;
    }

    [Fact]
    public async Task Healthy_stream_is_passed_through_and_stamped_on_the_first_update()
    {
        var f = TwoModels();
        f["openai"].Stream = (_, ct) => Steps.Updates(["a", "b", "c"], finish: true, cancellationToken: ct);
        var engine = f.Build();

        List<ChatResponseUpdate> updates = await Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));

        Assert.Equal("abc", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal("gpt-4o", u.ModelId));
        Assert.Equal("openai/gpt-4o", updates[0].AdditionalProperties!["fallback.model"]);
        Assert.Equal(0, updates[0].AdditionalProperties!["fallback.level"]);
        Assert.Null(updates[1].AdditionalProperties); // no allocation per update
        ChatResponse combined = updates.ToChatResponse();
        Assert.Equal("openai/gpt-4o", combined.AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, engine.GetStats().SuccessfulRequests);
    }

    [Fact]
    public async Task Stamping_turned_off_leaves_every_update_as_the_model_sent_it_but_its_ModelId()
    {
        var f = TwoModels();
        f.Options.StampResponses = false;
        f["openai"].Stream = (_, ct) => Steps.Updates(["a", "b"], finish: true, cancellationToken: ct);

        List<ChatResponseUpdate> updates = await Collect(f.Build().GetStreamingResponseAsync(ChainFixture.Prompt()));

        Assert.Equal("ab", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal("gpt-4o", u.ModelId));
        Assert.All(updates, u => Assert.Null(u.AdditionalProperties));
    }

    [Fact]
    public async Task Failure_before_the_first_update_falls_back_invisibly()
    {
        var f = TwoModels(primaryRetries: 1);
        f["openai"].Stream = (_, ct) => Steps.Updates([], finish: false, thenThrow: new IOException("reset"), cancellationToken: ct);
        var engine = f.Build();

        List<ChatResponseUpdate> updates = await Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));

        Assert.Equal("from backup", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("anthropic/claude", updates[0].AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, updates[0].AdditionalProperties!["fallback.level"]);
        Assert.Equal(2, f["openai"].Calls); // transient: retried once before falling back
        FallbackStats stats = engine.GetStats();
        Assert.Equal(1, stats.SuccessfulRequests);
        Assert.Equal(1, stats.FallbackCount);
        Assert.Equal(2, stats.Models[0].Failures);
    }

    [Fact]
    public async Task Content_less_first_updates_do_not_commit_the_stream()
    {
        var f = TwoModels();
        f["openai"].Stream = (_, ct) => RoleOnlyThenError(ct);
        List<ChatResponseUpdate> updates = await Collect(f.Build().GetStreamingResponseAsync(ChainFixture.Prompt()));
        Assert.Equal("from backup", string.Concat(updates.Select(u => u.Text)));

        static async IAsyncEnumerable<ChatResponseUpdate> RoleOnlyThenError([EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant }; // Anthropic's message_start
            throw new IOException("overloaded mid-stream");
        }
    }

    [Fact]
    public async Task Failure_after_output_is_reported_never_truncated_silently()
    {
        var f = TwoModels(primaryRetries: 2);
        f["openai"].Stream = (_, ct) => Steps.Updates(["partial ", "answer"], finish: false, thenThrow: new IOException("reset"), cancellationToken: ct);
        var engine = f.Build();
        var received = new List<string>();

        var ex = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (ChatResponseUpdate u in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
            {
                received.Add(u.Text);
            }
        });

        Assert.Equal(["partial ", "answer"], received);
        Assert.Equal(2, ex.UpdatesDelivered);
        Assert.Equal(FailureKind.Transient, ex.Kind);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.DoesNotContain("secret prompt", ex.Message);
        Assert.Equal(1, f["openai"].Calls); // no retry once output was committed
        Assert.Equal(0, f["anthropic"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(1, stats.FailedRequests);
        Assert.Equal(0, stats.SuccessfulRequests);
    }

    [Fact]
    public async Task Stream_ending_without_finish_reason_before_output_falls_back()
    {
        var f = TwoModels();
        f["openai"].Stream = (_, ct) => Steps.Updates([], finish: false, cancellationToken: ct);
        List<ChatResponseUpdate> updates = await Collect(f.Build().GetStreamingResponseAsync(ChainFixture.Prompt()));
        Assert.Equal("from backup", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task Stream_ending_without_finish_reason_after_output_is_a_cut_stream()
    {
        var f = TwoModels();
        f["openai"].Stream = (_, ct) => Steps.Updates(["half"], finish: false, cancellationToken: ct);
        var ex = await Assert.ThrowsAsync<StreamInterruptedException>(() => Collect(f.Build().GetStreamingResponseAsync(ChainFixture.Prompt())));
        Assert.Equal(FailureKind.StreamInterrupted, ex.Kind);
        Assert.Equal(1, ex.UpdatesDelivered);
    }

    [Fact]
    public async Task Finish_reason_requirement_can_be_relaxed()
    {
        var f = TwoModels();
        f.Options.RequireFinishReason = false;
        f["openai"].Stream = (_, ct) => Steps.Updates(["no ", "finish"], finish: false, cancellationToken: ct);
        var engine = f.Build();
        List<ChatResponseUpdate> updates = await Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));
        Assert.Equal("no finish", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(1, engine.GetStats().SuccessfulRequests);
    }

    [Fact]
    public async Task Caller_cancellation_mid_stream_stops_and_counts_no_failure()
    {
        var f = TwoModels();
        f["openai"].Stream = (_, ct) => Steps.Updates(["1", "2", "3", "4"], finish: true, cancellationToken: ct);
        var engine = f.Build();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate u in engine.GetStreamingResponseAsync(ChainFixture.Prompt(), null, cts.Token))
            {
                if (u.Text == "2")
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(0, f["anthropic"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(1, stats.CancelledRequests);
        Assert.Equal(0, stats.TotalRequests);
        Assert.Equal(0, stats.Models[0].Failures);
    }

    [Fact]
    public async Task A_caller_cancelling_while_a_failed_stream_is_disposed_is_a_cancellation_not_a_request_timeout()
    {
        // The failure is judged when it is caught: the caller's cancel during the stream's cleanup reaches the linked
        // request-timeout source, and must not turn a 503 into "the request timeout elapsed".
        var f = TwoModels();
        f.Options.RequestTimeout = TimeSpan.FromMinutes(1);
        using var cts = new CancellationTokenSource();
        f["openai"].Stream = (_, _) => new FailingStream(Steps.Status(503), onDispose: cts.Cancel);
        var engine = f.Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt(), null, cts.Token)));

        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 0L, 0L), (stats.CancelledRequests, stats.TotalRequests, stats.FinalFallbackCount));
        Assert.Equal(1, stats.Models[0].Failures); // the 503, counted once
    }

    /// <summary>A stream whose first read fails, and which runs <c>onDispose</c> while the engine cleans it up.</summary>
    private sealed class FailingStream(Exception failure, Action onDispose) : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
    {
        public ChatResponseUpdate Current => throw new InvalidOperationException();

        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

        public ValueTask<bool> MoveNextAsync() => ValueTask.FromException<bool>(failure);

        public ValueTask DisposeAsync()
        {
            onDispose();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Consumer_stopping_early_counts_as_served()
    {
        var f = TwoModels();
        f["openai"].Stream = (_, ct) => Steps.Updates(["1", "2", "3"], finish: true, cancellationToken: ct);
        var engine = f.Build();
        await foreach (ChatResponseUpdate u in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
        {
            break;
        }

        Assert.Equal(1, engine.GetStats().SuccessfulRequests);
        Assert.Equal(1, engine.GetStats().ModelUsage["openai/gpt-4o"]);
    }

    [Fact]
    public async Task All_streams_failing_yields_the_final_fallback()
    {
        var f = TwoModels();
        f.FinalFallback = (messages, failure, ct) => new ValueTask<ChatResponse>(new ChatResponse(new ChatMessage(ChatRole.Assistant, "busy")));
        f["openai"].Stream = (_, ct) => Steps.Updates([], finish: false, thenThrow: Steps.Status(503), cancellationToken: ct);
        f["anthropic"].Stream = (_, ct) => Steps.Updates([], finish: false, thenThrow: Steps.Status(401), cancellationToken: ct);
        var engine = f.Build();

        List<ChatResponseUpdate> updates = await Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));

        Assert.Equal("busy", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(1, engine.GetStats().FinalFallbackCount);
    }

    [Fact]
    public async Task Attempt_timeout_bounds_each_update_not_the_whole_stream()
    {
        var f = TwoModels();
        f.Options.AttemptTimeout = TimeSpan.FromSeconds(5);
        var waits = new StrongBox<int>();
        f["openai"].Stream = (_, ct) => Slow(f.Time, ["a", "b", "c", "d"], TimeSpan.FromSeconds(3), waits, ct);
        var engine = f.Build();

        Task<List<ChatResponseUpdate>> stream = Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));
        for (int i = 1; i <= 4; i++)
        {
            await Eventually.True(() => Volatile.Read(ref waits.Value) == i, "the stream waits for update " + i);
            f.Time.Advance(TimeSpan.FromSeconds(3)); // 12 s in all: longer than the timeout, never 5 s without an update
        }

        List<ChatResponseUpdate> updates = await stream;
        Assert.Equal("abcd", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(0, f["anthropic"].Calls);
    }

    [Fact]
    public async Task Attempt_timeout_cuts_a_stream_that_stalls_after_output()
    {
        var f = TwoModels();
        f.Options.AttemptTimeout = TimeSpan.FromSeconds(5);
        var waits = new StrongBox<int>();
        f["openai"].Stream = (_, ct) => Slow(f.Time, ["a", "b"], TimeSpan.FromSeconds(30), waits, ct, firstImmediately: true);
        var engine = f.Build();

        Task<List<ChatResponseUpdate>> stream = Collect(engine.GetStreamingResponseAsync(ChainFixture.Prompt()));
        await Eventually.True(() => Volatile.Read(ref waits.Value) == 1, "the stream waits for its second update");
        f.Time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<StreamInterruptedException>(() => stream);
        Assert.Equal(FailureKind.Timeout, ex.Kind);
        Assert.Equal(1, ex.UpdatesDelivered);
    }

    // Waits on the fake clock between updates, as a slow provider would.
    private static async IAsyncEnumerable<ChatResponseUpdate> Slow(TimeProvider time, string[] texts, TimeSpan gap, StrongBox<int> waits, [EnumeratorCancellation] CancellationToken ct, bool firstImmediately = false)
    {
        for (int i = 0; i < texts.Length; i++)
        {
            if (!(firstImmediately && i == 0))
            {
                Task delay = Task.Delay(gap, time, ct); // registered on the fake clock before the test may advance it
                Interlocked.Increment(ref waits.Value);
                await delay;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, texts[i]) { FinishReason = i == texts.Length - 1 ? ChatFinishReason.Stop : null };
        }
    }

    [Fact]
    public void Null_messages_throw_before_any_model_is_called()
    {
        var f = TwoModels();
        Assert.Throws<ArgumentNullException>(() => f.Build().GetStreamingResponseAsync(null!));
        Assert.Equal(0, f["openai"].Calls);
    }
}
