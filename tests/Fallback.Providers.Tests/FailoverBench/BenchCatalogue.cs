using System;
using System.Collections.Generic;
using Fallback.LocalProviders;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>The outcome a scenario's caller should get: the whole answer, or (S13) a clean error.</summary>
internal enum Ideal
{
    Success,
    Error,
}

/// <summary>How a failing check weighs in the verdict.</summary>
internal enum Severity
{
    Required,
    Advisory,
}

/// <summary>The kinds of check failoverbench's catalogue scores (its methodology v0.1), re-stated in our words.</summary>
internal enum CheckKind
{
    NoHang,
    Complete,
    NoTruncatedSuccess,
    AttemptsPrimaryMin,
    AttemptsPrimaryMax,
    AttemptsPrimaryEq,
    FirstGapMinSeconds,
    MaxAttemptsWithin,
    WallMaxSeconds,
    AliveAfter,
    FallbackUsed,
    ReportedModelIsFallback,
    UsagePresent,
    NoPrefillMasking,
    SeqNoHang,
    SeqServedDuringOutage,
    SeqRecoveredWithinSeconds,
    SeqProbeDiscipline,
}

/// <summary>One machine check of a scenario.</summary>
internal sealed record Check(string Id, CheckKind Kind, double Value = 0, double WindowSeconds = 0, Severity Severity = Severity.Required, bool RequiresFallback = false, bool Informational = false);

/// <summary>
/// One failoverbench scenario as our suite runs it: the fault the primary (and, for S14, the fallback) applies, the
/// ideal outcome, the hang bound and the checks. Faults, checks and thresholds are the catalogue's (methodology v0.1,
/// "full" timing profile); the server code that produces them is LocalProviders'.
/// </summary>
internal sealed record Scenario(string Id, string Title, string PrimaryModel, string FallbackModel, Ideal Ideal, double MaxWallSeconds, Func<Fault> PrimaryFault, Func<Fault> FallbackFault, Check[] Checks, Fault? FirstPrimaryFault = null)
{
    public override string ToString() => Id;
}

internal static class BenchCatalogue
{
    /// <summary>Every healthy answer: sixty words, compared after whitespace normalisation.</summary>
    public const string Answer =
        "A gateway earns trust on the bad days, not the good ones. When a provider stalls, throttles or drops a stream halfway, "
        + "the gateway should notice quickly, retry only what is safe to retry, move to another model without repeating a word, "
        + "and tell the caller plainly which model answered and what it cost. Anything less merely hides the failure.";

    public const string Prompt = "Explain in sixty words why a gateway earns trust only when its provider misbehaves.";

    // The "full" timing profile of the catalogue's fault server.
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan SlowFirstToken = TimeSpan.FromSeconds(20);
    // 30 s, plus 1 ms: the chain's 30 s idle timeout and the server's close must not land on the same instant of the
    // fake clock, where their order would be a race. Against the real fault server the order is a race too (its close
    // usually lands a millisecond before the client's idle timer); the catalogue asks the client to detect the stall.
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(1);
    public const int CutAfterTokens = 40;
    public const int StallAfterTokens = 20;
    public const int MalformedAtToken = 10;

    public const string Fallback = "fb-ok";
    public const string FallbackNoPrefill = "fb-ok-noprefill";

    private static Fault Healthy() => Fault.Answer(Answer).ContinuingPrefill();

    private static Check NoHang => new("no_hang", CheckKind.NoHang);

    public static readonly Scenario[] Single =
    [
        new("S01", "429 with Retry-After", "fb-s01-429-retry-after", Fallback, Ideal.Success, 20,
            Healthy, Healthy,
            [
                new("retried", CheckKind.AttemptsPrimaryMin, 2, Severity: Severity.Advisory),
                new("retry_after_honoured", CheckKind.FirstGapMinSeconds, 1.8, Severity: Severity.Advisory),
                new("no_hammer", CheckKind.MaxAttemptsWithin, 2, WindowSeconds: 1.5),
            ],
            FirstPrimaryFault: Fault.RateLimited(RetryAfter)),
        new("S02", "429 without Retry-After, persistent", "fb-s02-429-persistent", Fallback, Ideal.Success, 40,
            () => Fault.RateLimited(), Healthy,
            [
                new("no_hammer", CheckKind.MaxAttemptsWithin, 4, WindowSeconds: 3),
                new("bounded_attempts", CheckKind.AttemptsPrimaryMax, 6),
                NoHang,
            ]),
        new("S03", "500 once, then healthy", "fb-s03-500-then-200", Fallback, Ideal.Success, 20,
            Healthy, Healthy,
            [NoHang, new("same_provider_retry", CheckKind.AttemptsPrimaryMin, 2, Severity: Severity.Advisory)],
            FirstPrimaryFault: Fault.Status(500)),
        new("S04", "503 persistent", "fb-s04-503-persistent", Fallback, Ideal.Success, 40,
            () => Fault.Status(503), Healthy,
            [new("bounded_attempts", CheckKind.AttemptsPrimaryMax, 6), NoHang]),
        new("S05", "TCP reset before headers", "fb-s05-reset", Fallback, Ideal.Success, 20,
            Healthy, Healthy,
            [NoHang],
            FirstPrimaryFault: Fault.ResetBeforeHeaders()),
        new("S06", "No response at all", "fb-s06-no-response", Fallback, Ideal.Success, 130,
            Fault.NeverAnswer, Healthy,
            [
                new("within_budget", CheckKind.WallMaxSeconds, 100),
                NoHang,
                new("silent_route_not_retried", CheckKind.AttemptsPrimaryMax, 1, Severity: Severity.Advisory),
            ]),
        new("S07", "Slow first token", "fb-s07-slow-ttft", Fallback, Ideal.Success, 60,
            () => Fault.Answer(Answer).WithFirstTokenAfter(SlowFirstToken).ContinuingPrefill(), Healthy,
            [NoHang, new("ttft_limit", CheckKind.WallMaxSeconds, 15, Severity: Severity.Advisory, RequiresFallback: true)]),
        new("S08", "Stream cut mid-answer", "fb-s08-stream-cut", Fallback, Ideal.Success, 40,
            () => Fault.Answer(Answer).CutAfter(CutAfterTokens).ContinuingPrefill(), Healthy,
            [new("no_truncated_success", CheckKind.NoTruncatedSuccess), NoHang]),
        new("S09", "Stream stalls", "fb-s09-stream-stall", Fallback, Ideal.Success, 70,
            () => Fault.Answer(Answer).StallAfter(StallAfterTokens, Stall).ContinuingPrefill(), Healthy,
            [
                new("bounded", CheckKind.WallMaxSeconds, 45),
                new("no_truncated_success", CheckKind.NoTruncatedSuccess),
                new("alive_after", CheckKind.AliveAfter),
                NoHang,
            ]),
        new("S10", "Malformed chunk in the stream", "fb-s10-malformed-chunk", Fallback, Ideal.Success, 30,
            () => Fault.Answer(Answer).WithMalformedEventAt(MalformedAtToken).ContinuingPrefill(), Healthy,
            [
                new("alive_after", CheckKind.AliveAfter),
                new("no_garbage", CheckKind.NoTruncatedSuccess),
                NoHang,
                new("recovered_in_place", CheckKind.Complete, Severity: Severity.Advisory),
            ]),
        new("S11", "Stream ends without [DONE]", "fb-s11-no-done", Fallback, Ideal.Success, 30,
            () => Fault.Answer(Answer).WithoutEndMarker().ContinuingPrefill(), Healthy,
            [
                new("prompt_finalise", CheckKind.WallMaxSeconds, 8),
                new("usage_reported", CheckKind.UsagePresent, Severity: Severity.Advisory),
            ]),
        new("S12", "Context length exceeded", "fb-s12-context-length", Fallback, Ideal.Success, 20,
            Fault.ContextLengthExceeded, Healthy,
            [new("no_same_model_retry", CheckKind.AttemptsPrimaryEq, 1), NoHang]),
        new("S13", "Content-filter rejection", "fb-s13-content-filter", Fallback, Ideal.Error, 20,
            Fault.ContentFiltered, Healthy,
            [
                new("no_same_model_retry", CheckKind.AttemptsPrimaryEq, 1),
                NoHang,
                new("fallback_attempted", CheckKind.FallbackUsed, Severity: Severity.Advisory, Informational: true),
            ]),
        new("S14", "Fallback target rejects prefill", "fb-s14-stream-cut", FallbackNoPrefill, Ideal.Success, 40,
            () => Fault.Answer(Answer).CutAfter(CutAfterTokens).ContinuingPrefill(), () => Fault.Answer(Answer).RejectingPrefill(),
            [new("no_prefill_masking", CheckKind.NoPrefillMasking), new("no_truncated_success", CheckKind.NoTruncatedSuccess)]),
        new("S16", "Fail-over accounting", "fb-s16-503-persistent", Fallback, Ideal.Success, 40,
            () => Fault.Status(503), Healthy,
            [
                new("reports_fallback_model", CheckKind.ReportedModelIsFallback, RequiresFallback: true),
                new("usage_present", CheckKind.UsagePresent, Severity: Severity.Advisory, RequiresFallback: true),
                new("bounded_attempts", CheckKind.AttemptsPrimaryMax, 6),
            ]),
    ];

    /// <summary>S15: the primary answers 503 for the first <c>down</c> seconds after the sequence starts, then is healthy.</summary>
    public static readonly Check[] FlapChecks =
    [
        new("no_hang", CheckKind.SeqNoHang),
        new("served_during_outage", CheckKind.SeqServedDuringOutage, RequiresFallback: true),
        new("recovered", CheckKind.SeqRecoveredWithinSeconds, 30, RequiresFallback: true),
        new("probe_discipline", CheckKind.SeqProbeDiscipline, Severity: Severity.Advisory, Informational: true),
    ];

    /// <summary>A sequence profile of S15: how many requests, how far apart, each one's hang bound, and the outage.</summary>
    internal sealed record FlapSequence(string Name, int Count, double IntervalSeconds, double PerRequestMaxWallSeconds, double DownSeconds)
    {
        public override string ToString() => Name;
    }

    public static readonly FlapSequence FullSequence = new("sequence", 20, 4, 30, 60);

    public static readonly FlapSequence FastSequence = new("fast_sequence", 10, 1.2, 10, 6);

    public static Scenario Get(string id)
    {
        foreach (Scenario scenario in Single)
        {
            if (scenario.Id == id)
            {
                return scenario;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(id), id, "No such scenario.");
    }

    public static IEnumerable<string> Ids()
    {
        foreach (Scenario scenario in Single)
        {
            yield return scenario.Id;
        }
    }
}
