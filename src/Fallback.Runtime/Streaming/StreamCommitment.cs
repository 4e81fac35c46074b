using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// When a stream commits to its model. Updates the caller cannot see (Anthropic's <c>message_start</c>, an OpenAI
/// role-only chunk) are held back while nothing was delivered, so a failure then still falls back invisibly; the
/// first update with content commits the stream, and the held ones go out ahead of it, in order. Buffering holds
/// every update until the stream completed, so any failure falls back invisibly.
/// </summary>
internal struct StreamCommitment
{
    private List<ChatResponseUpdate>? _held;

    /// <summary>Updates delivered to the caller, held ones included. Above zero, the stream is committed.</summary>
    public int Delivered;

    /// <summary>The level of the model the stream is on: what its first update and the request's activity report.</summary>
    public int Level;

    public readonly bool IsCommitted => Delivered > 0;

    /// <summary>The update that says who serves: the first held one, else <paramref name="update"/>.</summary>
    public readonly ChatResponseUpdate FirstOfOutput(ChatResponseUpdate update) => _held?[0] ?? update;

    /// <summary>
    /// Holds <paramref name="update"/> back when nothing was delivered and the caller would see nothing in it; with
    /// <paramref name="recovery"/> <see cref="StreamRecovery.Buffer"/>, holds every update until the stream completes.
    /// </summary>
    public bool TryHold(ChatResponseUpdate update, StreamRecovery recovery)
    {
        if (Delivered != 0 || (recovery != StreamRecovery.Buffer && (update.Contents.Count != 0 || update.FinishReason is not null)))
        {
            return false;
        }

        (_held ??= new List<ChatResponseUpdate>(2)).Add(update);
        return true;
    }

    /// <summary>The next held update to deliver, counted as delivered; false when none is left (and the hold is let go).</summary>
    public bool TryRelease(out ChatResponseUpdate update)
    {
        // Held updates are indexed by the delivered count: no second counter across the iterator's yields.
        if (_held is not null && Delivered < _held.Count)
        {
            update = _held[Delivered++];
            return true;
        }

        _held = null;
        update = null!;
        return false;
    }

    /// <summary>The attempt failed before committing: what it held is dropped with it.</summary>
    public void Drop() => _held = null;

    /// <summary>
    /// Whether a stream that ended is cut rather than complete: no update carried a finish reason (both official SDKs
    /// end a dropped connection that way) and the chain requires one.
    /// </summary>
    public static bool EndedCut(bool sawFinishReason, bool requireFinishReason) => !sawFinishReason && requireFinishReason;
}
