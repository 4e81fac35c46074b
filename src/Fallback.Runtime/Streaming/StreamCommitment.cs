using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// When a stream commits to its model. Updates the caller cannot see (Anthropic's <c>message_start</c>, an OpenAI
/// role-only chunk) are held back while nothing was delivered, so a failure then still falls back invisibly; the
/// first update with content commits the stream, and the held ones go out ahead of it, in order. Buffering holds
/// every update until the stream completed, so any failure falls back invisibly. In Continue mode it also keeps the
/// text delivered so far (<see cref="StreamContinuation"/>), so a cut stream can be continued from it.
/// </summary>
internal struct StreamCommitment
{
    // The held updates (a list), or in Continue mode the StreamContinuation, which keeps them too: one field, so a
    // stream that does not continue pays nothing for the mode.
    private object? _state;

    /// <summary>Updates delivered to the caller, held ones included. Above zero, the stream is committed.</summary>
    public int Delivered;

    /// <summary>The level of the model the stream is on: what its first update and the request's activity report.</summary>
    public int Level;

    public readonly bool IsCommitted => Delivered > 0;

    /// <summary>The Continue mode's state; null in the other modes.</summary>
    public readonly StreamContinuation? Continuation => _state as StreamContinuation;

    /// <summary>A cut stream is being continued on another attempt: new output goes on after what the caller has.</summary>
    public readonly bool IsContinuing => Continuation?.IsContinuing == true;

    private readonly List<ChatResponseUpdate>? Held => _state is StreamContinuation continuation ? continuation.Held : (List<ChatResponseUpdate>?)_state;

    /// <summary>Starts keeping what is delivered, so a cut can be continued (<see cref="StreamRecovery.Continue"/>).</summary>
    public void KeepForContinuation() => _state = new StreamContinuation();

    /// <summary>The update that says who serves: the first held one, else <paramref name="update"/>.</summary>
    public readonly ChatResponseUpdate FirstOfOutput(ChatResponseUpdate update) => Held?[0] ?? update;

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

        List<ChatResponseUpdate>? held = Held;
        if (held is null)
        {
            held = new List<ChatResponseUpdate>(2);
            SetHeld(held);
        }

        held.Add(update);
        return true;
    }

    /// <summary>The next held update to deliver, counted as delivered; false when none is left (and the hold is let go).</summary>
    public bool TryRelease(out ChatResponseUpdate update)
    {
        // Held updates are indexed by the delivered count: no second counter across the iterator's yields.
        List<ChatResponseUpdate>? held = Held;
        if (held is not null && Delivered < held.Count)
        {
            update = held[Delivered++];
            Continuation?.Append(update);
            return true;
        }

        SetHeld(null);
        update = null!;
        return false;
    }

    /// <summary>An update goes to the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per streamed update: after commitment only Continue keeps state
    public void Deliver(ChatResponseUpdate update)
    {
        Delivered++;
        if (_state is not null)
        {
            Continuation?.Append(update);
        }
    }

    /// <summary>The attempt failed before committing: what it held is dropped with it.</summary>
    public void Drop() => SetHeld(null);

    /// <summary>
    /// Whether a stream that ended is cut rather than complete: no update carried a finish reason (both official SDKs
    /// end a dropped connection that way) and the chain requires one.
    /// </summary>
    public static bool EndedCut(bool sawFinishReason, bool requireFinishReason) => !sawFinishReason && requireFinishReason;

    private void SetHeld(List<ChatResponseUpdate>? held)
    {
        if (_state is StreamContinuation continuation)
        {
            continuation.Held = held;
        }
        else
        {
            _state = held;
        }
    }
}
