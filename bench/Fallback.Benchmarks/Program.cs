using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Fallback.Benchmarks;

/// <summary>
/// Runs the suite. The full run, by hand:
/// <c>dotnet run -c Release --project bench/Fallback.Benchmarks -- --filter '*' --job short</c>;
/// the CI smoke run: the same with <c>--job dry</c>; the allocation breakdown: <c>-- --probe</c>.
/// Exits with 1 when a benchmark failed (its setup's validation threw, it did not build, or it crashed), so CI can tell.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 1 && string.Equals(args[0], "--probe", StringComparison.Ordinal))
        {
            await AllocationProbe.RunAsync().ConfigureAwait(false);
            return 0;
        }

        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        var failed = new List<string>();
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failed.Add(summary.Title + ": " + string.Join("; ", summary.ValidationErrors.Select(static e => e.Message)));
            }

            failed.AddRange(summary.Reports.Where(static r => !r.Success).Select(static r => r.BenchmarkCase.DisplayInfo));
            failed.AddRange(summary.BenchmarksCases.Where(c => !summary.Reports.Any(r => r.BenchmarkCase == c)).Select(static c => c.DisplayInfo + " (no report)"));
        }

        if (failed.Count > 0)
        {
            Console.Error.WriteLine("Benchmarks failed:");
            foreach (string name in failed)
            {
                Console.Error.WriteLine("  " + name);
            }

            return 1;
        }

        return 0;
    }
}
