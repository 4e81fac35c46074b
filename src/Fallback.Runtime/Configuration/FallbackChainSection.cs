using System;
using System.Collections.Generic;

namespace Fallback;

/// <summary>
/// The configuration section <c>Fallback:Chains:&lt;chain name&gt;</c> as the binder's source generator reads it:
/// <see cref="FallbackOptions"/>' own names, each nullable so that a key left out keeps the value set in code.
/// </summary>
internal sealed class FallbackChainSection
{
    /// <summary>The keys a chain's section may hold; anything else is a mistake worth an error, not a silent no-op.</summary>
    public static readonly string[] Keys =
    [
        nameof(BaseDelay), nameof(MaxDelay), nameof(JitterFactor), nameof(MaxRetryAfter), nameof(AttemptTimeout), nameof(RequestTimeout),
        nameof(FirstTokenTimeout), nameof(RetryOnTimeout), nameof(FallBackOnContentFilter), nameof(StreamRecovery),
        nameof(CircuitBreakerThreshold), nameof(CircuitBreakerCooldown), nameof(CircuitBreakerMaxCooldown),
        nameof(RequireFinishReason), nameof(StampResponses), nameof(FlowAttemptContext), ModelsKey,
    ];

    /// <summary>The sub-section of per-model overrides, bound on its own so one bad value elsewhere hides none of its problems.</summary>
    public const string ModelsKey = "Models";

    /// <summary>The keys a model's section (<c>Models:&lt;provider/model&gt;</c>) may hold.</summary>
    public static readonly string[] ModelKeys =
    [
        nameof(ModelOptions.Enabled), nameof(ModelOptions.Priority), nameof(ModelOptions.MaxRetries),
        nameof(ModelOptions.AttemptTimeout), nameof(ModelOptions.FirstTokenTimeout),
    ];

    public TimeSpan? BaseDelay { get; set; }

    public TimeSpan? MaxDelay { get; set; }

    public double? JitterFactor { get; set; }

    public TimeSpan? MaxRetryAfter { get; set; }

    public TimeSpan? AttemptTimeout { get; set; }

    public TimeSpan? RequestTimeout { get; set; }

    public TimeSpan? FirstTokenTimeout { get; set; }

    public bool? RetryOnTimeout { get; set; }

    public bool? FallBackOnContentFilter { get; set; }

    public StreamRecovery? StreamRecovery { get; set; }

    public int? CircuitBreakerThreshold { get; set; }

    public TimeSpan? CircuitBreakerCooldown { get; set; }

    public TimeSpan? CircuitBreakerMaxCooldown { get; set; }

    public bool? RequireFinishReason { get; set; }

    public bool? StampResponses { get; set; }

    public bool? FlowAttemptContext { get; set; }

    /// <summary>Copies what the section set onto <paramref name="options"/>; what it left out stays.</summary>
    public void ApplyTo(FallbackOptions options, Dictionary<string, ModelOptions> models)
    {
        options.BaseDelay = BaseDelay ?? options.BaseDelay;
        options.MaxDelay = MaxDelay ?? options.MaxDelay;
        options.JitterFactor = JitterFactor ?? options.JitterFactor;
        options.MaxRetryAfter = MaxRetryAfter ?? options.MaxRetryAfter;
        options.AttemptTimeout = AttemptTimeout ?? options.AttemptTimeout;
        options.RequestTimeout = RequestTimeout ?? options.RequestTimeout;
        options.FirstTokenTimeout = FirstTokenTimeout ?? options.FirstTokenTimeout;
        options.RetryOnTimeout = RetryOnTimeout ?? options.RetryOnTimeout;
        options.FallBackOnContentFilter = FallBackOnContentFilter ?? options.FallBackOnContentFilter;
        options.StreamRecovery = StreamRecovery ?? options.StreamRecovery;
        options.CircuitBreakerThreshold = CircuitBreakerThreshold ?? options.CircuitBreakerThreshold;
        options.CircuitBreakerCooldown = CircuitBreakerCooldown ?? options.CircuitBreakerCooldown;
        options.CircuitBreakerMaxCooldown = CircuitBreakerMaxCooldown ?? options.CircuitBreakerMaxCooldown;
        options.RequireFinishReason = RequireFinishReason ?? options.RequireFinishReason;
        options.StampResponses = StampResponses ?? options.StampResponses;
        options.FlowAttemptContext = FlowAttemptContext ?? options.FlowAttemptContext;
        foreach (KeyValuePair<string, ModelOptions> model in models)
        {
            if (!options.Models.TryGetValue(model.Key, out ModelOptions? existing))
            {
                options.Models[model.Key] = model.Value;
                continue;
            }

            // A model set in code and in configuration: configuration's values win where it has them.
            existing.Enabled = model.Value.Enabled ?? existing.Enabled;
            existing.Priority = model.Value.Priority ?? existing.Priority;
            existing.MaxRetries = model.Value.MaxRetries ?? existing.MaxRetries;
            existing.AttemptTimeout = model.Value.AttemptTimeout ?? existing.AttemptTimeout;
            existing.FirstTokenTimeout = model.Value.FirstTokenTimeout ?? existing.FirstTokenTimeout;
        }
    }
}
