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
    private readonly int[] _maxRetries;
    private readonly int[] _priorities;
    private readonly bool?[] _enabled;

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <param name="chain">The chain's name, for messages.</param>
    /// <param name="options">The options to take.</param>
    /// <param name="models">The declared model table.</param>
    /// <param name="previous">The snapshot this one replaces: its clock and jitter source are kept (a running chain keeps its clock).</param>
    public EngineSettings(string chain, FallbackOptions options, IReadOnlyList<ModelDescriptor> models, EngineSettings? previous = null)
    {
        options.Validate(chain, models);
        Options = options;
        TimeProvider = previous?.TimeProvider ?? options.TimeProvider;
        Random = previous?.Random ?? options.Random;
        Retry = new RetryPolicy(options.BaseDelay, options.MaxDelay, options.JitterFactor, options.MaxRetryAfter, Random, options.RetryOnTimeout);
        FailureClassifier builtIn = ReferenceEquals(TimeProvider, TimeProvider.System) ? FailureClassifier.Default : new FailureClassifier(TimeProvider);
        Classifier = new ClassifierChain([.. options.Classifiers], builtIn);
        RequestTimeout = options.RequestTimeout;
        CircuitBreakerThreshold = options.CircuitBreakerThreshold;
        CircuitBreakerCooldown = options.CircuitBreakerCooldown;
        CircuitBreakerMaxCooldown = options.CircuitBreakerMaxCooldown > options.CircuitBreakerCooldown ? options.CircuitBreakerMaxCooldown : options.CircuitBreakerCooldown;
        FallBackOnContentFilter = options.FallBackOnContentFilter;
        StreamRecovery = options.StreamRecovery;
        RequireFinishReason = options.RequireFinishReason;
        StampResponses = options.StampResponses;
        FlowAttemptContext = options.FlowAttemptContext;
        CanUseFastPath = RequestTimeout is null && !FlowAttemptContext;

        // Per model: the run-time override, else the declared value, else the chain's.
        _attemptTimeouts = new TimeSpan?[models.Count];
        _firstTokenTimeouts = new TimeSpan?[models.Count];
        _maxRetries = new int[models.Count];
        _priorities = new int[models.Count];
        _enabled = new bool?[models.Count];
        for (int i = 0; i < models.Count; i++)
        {
            ModelDescriptor model = models[i];
            options.Models.TryGetValue(ModelOptions.KeyOf(model), out ModelOptions? overrides);
            _attemptTimeouts[i] = overrides?.AttemptTimeout ?? model.AttemptTimeout ?? options.AttemptTimeout;
            _firstTokenTimeouts[i] = overrides?.FirstTokenTimeout ?? model.FirstTokenTimeout ?? options.FirstTokenTimeout;
            _maxRetries[i] = overrides?.MaxRetries ?? model.MaxRetries;
            _priorities[i] = overrides?.Priority ?? model.Priority;
            _enabled[i] = overrides?.Enabled;
        }
    }

    /// <summary>The options this snapshot was taken from.</summary>
    public FallbackOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public Random Random { get; }

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

    /// <summary>How many attempts a model gets in one request: its retries plus one; a circuit's trial is a single attempt.</summary>
    public int AttemptsAllowed(ModelSlot slot, bool isTrial) => isTrial ? 1 : _maxRetries[slot.Index] + 1;

    /// <summary>A model's priority (lower first), as overridden at run time or declared.</summary>
    public int Priority(int modelIndex) => _priorities[modelIndex];

    /// <summary>Whether the options switch model <paramref name="modelIndex"/> on or off; null when they leave it as it is.</summary>
    public bool? Enabled(int modelIndex) => _enabled[modelIndex];

    /// <summary>Whether an attempt on the model runs a timer: an attempt timeout, or a first-token limit.</summary>
    public bool HasAttemptTimer(ModelSlot slot) => _attemptTimeouts[slot.Index] is not null || _firstTokenTimeouts[slot.Index] is not null;

    /// <summary>A stream's time to first token on a model: its own, else the chain's; null for none (the attempt timeout still bounds the wait).</summary>
    public TimeSpan? FirstTokenTimeout(ModelSlot slot) => _firstTokenTimeouts[slot.Index];
}
