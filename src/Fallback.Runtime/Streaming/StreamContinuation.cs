using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// <see cref="StreamRecovery.Continue"/>'s state for one stream: the text delivered so far and, once the stream was
/// cut, the original failure (what the caller is told when no model can continue) and the request that continues it:
/// the caller's messages plus the delivered text as an assistant prefill.
/// </summary>
internal sealed class StreamContinuation
{
    private readonly StringBuilder _text = new();
    private IEnumerable<ChatMessage>? _original;

    /// <summary>Updates held back before the stream committed (see <see cref="StreamCommitment"/>).</summary>
    public List<ChatResponseUpdate>? Held;

    /// <summary>The first failure after output; null while the stream was never cut.</summary>
    public Exception? Cut { get; private set; }

    public FailureKind CutKind { get; private set; }

    /// <summary>The model the stream was cut on.</summary>
    public ModelDescriptor? CutModel { get; private set; }

    /// <summary>How many updates the caller had when the stream was first cut.</summary>
    public int DeliveredAtCut { get; private set; }

    public bool IsContinuing => Cut is not null;

    public void Append(ChatResponseUpdate update) => _text.Append(update.Text);

    /// <summary>
    /// Records a cut and returns the messages that continue the answer: the caller's, then the text delivered so far
    /// as the assistant's (a prefill). Every further cut extends the same prefill; the first cut is the one reported.
    /// </summary>
    public IEnumerable<ChatMessage> Continue(IEnumerable<ChatMessage> messages, ModelDescriptor model, FailureKind kind, Exception error, int delivered)
    {
        if (Cut is null)
        {
            (Cut, CutKind, CutModel, DeliveredAtCut, _original) = (error, kind, model, delivered, messages);
        }

        var continued = new List<ChatMessage>(_original!);
        continued.Add(new ChatMessage(ChatRole.Assistant, _text.ToString()));
        return continued;
    }
}
