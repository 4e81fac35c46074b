using System;

namespace Fallback;

/// <summary>
/// Run-time overrides of one declared model, in <see cref="FallbackOptions.Models"/> under the key
/// <c>provider/model</c> (or <c>provider/model@client</c> for a model served through another client key); in
/// configuration, <c>Fallback:Chains:&lt;chain&gt;:Models:&lt;key&gt;</c>. A value left null keeps the declared one.
/// Configuration overrides declared models only: a key naming no declared model is an error.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Whether the model takes part; applied whenever the options are (re)loaded.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Order in the chain's default route and in members that order by priority: lower is tried first.</summary>
    public int? Priority { get; set; }

    /// <summary>Extra attempts on the model after the first.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Timeout of one attempt on the model.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>A stream's time to first token on the model.</summary>
    public TimeSpan? FirstTokenTimeout { get; set; }

    /// <summary>The key of <paramref name="model"/> in <see cref="FallbackOptions.Models"/>.</summary>
    public static string KeyOf(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Client == model.Provider ? model.Id : model.Id + "@" + model.Client;
    }
}
