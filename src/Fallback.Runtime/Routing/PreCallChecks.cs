namespace Fallback;

/// <summary>Why a model of the route was passed over for a request.</summary>
public enum SkipReason
{
    /// <summary>Not passed over by a check: the request ended before reaching it (a request timeout, a stop).</summary>
    None,

    /// <summary>Switched off (<see cref="IFallbackChain.DisableModel"/> or <c>Enabled = false</c>).</summary>
    Disabled,

    /// <summary>The prompt overflowed a model whose known context window is at least this one's.</summary>
    ContextWindow,

    /// <summary>Its circuit is open (or its half-open trial is taken).</summary>
    CircuitOpen,

    /// <summary>A cut stream is being continued and the model does not declare prefill support.</summary>
    NoPrefill,
}

/// <summary>The checks made before a model is called, cheapest first; none of them acts on the model's state.</summary>
internal static class PreCallChecks
{
    public static SkipReason Check(ModelSlot candidate, in RouteCursor cursor, bool requirePrefill = false)
    {
        if (!candidate.Health.Enabled)
        {
            return SkipReason.Disabled;
        }

        if (!CanContinueOn(candidate, requirePrefill))
        {
            return SkipReason.NoPrefill;
        }

        int window = candidate.Descriptor.ContextWindow;
        if (cursor.OverflowWindow > 0 && window > 0 && window <= cursor.OverflowWindow)
        {
            return SkipReason.ContextWindow; // A prompt that overflowed a larger window cannot fit this one.
        }

        return SkipReason.None;
    }

    /// <summary>Whether the model may take the request: a continuation (<paramref name="requirePrefill"/>) needs a model that declares prefill support.</summary>
    public static bool CanContinueOn(ModelSlot candidate, bool requirePrefill) => !requirePrefill || candidate.Descriptor.SupportsPrefill;

    /// <summary>What a failure teaches the rest of the request: a prompt that overflowed a known window fits no smaller one.</summary>
    public static void Learn(ref RouteCursor cursor, ModelSlot slot, FailureKind kind)
    {
        if (kind == FailureKind.ContextLengthExceeded)
        {
            cursor.OverflowWindow = System.Math.Max(cursor.OverflowWindow, slot.Descriptor.ContextWindow);
        }
    }
}
