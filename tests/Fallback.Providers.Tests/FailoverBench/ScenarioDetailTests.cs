using System;
using System.Linq;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>
/// What the verdicts alone do not pin down: the exact conduct behind S06, S13, S16 and the recovery columns, asserted
/// fact by fact so a regression names itself.
/// </summary>
[Collection(BenchRig.Collection)]
public sealed class ScenarioDetailTests
{
    public static TheoryData<Sdk, Mode> Both()
    {
        var data = new TheoryData<Sdk, Mode>();
        foreach (Sdk sdk in new[] { Sdk.OpenAI, Sdk.Anthropic })
        {
            foreach (Mode mode in Enum.GetValues<Mode>())
            {
                data.Add(sdk, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task S06_silent_primary_costs_one_attempt_timeout_then_the_fallback_answers(Sdk sdk, Mode mode)
    {
        BenchRun run = await BenchRun.RunAsync(sdk, mode, Column.Defaults, BenchCatalogue.Get("S06"));

        Assert.Equal(Verdict.Pass, run.Verdict);
        Assert.Single(run.PrimaryRequests);
        Assert.Single(run.FallbackRequests);
        Assert.Equal(BenchRig.AttemptTimeout.TotalSeconds, run.Metrics.ElapsedSeconds, precision: 3);
        Assert.Equal(new FallbackInfo(ProviderHarness.ProviderName(sdk) + "/" + BenchCatalogue.Fallback, 1), run.Call.Response!.GetFallbackInfo());
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task S13_content_filter_ends_the_request_with_the_providers_reason(Sdk sdk, Mode mode)
    {
        Scenario s13 = BenchCatalogue.Get("S13");
        BenchRun run = await BenchRun.RunAsync(sdk, mode, Column.Defaults, s13);

        Assert.True(run.Verdict == Verdict.Pass, run.Report);
        ContentFilteredException filtered = Assert.IsType<ContentFilteredException>(run.Call.Error);
        Assert.Equal("failoverbench", filtered.ChainName);
        Assert.Equal(ProviderHarness.ProviderName(sdk), filtered.Provider);
        Assert.Equal(s13.PrimaryModel, filtered.Model);
        Assert.Equal(400, filtered.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(filtered.Reason), "the provider's reason is propagated");
        Assert.Single(run.PrimaryRequests);
        Assert.Empty(run.FallbackRequests);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task S13_routing_around_the_filter_is_opt_in_and_scores_partial(Sdk sdk, Mode mode)
    {
        BenchRun run = await BenchRun.RunAsync(sdk, mode, Column.Defaults, BenchCatalogue.Get("S13"), o => o.FallBackOnContentFilter = true);

        Assert.True(run.Verdict == Verdict.Partial, run.Report);
        Assert.Equal(Outcome.Success, run.Metrics.Outcome);
        Assert.Single(run.PrimaryRequests);
        Assert.Single(run.FallbackRequests);
        Assert.Equal(CheckStatus.Pass, run["fallback_attempted"].Status);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task S16_the_answer_names_the_fallback_and_carries_its_usage(Sdk sdk, Mode mode)
    {
        FallbackStats? stats = null;
        BenchRun run = await BenchRun.RunAsync(sdk, mode, Column.Defaults, BenchCatalogue.Get("S16"), inspect: rig => stats = rig.Chain.GetStats());

        Assert.True(run.Verdict == Verdict.Pass, run.Report);
        ChatResponse response = run.Call.Response!;
        Assert.Contains(BenchCatalogue.Fallback, response.ModelId, StringComparison.Ordinal);
        Assert.Equal(new FallbackInfo(ProviderHarness.ProviderName(sdk) + "/" + BenchCatalogue.Fallback, 1), response.GetFallbackInfo());
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage!.OutputTokenCount > 0, "the fallback's output tokens are reported");
        Assert.Equal(3, run.PrimaryRequests.Count); // MaxRetries = 2.
        Assert.All(run.PrimaryRequests, r => Assert.Equal(503, r.StatusCode));

        // The failed attempts are not billed as completions: the primary served nothing.
        Assert.Equal(0, stats!.ModelUsage[ProviderHarness.ProviderName(sdk) + "/fb-s16-503-persistent"]);
        Assert.Equal(1, stats.ModelUsage[ProviderHarness.ProviderName(sdk) + "/" + BenchCatalogue.Fallback]);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Continue_sends_the_delivered_text_as_a_prefill_and_streams_only_the_rest(Sdk sdk)
    {
        BenchRun run = await BenchRun.RunAsync(sdk, Mode.Streaming, Column.Continue, BenchCatalogue.Get("S08"));

        Assert.True(run.Verdict == Verdict.Pass, run.Report);
        RecordedRequest[] prefills = run.PrimaryRequests.Concat(run.FallbackRequests).Where(r => r.LastRole == "assistant").ToArray();
        RecordedRequest prefill = Assert.Single(prefills);
        string delivered = prefill.LastText!.TrimEnd();
        Assert.StartsWith(delivered, BenchCatalogue.Answer, StringComparison.Ordinal);
        Assert.Equal(BenchCatalogue.CutAfterTokens, delivered.Split(' ').Length);
        Assert.Equal(0, run.Metrics.PrefillRejections);
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Continue_never_surfaces_a_prefill_rejection(Sdk sdk)
    {
        // The primary may not retry, so only the fallback could continue; it claims prefill support but refuses it.
        BenchRun run = await BenchRun.RunAsync(sdk, Mode.Streaming, Column.Continue, BenchCatalogue.Get("S14"), primaryRetries: 0, fallbackSupportsPrefill: true);

        if (run.Metrics.Outcome == Outcome.Error)
        {
            StreamInterruptedException cut = Assert.IsType<StreamInterruptedException>(run.Call.Error);
            Assert.Equal("fb-s14-stream-cut", cut.Model);
            Assert.NotEqual(FailureKind.ClientError, cut.Kind);
        }
        else
        {
            Assert.True(run.Metrics.Complete, run.Report);
        }
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Continue_sends_no_prefill_to_a_model_that_does_not_declare_support(Sdk sdk)
    {
        BenchRun run = await BenchRun.RunAsync(sdk, Mode.Streaming, Column.Continue, BenchCatalogue.Get("S14"), primaryRetries: 0, fallbackSupportsPrefill: false);

        Assert.DoesNotContain(run.FallbackRequests, r => r.LastRole == "assistant");
        Assert.Equal(0, run.Metrics.PrefillRejections);
        Assert.NotEqual(Verdict.Fail, run.Verdict);
    }
}
