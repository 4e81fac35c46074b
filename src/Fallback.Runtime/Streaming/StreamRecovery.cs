namespace Fallback;

/// <summary>What a stream that breaks after output reached the caller becomes.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1028:Enum storage should be Int32", Justification = "A byte fits the padding of the stream's request state: no bytes added per stream.")]
public enum StreamRecovery : byte
{
    /// <summary>
    /// The caller gets <see cref="StreamInterruptedException"/> after the updates it already has: never a silently
    /// truncated success. Output flows as it arrives.
    /// </summary>
    Report,

    /// <summary>
    /// The text already delivered is sent as an assistant prefill to the same model (a retry) or to the next model that
    /// declares <see cref="ModelAttribute.SupportsPrefill"/>, and only the continuation is streamed on, so the caller's
    /// concatenated text is one whole answer. Where no model can continue, <see cref="StreamInterruptedException"/>
    /// naming the original failure.
    /// </summary>
    Continue,

    /// <summary>
    /// Updates are held until the stream ended with a finish reason, then released; any failure before that falls back
    /// invisibly, as a non-streaming call does. The caller waits for the whole answer before its first update.
    /// </summary>
    Buffer,
}
