using System.Threading;

namespace Fallback;

/// <summary>
/// The circuit's counting rule: which failures say something about a model's health, and how many failed requests
/// in a row open its circuit. A request counts once, when it leaves the model after its last attempt there, so one
/// request's own retries never open the circuit by themselves; a failed trial reopens it at once. The state it
/// drives is <see cref="CircuitBreaker"/>'s.
/// </summary>
internal sealed class ConsecutiveFailuresRule
{
    private int _consecutive;

    public int Count => Volatile.Read(ref _consecutive);

    /// <summary>Failures of the model, not of the prompt: a prompt too long, filtered or malformed says nothing about its health.</summary>
    public static bool Counts(FailureKind kind)
        => kind is not (FailureKind.ContextLengthExceeded or FailureKind.ContentFiltered or FailureKind.ClientError or FailureKind.Cancelled);

    /// <summary>
    /// Counts a failed attempt: true when the circuit should open (or reopen). Only the request's last attempt on the
    /// model counts (<paramref name="leaving"/>). A threshold of 0 turns the breaker off.
    /// </summary>
    public bool OnFailure(FailureKind kind, bool isTrial, bool leaving, int threshold)
    {
        if (threshold <= 0 || !leaving || !Counts(kind))
        {
            return false;
        }

        return Interlocked.Increment(ref _consecutive) >= threshold || isTrial;
    }

    /// <summary>A success ends the run of failures (written only when set: stores to a shared line cost more than reads).</summary>
    public void OnSuccess()
    {
        if (Volatile.Read(ref _consecutive) != 0)
        {
            Volatile.Write(ref _consecutive, 0);
        }
    }
}
