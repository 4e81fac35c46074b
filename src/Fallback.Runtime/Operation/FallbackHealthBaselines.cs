using System.Collections.Concurrent;
using System.Threading;

namespace Fallback;

/// <summary>
/// The counters each check saw at its previous run, per check and chain: what "served by a fallback since the last
/// check" is measured from. A singleton, because the health check service builds a check anew for each run. The
/// first run measures from zero (every fallback since the chain started counting). Counters lower than the ones seen
/// before mean the statistics were reset: that run measures from zero too. (A reset followed by more requests than
/// the chain had before it, all between two runs, cannot be told from no reset: those fallbacks are undercounted.)
/// </summary>
internal sealed class FallbackHealthBaselines
{
    private readonly ConcurrentDictionary<(string Check, string Chain), Seen> _seen = new();

    /// <summary>Records the counters of <paramref name="stats"/> as seen and returns how many fallbacks are new since the previous call.</summary>
    public long Advance(string check, string chain, FallbackStats stats)
    {
        var now = new Seen(stats.FallbackCount, stats.TotalRequests + stats.CancelledRequests);
        Seen? previous = null;
        _seen.AddOrUpdate((check, chain), now, (_, old) =>
        {
            previous = old;
            return now;
        });

        if (previous is null || now.Fallbacks < previous.Fallbacks || now.Requests < previous.Requests)
        {
            return now.Fallbacks;
        }

        return now.Fallbacks - previous.Fallbacks;
    }

    private sealed record Seen(long Fallbacks, long Requests);
}
