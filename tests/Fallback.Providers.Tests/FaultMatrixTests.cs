using System;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests;

/// <summary>
/// The fault matrix over real HTTP with both real SDKs: each fault on the primary (a lasting outage), the
/// primary allowed one retry, a healthy backup. Retryable faults cost the primary exactly two requests and
/// one backoff of <see cref="ProviderHarness.BaseDelay"/>; the others fall back at once.
/// </summary>
public sealed class FaultMatrixTests
{
    public static TheoryData<Sdk, string> Faults()
    {
        var data = new TheoryData<Sdk, string>();
        foreach (Sdk sdk in new[] { Sdk.OpenAI, Sdk.Anthropic })
        {
            foreach (string fault in FaultNames)
            {
                data.Add(sdk, fault);
            }
        }

        return data;
    }

    private static readonly string[] FaultNames =
    [
        "429 without Retry-After",
        "500",
        "502 gateway HTML",
        "503",
        "529 overloaded_error",
        "400 context_length_exceeded",
        "401",
        "404 model not found",
        "connection refused",
        "connection reset mid-body",
        "malformed JSON",
    ];

    internal static Fault Make(string name) => name switch
    {
        "429 without Retry-After" => Fault.RateLimited(),
        "500" => Fault.Status(500),
        "502 gateway HTML" => Fault.Status(502),
        "503" => Fault.Status(503),
        "529 overloaded_error" => Fault.Overloaded(),
        "400 context_length_exceeded" => Fault.ContextLengthExceeded(),
        "400 content filter" => Fault.ContentFiltered(),
        "401" => Fault.Unauthorized(),
        "404 model not found" => Fault.ModelNotFound(),
        "connection refused" => Fault.Ok(), // The primary points at a port where nothing listens.
        "connection reset mid-body" => Fault.ResetMidBody(),
        "malformed JSON" => Fault.MalformedJson(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>What the chain must make of each fault: the kind, the status it saw, and whether the model is retried.</summary>
    internal static (FailureKind Kind, int? Status, bool Retried) Verdict(string name) => name switch
    {
        "429 without Retry-After" => (FailureKind.RateLimited, 429, false),
        "500" => (FailureKind.Transient, 500, true),
        "502 gateway HTML" => (FailureKind.Transient, 502, true),
        "503" => (FailureKind.Transient, 503, true),
        "529 overloaded_error" => (FailureKind.Transient, 529, true),
        "400 context_length_exceeded" => (FailureKind.ContextLengthExceeded, 400, false),
        "400 content filter" => (FailureKind.ContentFiltered, 400, false),
        "401" => (FailureKind.Unauthorized, 401, false),
        "404 model not found" => (FailureKind.ModelNotFound, 404, false),
        "connection refused" => (FailureKind.Transient, null, true),
        "connection reset mid-body" => (FailureKind.Transient, null, true),
        "malformed JSON" => (FailureKind.Unknown, null, false),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Fault_on_primary_falls_back_to_backup(Sdk sdk, string fault)
    {
        bool refused = fault == "connection refused";
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 1, primaryRefuses: refused);
        h.Primary.Script.Default = Make(fault);
        (FailureKind _, int? _, bool retried) = Verdict(fault);

        ChatResponse response = await h.DriveAsync(() => h.AskAsync());

        Expect.ServedBy(response, h.BackupId, expectedLevel: 1, "Hello from " + h.BackupModel + ".");
        Assert.Equal(refused ? 0 : retried ? 2 : 1, h.Primary.RequestCount);
        Assert.Equal(1, h.Backup.RequestCount);
        Assert.Equal(h.BackupModel, h.Backup.Requests[0].Model);
        Assert.Equal(retried ? [ProviderHarness.BaseDelay] : Array.Empty<TimeSpan>(), h.Advanced);

        FallbackStats stats = h.Chain.GetStats();
        Expect.Stats(stats, successful: 1, failed: 0, fallbacks: 1, usage: [(h.PrimaryId, 0), (h.BackupId, 1)]);
        ModelStats primary = Expect.Model(stats, h.PrimaryId);
        Assert.Equal(retried ? 2 : 1, primary.Attempts);
        Assert.Equal(retried ? 2 : 1, primary.Failures);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Fault_is_classified_from_the_real_sdk_exception(Sdk sdk, string fault)
    {
        bool refused = fault == "connection refused";
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, withBackup: false, primaryRefuses: refused);
        h.Primary.Script.Default = Make(fault);
        (FailureKind kind, int? status, bool _) = Verdict(fault);

        AllModelsFailedException failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => h.AskAsync());

        FallbackAttempt attempt = Assert.Single(failure.Attempts);
        Assert.Equal(kind, attempt.Kind);
        Assert.Equal(status, attempt.StatusCode);
        Assert.Equal(h.PrimaryModel, attempt.Model);
        Assert.Equal(refused ? 0 : 1, h.Primary.RequestCount);
        Expect.Stats(h.Chain.GetStats(), successful: 0, failed: 1, fallbacks: 0);
    }

    [Theory]
    [InlineData(Sdk.OpenAI, "content_filter")]
    [InlineData(Sdk.Anthropic, "invalid_request_error")]
    public async Task A_content_filter_ends_the_request_with_the_providers_reason(Sdk sdk, string reason)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 1);
        h.Primary.Script.Default = Make("400 content filter");

        ContentFilteredException filtered = await Assert.ThrowsAsync<ContentFilteredException>(() => h.AskAsync());

        Assert.Equal((h.PrimaryModel, reason, 400), (filtered.Model, filtered.Reason, filtered.StatusCode));
        Assert.Equal((1, 0), (h.Primary.RequestCount, h.Backup.RequestCount));
        Expect.Stats(h.Chain.GetStats(), successful: 0, failed: 1, fallbacks: 0);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Routing_around_a_content_filter_is_opt_in(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 1, configure: o => o.FallBackOnContentFilter = true);
        h.Primary.Script.Default = Make("400 content filter");

        ChatResponse response = await h.AskAsync();

        Expect.ServedBy(response, h.BackupId, expectedLevel: 1, "Hello from " + h.BackupModel + ".");
        Assert.Equal(1, h.Primary.RequestCount); // never retried
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Healthy_primary_serves_with_one_request(Sdk sdk)
    {
        await using ProviderHarness h = await ProviderHarness.StartAsync(sdk, primaryRetries: 2);

        ChatResponse response = await h.AskAsync();

        Expect.ServedBy(response, h.PrimaryId, expectedLevel: 0, "Hello from " + h.PrimaryModel + ".");
        Assert.Equal(h.PrimaryModel, response.ModelId);
        RecordedRequest request = Assert.Single(h.Primary.Requests);
        Assert.Equal(h.Primary.ApiPath, request.Path);
        Assert.False(request.Stream);
        Assert.Equal(0, h.Backup.RequestCount);
        Expect.Stats(h.Chain.GetStats(), successful: 1, failed: 0, fallbacks: 0, usage: [(h.PrimaryId, 1), (h.BackupId, 0)]);
    }
}
