using System.Threading;

namespace Fallback;

/// <summary>
/// A chain's request counters, lock-free. Successful requests are not counted here: each is one served count on
/// its model (<see cref="ModelCounters"/>), so a request is counted once, in exactly one outcome.
/// </summary>
internal sealed class RequestCounters
{
    private long _failed;
    private long _cancelled;
    private long _fallbacks;
    private long _finalFallbacks;

    public long Failed => Interlocked.Read(ref _failed);

    public long Cancelled => Interlocked.Read(ref _cancelled);

    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public long FinalFallbacks => Interlocked.Read(ref _finalFallbacks);

    public void OnCompleted(RequestOutcome outcome, bool fellBack)
    {
        switch (outcome)
        {
            case RequestOutcome.Success:
                break;
            case RequestOutcome.Cancelled:
                Interlocked.Increment(ref _cancelled);
                return; // A cancelled request is no fallback either.
            case RequestOutcome.FinalFallback:
                Interlocked.Increment(ref _finalFallbacks);
                Interlocked.Increment(ref _failed);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        if (fellBack)
        {
            Interlocked.Increment(ref _fallbacks);
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _cancelled, 0);
        Interlocked.Exchange(ref _fallbacks, 0);
        Interlocked.Exchange(ref _finalFallbacks, 0);
    }
}
