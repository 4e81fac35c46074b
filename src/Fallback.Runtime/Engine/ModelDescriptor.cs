using System;

namespace Fallback;

/// <summary>
/// One entry of a chain's model table, as the generator emits it from a <see cref="ModelAttribute"/>.
/// Immutable; the run-time state (enabled, circuit, statistics) lives in the engine.
/// </summary>
public sealed class ModelDescriptor
{
    /// <summary>Creates a model entry. Values are validated when the engine is built.</summary>
    public ModelDescriptor(
        string provider,
        string model,
        int priority = 0,
        int maxRetries = 0,
        bool enabled = true,
        string? client = null,
        int attemptTimeoutMs = 0,
        int contextWindow = 0,
        int firstTokenTimeoutMs = 0,
        bool supportsPrefill = false,
        int maxOutputTokens = 0,
        double inputPricePerMillionTokens = 0,
        double outputPricePerMillionTokens = 0)
    {
        Provider = provider;
        Model = model;
        Priority = priority;
        MaxRetries = maxRetries;
        Enabled = enabled;
        Client = string.IsNullOrEmpty(client) ? provider : client!;
        AttemptTimeoutMs = attemptTimeoutMs;
        AttemptTimeout = attemptTimeoutMs > 0 ? TimeSpan.FromMilliseconds(attemptTimeoutMs) : null;
        ContextWindow = contextWindow;
        FirstTokenTimeoutMs = firstTokenTimeoutMs;
        FirstTokenTimeout = firstTokenTimeoutMs > 0 ? TimeSpan.FromMilliseconds(firstTokenTimeoutMs) : null;
        SupportsPrefill = supportsPrefill;
        MaxOutputTokens = maxOutputTokens;
        InputPricePerMillionTokens = inputPricePerMillionTokens;
        OutputPricePerMillionTokens = outputPricePerMillionTokens;
        Id = provider + "/" + model;
    }

    /// <summary>The provider name, such as <c>openai</c>.</summary>
    public string Provider { get; }

    /// <summary>The model id sent to the provider.</summary>
    public string Model { get; }

    /// <summary>Lower is tried first.</summary>
    public int Priority { get; }

    /// <summary>Extra attempts after the first.</summary>
    public int MaxRetries { get; }

    /// <summary>Whether the model starts enabled.</summary>
    public bool Enabled { get; }

    /// <summary>The key of the <c>IChatClient</c> that serves this model (the provider unless set).</summary>
    public string Client { get; }

    /// <summary>Timeout of one attempt in milliseconds as declared; 0 for the chain's default.</summary>
    public int AttemptTimeoutMs { get; }

    /// <summary>Timeout of one attempt, or null for the chain's default.</summary>
    public TimeSpan? AttemptTimeout { get; }

    /// <summary>Context window in tokens; 0 when unknown.</summary>
    public int ContextWindow { get; }

    /// <summary>Time to first token of a stream in milliseconds as declared; 0 for the chain's default.</summary>
    public int FirstTokenTimeoutMs { get; }

    /// <summary>Time to first token of a stream, or null for the chain's default.</summary>
    public TimeSpan? FirstTokenTimeout { get; }

    /// <summary>Whether the model continues an answer from an assistant prefill.</summary>
    public bool SupportsPrefill { get; }

    /// <summary>The most tokens the model writes in one answer; 0 when unknown.</summary>
    public int MaxOutputTokens { get; }

    /// <summary>Price of input tokens in USD per million; 0 when unknown.</summary>
    public double InputPricePerMillionTokens { get; }

    /// <summary>Price of output tokens in USD per million; 0 when unknown.</summary>
    public double OutputPricePerMillionTokens { get; }

    /// <summary><c>provider/model</c>: the key in statistics and the value of <c>fallback.model</c>.</summary>
    public string Id { get; }

    /// <inheritdoc />
    public override string ToString() => Client == Provider ? Id : Id + " via " + Client;
}
