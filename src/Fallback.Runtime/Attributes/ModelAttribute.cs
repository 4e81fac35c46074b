using System;

namespace Fallback;

/// <summary>
/// One model of a fallback chain. On the interface it applies to every generated member; on a member it
/// replaces the interface's models for that member.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="provider">The provider name, such as <c>openai</c> or <c>anthropic</c>.</param>
    /// <param name="model">The model id sent to the provider, such as <c>gpt-4o</c>.</param>
    public ModelAttribute(string provider, string model)
    {
        Provider = provider;
        Model = model;
    }

    /// <summary>The provider name.</summary>
    public string Provider { get; }

    /// <summary>The model id sent to the provider through <c>ChatOptions.ModelId</c>.</summary>
    public string Model { get; }

    /// <summary>Order in the chain: lower is tried first. Ties keep declaration order (and raise FB0002).</summary>
    public int Priority { get; set; }

    /// <summary>Extra attempts on this model after the first, for transient failures. Default 0.</summary>
    public int MaxRetries { get; set; }

    /// <summary>Whether the model takes part initially. It can be switched at run time. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The key of the keyed <c>IChatClient</c> that serves this model; defaults to <see cref="Provider"/>.
    /// Two entries with the same provider and model but different clients are a region failover.
    /// </summary>
    public string? Client { get; set; }

    /// <summary>Timeout of one attempt on this model in milliseconds (for a stream: of the wait for each update); 0 uses the chain's default.</summary>
    public int AttemptTimeoutMs { get; set; }

    /// <summary>
    /// The model's context window in tokens; 0 when unknown (the model catalogue fills it when it lists the model). After a context-length failure the chain skips
    /// later models whose known window is no larger than the one that overflowed.
    /// </summary>
    public int ContextWindow { get; set; }

    /// <summary>
    /// Time to first token on this model in milliseconds: a stream that delivers no update in time moves on to the next
    /// model; 0 uses <c>FallbackOptions.FirstTokenTimeout</c>.
    /// </summary>
    public int FirstTokenTimeoutMs { get; set; }

    /// <summary>
    /// Whether the model continues an answer from an assistant prefill (a request whose last message is the assistant's
    /// partial text), so <c>StreamRecovery.Continue</c> may resume a cut stream on it. When not set, the model catalogue
    /// says (true for the models it lists as continuing a prefill); else false: many current models reject such a request.
    /// </summary>
    public bool SupportsPrefill { get; set; }

    /// <summary>The most tokens the model writes in one answer; 0 when unknown (the model catalogue fills it when it lists the model).</summary>
    public int MaxOutputTokens { get; set; }

    /// <summary>Price of input tokens in USD per million; 0 when unknown (the model catalogue fills it when it lists the model).</summary>
    public double InputPricePerMillionTokens { get; set; }

    /// <summary>Price of output tokens in USD per million; 0 when unknown (the model catalogue fills it when it lists the model).</summary>
    public double OutputPricePerMillionTokens { get; set; }
}
