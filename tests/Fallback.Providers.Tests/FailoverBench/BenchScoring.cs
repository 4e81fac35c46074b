using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>What the caller got from one call.</summary>
internal enum Outcome
{
    Success,
    Error,
    Hang,
}

/// <summary>A scenario's verdict, by failoverbench's rules.</summary>
internal enum Verdict
{
    Pass,
    Partial,
    Safe,
    Fail,
}

internal enum CheckStatus
{
    Pass,
    Fail,
    Info,
    NotApplicable,
}

internal sealed record CheckResult(Check Check, CheckStatus Status, string Detail)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Check.Id}={Status} ({Detail})");
}

/// <summary>
/// Both views of one scenario run, as the benchmark combines them: the caller's (outcome, text, model, usage, time on
/// the fake clock) and the providers' (every request the local servers recorded, with its time on the same clock).
/// </summary>
internal sealed class BenchMetrics
{
    public Outcome Outcome { get; init; }

    public string? Text { get; init; }

    public Exception? Error { get; init; }

    public double ElapsedSeconds { get; init; }

    public string? ReportedModel { get; init; }

    public bool UsagePresent { get; init; }

    public int AttemptsPrimary { get; init; }

    public int AttemptsFallback { get; init; }

    /// <summary>Seconds from the start of the call to each primary attempt.</summary>
    public IReadOnlyList<double> PrimaryTimes { get; init; } = [];

    public int PrefillRejections { get; init; }

    public bool AliveAfter { get; init; }

    public string? AliveError { get; init; }

    public string FallbackModel { get; init; } = "";

    public bool HasFallback { get; init; } = true;

    // Sequence mode (S15).
    public int SeqHangs { get; init; }

    public int SeqCount { get; init; }

    public int SeqRequestsDuringDown { get; init; }

    public int SeqServedDuringDown { get; init; }

    public int SeqPrimaryAttemptsDuringDown { get; init; }

    public double? SeqRecoveredAfterSeconds { get; init; }

    public bool Complete => Outcome == Outcome.Success && Normalise(Text) == Normalise(BenchCatalogue.Answer);

    public static string Normalise(string? text) => Regex.Replace((text ?? "").Trim(), @"\s+", " ");

    public int Words => Normalise(Text).Length == 0 ? 0 : Normalise(Text).Split(' ').Length;
}

/// <summary>The catalogue's check kinds and verdict rules, in our code.</summary>
internal static class BenchScoring
{
    public static CheckResult Evaluate(Check check, BenchMetrics m)
    {
        CheckResult Out(bool? ok, string detail) => new(check,
            ok is null ? CheckStatus.NotApplicable : ok.Value ? CheckStatus.Pass : check.Informational ? CheckStatus.Info : CheckStatus.Fail,
            detail);

        if (check.RequiresFallback && !m.HasFallback)
        {
            return Out(null, "n/a: no fallback");
        }

        Outcome oc = m.Outcome;
        string F(double v) => v.ToString("0.0##", CultureInfo.InvariantCulture);
        switch (check.Kind)
        {
            case CheckKind.NoHang:
                return Out(oc != Outcome.Hang, oc == Outcome.Hang ? "HANG" : $"ended in {F(m.ElapsedSeconds)}s ({oc})");
            case CheckKind.Complete:
                return Out(m.Complete, m.Complete ? "complete answer" : oc == Outcome.Success ? "truncated/altered answer" : oc.ToString());
            case CheckKind.NoTruncatedSuccess:
            {
                bool bad = oc == Outcome.Success && !m.Complete;
                return Out(!bad, bad ? $"success with {m.Words}/60 words" : oc == Outcome.Success ? "complete answer" : $"no success claimed ({oc})");
            }

            case CheckKind.AttemptsPrimaryMin:
                return Out(m.AttemptsPrimary >= check.Value, $"{m.AttemptsPrimary} primary attempt(s)");
            case CheckKind.AttemptsPrimaryMax:
                return Out(m.AttemptsPrimary <= check.Value, $"{m.AttemptsPrimary} primary attempt(s)");
            case CheckKind.AttemptsPrimaryEq:
                return Out(m.AttemptsPrimary == (int)check.Value, $"{m.AttemptsPrimary} primary attempt(s)");
            case CheckKind.FirstGapMinSeconds:
            {
                double? gap = m.PrimaryTimes.Count >= 2 ? m.PrimaryTimes[1] - m.PrimaryTimes[0] : null;
                return Out(gap >= check.Value, gap is null ? "no second attempt" : $"gap {F(gap.Value)}s");
            }

            case CheckKind.MaxAttemptsWithin:
            {
                int n = m.PrimaryTimes.Count == 0 ? 0 : m.PrimaryTimes.Count(t => t - m.PrimaryTimes[0] < check.WindowSeconds);
                return Out(n <= check.Value, $"{n} attempt(s) in first {F(check.WindowSeconds)}s");
            }

            case CheckKind.WallMaxSeconds:
                return Out(oc != Outcome.Hang && m.ElapsedSeconds <= check.Value, $"{F(m.ElapsedSeconds)}s");
            case CheckKind.AliveAfter:
                return Out(m.AliveAfter, m.AliveAfter ? "healthy call succeeded afterwards" : "healthy call failed afterwards: " + m.AliveError);
            case CheckKind.FallbackUsed:
                return Out(m.AttemptsFallback >= 1, $"{m.AttemptsFallback} fallback attempt(s)");
            case CheckKind.ReportedModelIsFallback:
                if (m.AttemptsFallback == 0)
                {
                    return Out(null, "n/a: the fallback was never used");
                }

                return Out(m.ReportedModel is { Length: > 0 } reported && reported.Contains(m.FallbackModel, StringComparison.OrdinalIgnoreCase),
                    $"model = '{m.ReportedModel}'");
            case CheckKind.UsagePresent:
                return Out(m.UsagePresent, m.UsagePresent ? "usage present" : "no usage");
            case CheckKind.NoPrefillMasking:
            {
                bool masked = oc == Outcome.Error && m.PrefillRejections > 0;
                return Out(!masked, $"{m.PrefillRejections} prefill rejection(s); final outcome {oc}");
            }

            case CheckKind.SeqNoHang:
                return Out(m.SeqHangs == 0, $"{m.SeqHangs} hung request(s) of {m.SeqCount}");
            case CheckKind.SeqServedDuringOutage:
                return Out(m.SeqRequestsDuringDown > 0 && m.SeqServedDuringDown == m.SeqRequestsDuringDown,
                    $"{m.SeqServedDuringDown}/{m.SeqRequestsDuringDown} answered while the primary was down");
            case CheckKind.SeqRecoveredWithinSeconds:
                return Out(m.SeqRecoveredAfterSeconds is { } r && r <= check.Value,
                    m.SeqRecoveredAfterSeconds is { } rec ? $"primary answered again {F(rec)}s after recovery" : "primary never used again after recovery");
            case CheckKind.SeqProbeDiscipline:
                return Out(m.SeqPrimaryAttemptsDuringDown <= m.SeqRequestsDuringDown,
                    $"{m.SeqPrimaryAttemptsDuringDown} primary attempt(s) for {m.SeqRequestsDuringDown} request(s) during the outage");
            default:
                throw new ArgumentOutOfRangeException(nameof(check), check.Kind, null);
        }
    }

    public static (Verdict Verdict, string Reason) Judge(Ideal ideal, IReadOnlyList<CheckResult> checks, BenchMetrics m)
    {
        if (m.Outcome == Outcome.Hang)
        {
            return (Verdict.Fail, "hang");
        }

        if (m.Outcome == Outcome.Success && !m.Complete && ideal == Ideal.Success)
        {
            return (Verdict.Fail, "truncated answer presented as success");
        }

        string[] failedRequired = checks.Where(c => c.Status == CheckStatus.Fail && c.Check.Severity == Severity.Required).Select(c => c.Check.Id).ToArray();
        if (failedRequired.Length > 0)
        {
            return (Verdict.Fail, "failed: " + string.Join(", ", failedRequired));
        }

        string[] failedAdvisory = checks.Where(c => c.Status == CheckStatus.Fail && c.Check.Severity == Severity.Advisory).Select(c => c.Check.Id).ToArray();
        bool rescued;
        if (ideal == Ideal.Success)
        {
            rescued = m.Complete;
        }
        else
        {
            if (m.Outcome == Outcome.Success)
            {
                return (Verdict.Partial, "answered by routing around the rejection");
            }

            rescued = m.Outcome == Outcome.Error;
        }

        if (rescued)
        {
            return failedAdvisory.Length > 0 ? (Verdict.Partial, "rescued; advisory: " + string.Join(", ", failedAdvisory)) : (Verdict.Pass, "rescued");
        }

        return (Verdict.Safe, "not rescued, clean error: " + Describe(m.Error));
    }

    public static string Describe(Exception? error)
    {
        if (error is null)
        {
            return "none";
        }

        string message = error.Message.Length > 160 ? error.Message[..160] + "..." : error.Message;
        return error.GetType().Name + ": " + message;
    }

    /// <summary>A one-block account of a run, for assertion messages.</summary>
    public static string Report(string title, Verdict verdict, string reason, IReadOnlyList<CheckResult> checks, BenchMetrics m)
    {
        var text = new StringBuilder();
        text.Append(title).Append(": verdict ").Append(verdict.ToString().ToLowerInvariant()).Append(" (").Append(reason).Append(')');
        text.Append("; outcome ").Append(m.Outcome).Append(", ").Append(m.Words).Append("/60 words, ")
            .Append(m.ElapsedSeconds.ToString("0.0##", CultureInfo.InvariantCulture)).Append("s on the clock, attempts primary ")
            .Append(m.AttemptsPrimary).Append(" fallback ").Append(m.AttemptsFallback);
        if (m.Error is not null)
        {
            text.Append(", error ").Append(Describe(m.Error));
        }

        text.Append("; checks: ").Append(string.Join("; ", checks));
        return text.ToString();
    }
}
