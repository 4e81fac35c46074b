using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Fallback.Runtime.Tests.Support;

public static class Eventually
{
    /// <summary>
    /// Yields until <paramref name="condition"/> holds: for work that continues on the thread pool after a
    /// fake-clock advance. Never sleeps; fails after a generous real-time bound so a bug cannot hang the run.
    /// </summary>
    public static async Task True(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("Condition never held: " + what);
            }

            await Task.Yield();
        }
    }
}
