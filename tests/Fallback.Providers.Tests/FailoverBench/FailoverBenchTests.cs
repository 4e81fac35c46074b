using System;
using System.Linq;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>
/// failoverbench's single-request scenarios (S01–S14, S16) through the real OpenAI and Anthropic SDKs, streamed and
/// not, under each options column. Each run computes the catalogue's checks and the verdict by the benchmark's rules,
/// and asserts the verdict the chain must reach (the target: some cells are not implemented by the engine yet).
/// </summary>
[Collection(BenchRig.Collection)]
public sealed class FailoverBenchTests(ITestOutputHelper output)
{
    public static TheoryData<Sdk, Mode, Column, string> Cells()
    {
        var data = new TheoryData<Sdk, Mode, Column, string>();
        foreach (Column column in Enum.GetValues<Column>())
        {
            foreach (Mode mode in Enum.GetValues<Mode>())
            {
                // A per-request stream recovery means nothing to a request that does not stream.
                if (column == Column.BufferPerRequest && mode == Mode.NonStreaming)
                {
                    continue;
                }

                foreach (Sdk sdk in new[] { Sdk.OpenAI, Sdk.Anthropic })
                {
                    foreach (string id in BenchCatalogue.Ids())
                    {
                        data.Add(sdk, mode, column, id);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>The verdict each cell must reach.</summary>
    internal static Verdict Expected(string id, Mode mode, Column column)
    {
        if (column is Column.Continue or Column.Buffer or Column.BufferPerRequest)
        {
            return Verdict.Pass; // Recovery on and a first-token limit: every scenario is rescued.
        }

        return id switch
        {
            // No first-token limit: the slow answer arrives whole after 20 s (ttft_limit is advisory).
            "S07" => column == Column.FirstToken ? Verdict.Pass : Verdict.Partial,

            // A stream that breaks after output is reported (StreamInterruptedException), never passed off as whole.
            "S08" or "S09" or "S10" or "S14" when mode == Mode.Streaming => Verdict.Safe,
            _ => Verdict.Pass,
        };
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Scenario_reaches_its_verdict(Sdk sdk, Mode mode, Column column, string id)
    {
        BenchRun run = await BenchRun.RunAsync(sdk, mode, column, BenchCatalogue.Get(id));

        Verdict expected = Expected(id, mode, column);
        output.WriteLine(run.Report);
        Assert.True(run.Verdict == expected, $"expected {expected.ToString().ToLowerInvariant()}: " + run.Report);
    }
}
