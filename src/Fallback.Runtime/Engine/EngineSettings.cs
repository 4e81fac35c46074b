using System;
using System.Collections.Generic;

namespace Fallback;

/// <summary>
/// The engine's settings as one immutable, validated snapshot of <see cref="FallbackOptions"/> and the per-model
/// values derived from them. A request reads one reference; a new snapshot replaces the old one whole, so a change
/// never reaches a request half way.
/// </summary>
internal sealed class EngineSettings
{
    private readonly TimeSpan?[] _attemptTimeouts;
    private readonly TimeSpan?[] _firstTokenTimeouts;

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public EngineSettings(string chain, FallbackOptions options, IReadOnlyList<ModelDescriptor> models)
    {
        options.Validate(chain);
        Options = options;
        TimeProvider = options.TimeProvider;
        Retry = new RetryPolicy(options.BaseDelay, options.MaxDelay, options.JitterFactor, options.MaxRetryAfter, options.Random, options.RetryOnTimeout);
        FailureClassifier builtIn = ReferenceEquals(TimeProvider, TimeProvider.System) ? FailureClassifier.Default : new FailureClassifier(TimeProvider);
        Classifier = new ClassifierChain([.. options.Classifiers], builtIn);
        RequestTimeout = options.RequestTimeout;
        CircuitBreakerThreshold = options.CircuitBreakerThreshold;
        CircuitBreakerCooldown = options.CircuitBreakerCooldown;
        CircuitBreakerMaxCooldown = options.CircuitBreakerMaxCooldown;
        FallBackOnContentFilter = options.FallBackOnContentFilter;
        StreamRecovery = options.StreamRecovery;
        RequireFinishReason = options.RequireFinishReason;
        StampResponses = options.StampResponses;
        FlowAttemptContext = options.FlowAttemptContext;
        CanUseFastPath = RequestTimeout is null && !FlowAttemptContext;

        _attemptTimeouts = new TimeSpan?[models.Count];
        _firstTokenTimeouts = new TimeSpan?[models.Count];
        for (int i = 0; i < _attemptTimeouts.Length; i++)
        {
            _attemptTimeouts[i] = models[i].AttemptTimeout ?? options.AttemptTimeout;
            _firstTokenTimeouts[i] = models[i].FirstTokenTimeout ?? options.FirstTokenTimeout;
        }
    }

    /// <summary>The options this snapshot was taken from.</summary>
    public FallbackOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public RetryPolicy Retry { get; }

    public ClassifierChain Classifier { get; }

    public TimeSpan? RequestTimeout { get; }

    public int CircuitBreakerThreshold { get; }

    public TimeSpan CircuitBreakerCooldown { get; }

    public TimeSpan CircuitBreakerMaxCooldown { get; }

    public bool FallBackOnContentFilter { get; }

    public StreamRecovery StreamRecovery { get; }

    public bool RequireFinishReason { get; }

    public bool StampResponses { get; }

    public bool FlowAttemptContext { get; }

    /// <summary>No request timer and no attempt context: a request may call its first model without a state machine (tracing is checked per request).</summary>
    public bool CanUseFastPath { get; }

    /// <summary>The attempt timeout of a model: its own, else the chain's; null for none.</summary>
    public TimeSpan? AttemptTimeout(ModelSlot slot) => _attemptTimeouts[slot.Index];

    /// <summary>A stream's time to first token on a model: its own, else the chain's; null for none (the attempt timeout still bounds the wait).</summary>
    public TimeSpan? FirstTokenTimeout(ModelSlot slot) => _firstTokenTimeouts[slot.Index];
}
