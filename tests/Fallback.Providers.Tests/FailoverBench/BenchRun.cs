using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>One scenario's run: the caller's result, both views' metrics, each check and the verdict.</summary>
internal sealed record BenchRun(Scenario Scenario, CallResult Call, BenchMetrics Metrics, IReadOnlyList<CheckResult> Checks, Verdict Verdict, string Reason, IReadOnlyList<RecordedRequest> PrimaryRequests, IReadOnlyList<RecordedRequest> FallbackRequests)
{
    public string Report => BenchScoring.Report(Scenario.Id + " " + Scenario.Title, Verdict, Reason, Checks, Metrics);

    public CheckResult this[string id] => Checks.Single(c => c.Check.Id == id);

    /// <summary>Runs <paramref name="scenario"/> once: reset servers, the call, both logs, the alive probe, the checks, the verdict.</summary>
    /// <param name="inspect">Looks at the rig (the chain's statistics, say) after the call, before the alive probe.</param>
    public static async Task<BenchRun> RunAsync(Sdk sdk, Mode mode, Column column, Scenario scenario, Action<FallbackOptions>? configure = null, Action<BenchRig>? inspect = null, int primaryRetries = 2, bool? fallbackSupportsPrefill = null)
    {
        await using BenchRig rig = await BenchRig.StartAsync(sdk, column, scenario.PrimaryModel, scenario.FallbackModel, configure, primaryRetries, fallbackSupportsPrefill);
        if (scenario.FirstPrimaryFault is { } first)
        {
            rig.Primary.Script.Enqueue(first);
        }

        rig.Primary.Script.Default = scenario.PrimaryFault();
        rig.Backup.Script.Default = scenario.FallbackFault();
        DateTimeOffset start = rig.Clock.GetUtcNow();

        CallResult call = await rig.AskAsync(mode, scenario.MaxWallSeconds);
        RecordedRequest[] primary = [.. rig.Primary.Requests];
        RecordedRequest[] fallback = [.. rig.Backup.Requests];
        inspect?.Invoke(rig);
        (bool alive, string? aliveError) = await rig.AliveProbeAsync();

        var metrics = new BenchMetrics
        {
            Outcome = call.Outcome,
            Text = call.Response?.Text,
            Error = call.Error,
            ElapsedSeconds = call.ElapsedSeconds,
            ReportedModel = call.Response?.ModelId,
            UsagePresent = HasUsage(call.Response),
            AttemptsPrimary = primary.Length,
            AttemptsFallback = fallback.Length,
            PrimaryTimes = primary.Select(r => (r.ReceivedAt - start).TotalSeconds).ToArray(),
            PrefillRejections = primary.Concat(fallback).Count(r => r.PrefillRejected),
            AliveAfter = alive,
            AliveError = aliveError,
            FallbackModel = scenario.FallbackModel,
        };

        CheckResult[] checks = scenario.Checks.Select(c => BenchScoring.Evaluate(c, metrics)).ToArray();
        (Verdict verdict, string reason) = BenchScoring.Judge(scenario.Ideal, checks, metrics);
        return new BenchRun(scenario, call, metrics, checks, verdict, reason, primary, fallback);
    }

    public static bool HasUsage(ChatResponse? response)
        => response?.Usage is { } usage && (usage.InputTokenCount > 0 || usage.OutputTokenCount > 0 || usage.TotalTokenCount > 0);
}
