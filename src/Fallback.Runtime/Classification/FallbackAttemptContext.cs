using System;
using System.Threading;

namespace Fallback;

/// <summary>
/// Flows from the engine into the client's HTTP pipeline for one attempt, so a handler there can report
/// what the provider's exception does not carry (the Anthropic SDK's exceptions expose no headers).
/// Only set when <see cref="FallbackOptions.FlowAttemptContext"/> is on.
/// </summary>
public sealed class FallbackAttemptContext
{
    private static readonly AsyncLocal<FallbackAttemptContext?> s_current = new();

    /// <summary>The context of the attempt running on this async flow, if any.</summary>
    public static FallbackAttemptContext? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }

    /// <summary>The delay the last response asked for (<c>retry-after-ms</c> or <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>The HTTP status of the last response seen by the handler.</summary>
    public int? StatusCode { get; set; }

    internal void Clear()
    {
        RetryAfter = null;
        StatusCode = null;
    }
}
