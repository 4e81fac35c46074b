using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests;

/// <summary>
/// Streams over the real SDKs' SSE parsers: a failure before the first update falls back invisibly; a cut
/// after output is reported as <see cref="StreamInterruptedException"/>, never a truncated success, even
/// though both SDKs end a cleanly closed stream without an error (only without a finish reason).
/// </summary>
public sealed class StreamingTests
{
    private static string Text(List<ChatResponseUpdate> updates)
    {
        var text = new StringBuilder();
        foreach (ChatResponseUpdate update in updates)
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private static bool AnyFinishReason(List<ChatResponseUpdate> updates)
    {
        foreach (ChatResponseUpdate update in updates)
        {
            if (update.FinishReason is not null)
            {
                return true;
            }
        }

        return false;
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Healthy_stream_is_delivered_whole(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk);

        List<ChatResponseUpdate> updates = await h.StreamAsync(new());

        Assert.Equal("Hello from " + h.PrimaryModel + ".", Text(updates));
        Assert.True(AnyFinishReason(updates));
        Assert.Equal(h.PrimaryId, updates[0].AdditionalProperties!["fallback.model"]);
        RecordedRequest request = Assert.Single(h.Primary.Requests);
        Assert.True(request.Stream);
        Assert.Equal(0, h.Backup.RequestCount);
        Expect.Stats(h.Chain.GetStats(), successful: 1, failed: 0, fallbacks: 0, usage: [(h.PrimaryId, 1)]);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Stream_failing_before_its_first_chunk_falls_back_invisibly(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 1);
        h.Primary.Script.Default = Fault.StreamFailsBeforeFirstChunk();

        List<ChatResponseUpdate> updates = await h.DriveAsync(() => h.StreamAsync(new()));

        // Only the backup's answer reached the caller, whole.
        Assert.Equal("Hello from " + h.BackupModel + ".", Text(updates));
        Assert.True(AnyFinishReason(updates));
        Assert.Equal(h.BackupId, updates[0].AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, updates[0].AdditionalProperties!["fallback.level"]);
        Assert.Equal(2, h.Primary.RequestCount);
        Assert.All(h.Primary.Requests, r => Assert.True(r.Stream));
        Assert.Equal(1, h.Backup.RequestCount);
        Assert.Equal([ProviderHarness.BaseDelay], h.Advanced);
        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 1, failed: 0, fallbacks: 1, usage: [(h.PrimaryId, 0), (h.BackupId, 1)]);
        Assert.Equal(2, Expect.Model(stats, h.PrimaryId).Failures);
    }

    [Theory]
    [InlineData(Sdk.OpenAI, "clean close")]
    [InlineData(Sdk.OpenAI, "reset")]
    [InlineData(Sdk.Anthropic, "clean close")]
    [InlineData(Sdk.Anthropic, "reset")]
    public async Task Stream_cut_after_some_chunks_is_reported_not_truncated(Sdk sdk, string cut)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 2);
        h.Primary.Script.Enqueue(cut == "reset" ? Fault.StreamResetAfter(2) : Fault.StreamCutAfter(2));
        var received = new List<ChatResponseUpdate>();

        StreamInterruptedException error = await h.DriveToFailureAsync<StreamInterruptedException>(() => h.StreamAsync(received));

        // The caller saw the first two pieces and then an error, never a finished stream.
        Assert.Equal("Hello from ", Text(received));
        Assert.False(AnyFinishReason(received));
        Assert.Equal(received.Count, error.UpdatesDelivered);
        Assert.Equal(h.PrimaryModel, error.Model);
        Assert.Equal(cut == "reset" ? FailureKind.Transient : FailureKind.StreamInterrupted, error.Kind);

        // Output was committed: no retry, no fallback.
        Assert.Equal(1, h.Primary.RequestCount);
        Assert.Equal(0, h.Backup.RequestCount);
        Assert.Empty(h.Advanced);
        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 0, failed: 1, fallbacks: 0, usage: [(h.PrimaryId, 0), (h.BackupId, 0)]);
        Assert.Equal(1, Expect.Model(stats, h.PrimaryId).Failures);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Sdk_alone_ends_a_cut_stream_quietly_without_a_finish_reason(Sdk sdk)
    {
        // Why the chain demands a finish reason: without it, a cut stream looks like a short answer.
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderHarness.FormatOf(sdk));
        server.Script.Enqueue(Fault.StreamCutAfter(2));
        using IChatClient client = ProviderHarness.CreateClient(sdk, server.BaseUri, TimeProvider.System);
        var updates = new List<ChatResponseUpdate>();

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Say hello."))
        {
            updates.Add(update);
        }

        Assert.Equal("Hello from ", Text(updates));
        Assert.False(AnyFinishReason(updates));
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData(Sdk.Anthropic, FailureKind.Transient)] // overloaded_error event, classified from AnthropicSseException.
    [InlineData(Sdk.OpenAI, FailureKind.StreamInterrupted)] // The OpenAI SDK skips the error chunk; the stream ends without a finish reason.
    public async Task In_stream_error_event_before_any_text_is_a_model_failure(Sdk sdk, FailureKind expected)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, withBackup: false);
        h.Primary.Script.Enqueue(Fault.StreamErrorEvent());
        var received = new List<ChatResponseUpdate>();

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => h.StreamAsync(received));

        // Today the SDKs' content-less first update (Anthropic's message_start) counts as output, so the
        // engine reports a cut stream; once it holds such updates back this becomes a plain failed attempt.
        FailureKind kind = error switch
        {
            StreamInterruptedException cut => cut.Kind,
            AllModelsFailedException all => Assert.Single(all.Attempts).Kind,
            _ => throw new Xunit.Sdk.XunitException("Unexpected " + error),
        };
        Assert.Equal(expected, kind);
        Assert.Equal(string.Empty, Text(received));
        Assert.Equal(1, h.Primary.RequestCount);
        Expect.Stats(h.Chain.GetStats(), successful: 0, failed: 1, fallbacks: 0);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task In_stream_error_event_before_any_text_falls_back_invisibly(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk);
        h.Primary.Script.Enqueue(Fault.StreamErrorEvent());

        List<ChatResponseUpdate> updates = await h.DriveAsync(() => h.StreamAsync(new()));

        Assert.Equal("Hello from " + h.BackupModel + ".", Text(updates));
        Assert.Equal(h.BackupId, updates[0].AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, h.Backup.RequestCount);
    }
}
