using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Xunit.Abstractions;
using static Fallback.Providers.Tests.FailoverBench.BenchCatalogue;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>
/// S15, "primary flaps: down, then healthy": the primary answers 503 until the outage ends (on the fake clock, counted
/// from the first request), then answers; requests go out at fixed intervals. Scored: no request hung, every request
/// during the outage answered, the primary used again within 30 s of recovering, and (informational) primary attempts
/// per request during the outage.
/// </summary>
[Collection(BenchRig.Collection)]
public sealed class CircuitSequenceTests(ITestOutputHelper output)
{
    public static TheoryData<Sdk, Mode, Column, string> Cells()
    {
        var data = new TheoryData<Sdk, Mode, Column, string>();
        foreach (Sdk sdk in new[] { Sdk.OpenAI, Sdk.Anthropic })
        {
            foreach (Mode mode in Enum.GetValues<Mode>())
            {
                foreach (Column column in new[] { Column.Defaults, Column.Continue, Column.Buffer })
                {
                    data.Add(sdk, mode, column, FastSequence.Name);
                }
            }

            // The full sequence (20 requests, 4 s apart, a 60 s outage) costs no real time on the fake clock.
            data.Add(sdk, Mode.Streaming, Column.Defaults, FullSequence.Name);
            data.Add(sdk, Mode.NonStreaming, Column.Defaults, FullSequence.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task S15_flapping_primary_is_served_around_and_returned_to(Sdk sdk, Mode mode, Column column, string sequence)
    {
        FlapSequence profile = sequence == FastSequence.Name ? FastSequence : FullSequence;

        (BenchMetrics m, List<(double Sent, CallResult Result)> items, IReadOnlyList<RecordedRequest> primary) = await RunAsync(sdk, mode, column, profile);

        CheckResult[] checks = FlapChecks.Select(c => BenchScoring.Evaluate(c, m)).ToArray();
        (Verdict verdict, string reason) = BenchScoring.Judge(Ideal.Success, checks, m);
        string report = BenchScoring.Report("S15 Primary flaps (" + sequence + ")", verdict, reason, checks, m)
            + "; requests: " + string.Join(", ", items.Select(i => $"{i.Sent:0.#}s {i.Result.Outcome} {i.Result.Response?.ModelId} {i.Result.ElapsedSeconds:0.##}s"))
            + "; primary log: " + string.Join(", ", primary.Select(r => $"{(r.ReceivedAt - primary[0].ReceivedAt).TotalSeconds:0.##}s {r.StatusCode}"));
        output.WriteLine(report);
        Assert.True(verdict == Verdict.Pass, "expected pass: " + report);

        // The breaker at work: once open, requests during the outage skip the primary (fewer attempts than the
        // 3 per request that retries alone would cost), and after recovery it answers again.
        Assert.True(m.SeqPrimaryAttemptsDuringDown < 3 * m.SeqRequestsDuringDown, report);
        Assert.Contains(items, i => i.Sent >= profile.DownSeconds && i.Result.Response?.ModelId?.Contains("fb-s15-flap", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task S15_full_sequence_measured_with_a_two_minute_cooldown_cap_never_returns_to_the_primary(Sdk sdk)
    {
        // Why CircuitBreakerMaxCooldown defaults to 20 s: with a 2 min cap the failed trials at 16, 28 and 48 s push the
        // next one past the last request (76 s), so the primary, healthy again from 60 s, is never used again.
        (BenchMetrics m, _, _) = await RunAsync(sdk, Mode.Streaming, Column.Defaults, FullSequence, o => o.CircuitBreakerMaxCooldown = TimeSpan.FromMinutes(2));

        CheckResult[] checks = FlapChecks.Select(c => BenchScoring.Evaluate(c, m)).ToArray();
        (Verdict verdict, string reason) = BenchScoring.Judge(Ideal.Success, checks, m);
        Assert.Equal(Verdict.Fail, verdict);
        Assert.Contains("recovered", reason, StringComparison.Ordinal);
    }

    internal static async Task<(BenchMetrics, List<(double, CallResult)>, IReadOnlyList<RecordedRequest>)> RunAsync(Sdk sdk, Mode mode, Column column, FlapSequence profile, Action<FallbackOptions>? configure = null)
    {
        await using BenchRig rig = await BenchRig.StartAsync(sdk, column, "fb-s15-flap", BenchCatalogue.Fallback, configure);
        DateTimeOffset t0 = rig.Clock.GetUtcNow();
        rig.Primary.Script.Default = Fault.Switch(t0 + TimeSpan.FromSeconds(profile.DownSeconds), Fault.Status(503), Fault.Answer(Answer).ContinuingPrefill());
        rig.Backup.Script.Default = Fault.Answer(Answer).ContinuingPrefill();

        var items = new List<(double Sent, CallResult Result)>();
        for (int i = 0; i < profile.Count; i++)
        {
            DateTimeOffset target = t0 + TimeSpan.FromSeconds(i * profile.IntervalSeconds);
            if (target > rig.Clock.GetUtcNow())
            {
                rig.Clock.Advance(target - rig.Clock.GetUtcNow());
            }

            double sent = (rig.Clock.GetUtcNow() - t0).TotalSeconds;
            items.Add((sent, await rig.AskAsync(mode, profile.PerRequestMaxWallSeconds)));
        }

        RecordedRequest[] primary = [.. rig.Primary.Requests];
        (bool alive, string? aliveError) = await rig.AliveProbeAsync();
        double[] recovered = primary.Where(r => r.StatusCode == 200).Select(r => (r.ReceivedAt - t0).TotalSeconds).ToArray();
        var during = items.Where(i => i.Sent < profile.DownSeconds).ToList();
        CallResult last = items[^1].Result;
        var metrics = new BenchMetrics
        {
            Outcome = items.Any(i => i.Result.Outcome == Outcome.Hang) ? Outcome.Hang
                : items.All(i => i.Result.Outcome == Outcome.Success) ? Outcome.Success : Outcome.Error,
            Text = items.All(i => i.Result.Outcome == Outcome.Success && BenchMetrics.Normalise(i.Result.Response!.Text) == BenchMetrics.Normalise(Answer)) ? Answer : last.Response?.Text,
            Error = items.Select(i => i.Result.Error).FirstOrDefault(e => e is not null),
            ElapsedSeconds = (rig.Clock.GetUtcNow() - t0).TotalSeconds,
            ReportedModel = last.Response?.ModelId,
            UsagePresent = BenchRun.HasUsage(last.Response),
            AttemptsPrimary = primary.Length,
            AttemptsFallback = rig.Backup.Requests.Count,
            PrimaryTimes = primary.Select(r => (r.ReceivedAt - t0).TotalSeconds).ToArray(),
            AliveAfter = alive,
            AliveError = aliveError,
            FallbackModel = BenchCatalogue.Fallback,
            SeqCount = items.Count,
            SeqHangs = items.Count(i => i.Result.Outcome == Outcome.Hang),
            SeqRequestsDuringDown = during.Count,
            SeqServedDuringDown = during.Count(i => i.Result.Outcome == Outcome.Success),
            SeqPrimaryAttemptsDuringDown = primary.Count(r => (r.ReceivedAt - t0).TotalSeconds < profile.DownSeconds),
            SeqRecoveredAfterSeconds = recovered.Length > 0 ? recovered.Min() - profile.DownSeconds : null,
        };

        return (metrics, items, primary);
    }
}
