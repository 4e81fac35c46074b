using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Fallback;

/// <summary>
/// The fallback count each check saw at its previous run, per check and chain: what "served by a fallback since
/// the last check" is measured from. A singleton, because the health check service builds a check anew for each run.
/// The first run measures from zero (every fallback since the chain started counting); a count lower than the one
/// seen before means the statistics were reset, and is measured from zero too.
/// </summary>
internal sealed class FallbackHealthBaselines
{
    private readonly ConcurrentDictionary<(string Check, string Chain), StrongBox<long>> _seen = new();

    /// <summary>Records <paramref name="fallbackCount"/> as seen and returns how many fallbacks are new since the previous call.</summary>
    public long Advance(string check, string chain, long fallbackCount)
    {
        StrongBox<long> box = _seen.GetOrAdd((check, chain), static _ => new StrongBox<long>(0));
        long previous = Interlocked.Exchange(ref box.Value, fallbackCount);
        return fallbackCount >= previous ? fallbackCount - previous : fallbackCount;
    }
}
