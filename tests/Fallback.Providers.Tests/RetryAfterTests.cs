using System;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests;

/// <summary>
/// 429 with <c>Retry-After</c>: a short wait (within <see cref="FallbackOptions.MaxRetryAfter"/>, 10 s) is
/// waited on the chain's clock and the model retried; a long one makes the chain fall back at once. For
/// Anthropic the header reaches the chain through <see cref="RetryAfterHandler"/>, since the SDK's exceptions
/// carry no headers.
/// </summary>
public sealed class RetryAfterTests
{
    public static TheoryData<Sdk, string> ShortForms()
    {
        var data = new TheoryData<Sdk, string>();
        foreach (Sdk sdk in new[] { Sdk.OpenAI, Sdk.Anthropic })
        {
            data.Add(sdk, "seconds");
            data.Add(sdk, "http-date");
            data.Add(sdk, "retry-after-ms");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShortForms))]
    public async Task Short_retry_after_is_waited_then_the_same_model_retried(Sdk sdk, string form)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 1);
        (Fault fault, TimeSpan wait) = form switch
        {
            "seconds" => (Fault.RateLimited(TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(2)),
            "http-date" => (Fault.RateLimitedUntil(h.Time.GetUtcNow().AddSeconds(3)), TimeSpan.FromSeconds(3)),
            _ => (Fault.RateLimitedMs(1500), TimeSpan.FromMilliseconds(1500)),
        };
        h.Primary.Script.Enqueue(fault);

        Task<ChatResponse> call = h.AskAsync();
        await h.Time.WaitForTimersAsync(1);

        // The chain is waiting out the provider's Retry-After, not its own backoff, and has not retried yet.
        Assert.Equal(wait, h.Time.Timers[0]);
        Assert.Equal(1, h.Primary.RequestCount);
        Assert.Equal(0, h.Backup.RequestCount);
        Assert.False(call.IsCompleted);

        h.Time.Advance(wait);
        ChatResponse response = await call.WaitAsync(ProviderHarness.Patience);

        Expect.ServedBy(response, h.PrimaryId, expectedLevel: 0, "Hello from " + h.PrimaryModel + ".");
        Assert.Equal(2, h.Primary.RequestCount);
        Assert.Equal(0, h.Backup.RequestCount);
        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 1, failed: 0, fallbacks: 0, usage: [(h.PrimaryId, 1)]);
        Assert.Equal(1, Expect.Model(stats, h.PrimaryId).Failures);
    }

    [Theory]
    [InlineData(Sdk.OpenAI, "seconds")]
    [InlineData(Sdk.OpenAI, "http-date")]
    [InlineData(Sdk.Anthropic, "seconds")]
    [InlineData(Sdk.Anthropic, "http-date")]
    public async Task Long_retry_after_falls_back_at_once(Sdk sdk, string form)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 3);
        h.Primary.Script.Enqueue(form == "seconds"
            ? Fault.RateLimited(TimeSpan.FromSeconds(60))
            : Fault.RateLimitedUntil(h.Time.GetUtcNow().AddMinutes(5)));

        ChatResponse response = await h.DriveAsync(() => h.AskAsync());

        Expect.ServedBy(response, h.BackupId, expectedLevel: 1, "Hello from " + h.BackupModel + ".");
        Assert.Empty(h.Advanced);
        Assert.Equal(1, h.Primary.RequestCount);
        Assert.Equal(1, h.Backup.RequestCount);
        Expect.Stats(h.Chain.GetStats(), successful: 1, failed: 0, fallbacks: 1, usage: [(h.PrimaryId, 0), (h.BackupId, 1)]);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Retry_after_reaches_the_failed_attempt(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, withBackup: false);
        h.Primary.Script.Enqueue(Fault.RateLimited(TimeSpan.FromSeconds(7)));

        AllModelsFailedException failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => h.AskAsync());

        FallbackAttempt attempt = Assert.Single(failure.Attempts);
        Assert.Equal(FailureKind.RateLimited, attempt.Kind);
        Assert.Equal(429, attempt.StatusCode);
        Assert.Equal(1, h.Primary.RequestCount);
    }
}
