using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>Per-request settings a caller passes to a chain in its <see cref="ChatOptions"/>.</summary>
public static class FallbackChatOptions
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of a request's <see cref="StreamRecovery"/>; the chain removes it before calling a model.</summary>
    public const string StreamRecoveryKey = "fallback.stream_recovery";

    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key a generated chain's typed member uses to name its route
    /// through middleware (an <c>int</c>, so caches can serialize it); the chain removes it before calling a model.
    /// </summary>
    public const string RouteKey = "fallback.route";

    /// <summary>Chooses what this request's stream becomes if it breaks after output, overriding <see cref="FallbackOptions.StreamRecovery"/>.</summary>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    public static ChatOptions WithStreamRecovery(this ChatOptions options, StreamRecovery recovery)
    {
        System.ArgumentNullException.ThrowIfNull(options);
        (options.AdditionalProperties ??= [])[StreamRecoveryKey] = recovery;
        return options;
    }

    /// <summary>The request's own recovery, when it chose one.</summary>
    internal static StreamRecovery? StreamRecoveryOf(ChatOptions? options)
        => options?.AdditionalProperties?.TryGetValue(StreamRecoveryKey, out object? value) == true && value is StreamRecovery recovery ? recovery : null;
}
