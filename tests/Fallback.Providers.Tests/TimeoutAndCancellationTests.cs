using System;
using System.Threading;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests;

/// <summary>
/// A server that accepts and never answers, against the engine's attempt timeout on the fake clock; and the
/// caller cancelling mid-request and mid-backoff, which stops the chain at once and counts no model failure.
/// </summary>
public sealed class TimeoutAndCancellationTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Never_answering_primary_times_out_and_falls_back(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, configure: o => o.AttemptTimeout = AttemptTimeout);
        h.Primary.Script.Default = Fault.NeverAnswer();

        Task<ChatResponse> call = h.AskAsync();
        await h.Primary.WaitForRequestsAsync(1).WaitAsync(ProviderHarness.Patience);
        Assert.Equal(AttemptTimeout, h.Time.Timers[0]);
        Assert.False(call.IsCompleted);
        h.Time.Advance(AttemptTimeout);
        ChatResponse response = await call.WaitAsync(ProviderHarness.Patience);

        Expect.ServedBy(response, h.BackupId, expectedLevel: 1, "Hello from " + h.BackupModel + ".");
        Assert.Equal(1, h.Primary.RequestCount);
        Assert.Equal(1, h.Backup.RequestCount);
        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 1, failed: 0, fallbacks: 1, usage: [(h.PrimaryId, 0), (h.BackupId, 1)]);
        Assert.Equal(1, Expect.Model(stats, h.PrimaryId).Failures);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Never_answering_model_is_a_timeout_failure(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, withBackup: false, configure: o => o.AttemptTimeout = AttemptTimeout);
        h.Primary.Script.Default = Fault.NeverAnswer();

        Task<ChatResponse> call = h.AskAsync();
        await h.Primary.WaitForRequestsAsync(1).WaitAsync(ProviderHarness.Patience);
        h.Time.Advance(AttemptTimeout);
        AllModelsFailedException failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => call.WaitAsync(ProviderHarness.Patience));

        FallbackAttempt attempt = Assert.Single(failure.Attempts);
        Assert.Equal(FailureKind.Timeout, attempt.Kind);
        Assert.IsType<TimeoutException>(attempt.Exception);
        Expect.Stats(h.Chain.GetStats(), successful: 0, failed: 1, fallbacks: 0);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Caller_cancelling_mid_request_stops_without_a_model_failure(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 2);
        h.Primary.Script.Default = Fault.NeverAnswer();
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> call = h.AskAsync(cts.Token);
        await h.Primary.WaitForRequestsAsync(1).WaitAsync(ProviderHarness.Patience);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(ProviderHarness.Patience));
        Assert.Equal(1, h.Primary.RequestCount);
        Assert.Equal(0, h.Backup.RequestCount);
        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 0, failed: 0, fallbacks: 0, cancelled: 1);
        ModelStats primary = Expect.Model(stats, h.PrimaryId);
        Assert.Equal(0, primary.Failures);
        Assert.Equal(0, primary.Attempts);
        Assert.Equal(0, h.Chain.Models[0].ConsecutiveFailures);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Caller_cancelling_mid_backoff_stops_without_falling_back(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 2);
        h.Primary.Script.Default = Fault.Status(503);
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> call = h.AskAsync(cts.Token);
        await h.Time.WaitForTimersAsync(1);
        Assert.Equal(ProviderHarness.BaseDelay, h.Time.Timers[0]);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(ProviderHarness.Patience));
        Assert.Equal(1, h.Primary.RequestCount);
        Assert.Equal(0, h.Backup.RequestCount);
        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 0, failed: 0, fallbacks: 0, cancelled: 1);

        // The 503 was a real failure of the model; the cancellation added none.
        ModelStats primary = Expect.Model(stats, h.PrimaryId);
        Assert.Equal(1, primary.Attempts);
        Assert.Equal(1, primary.Failures);
    }
}
