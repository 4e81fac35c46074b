using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Fallback;

/// <summary>Run-time settings of a chain. Defaults follow the seeds and DESIGN.md; every value is checked when the engine is built.</summary>
public sealed class FallbackOptions
{
    /// <summary>The first backoff delay; doubled on each further retry of the same model. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest backoff delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Backoff jitter as a fraction of the delay: the delay is drawn from [d·(1−j), d·(1+j)], then capped. Default 0.2.</summary>
    public double JitterFactor { get; set; } = 0.2;

    /// <summary>The longest <c>Retry-After</c> the chain waits for; a longer one makes it fall back at once. Default 10 s.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Timeout of one attempt for models that set none; null for none. Default none. For a stream it bounds the wait
    /// for each update (the first one included), so a long answer that keeps streaming is never cut by it.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Timeout of a whole request across all models and delays; null for none. Default none.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>
    /// Consecutive failed attempts on a model (retries included; prompt-specific failures such as context length or
    /// content filter excluded) that open its circuit; 0 turns the breaker off. Default 3. A request already retrying
    /// the model finishes its retries; later requests skip it until the cooldown ends.
    /// </summary>
    public int CircuitBreakerThreshold { get; set; } = 3;

    /// <summary>How long an open circuit skips its model before one trial request. Default 30 s.</summary>
    public TimeSpan CircuitBreakerCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a stream that ends without any update carrying a finish reason counts as cut. Both official
    /// SDKs end a dropped connection that way. Turn off only for servers that never send a finish reason. Default true.
    /// </summary>
    public bool RequireFinishReason { get; set; } = true;

    /// <summary>
    /// Whether each answer says who served it in its <c>AdditionalProperties</c>: <c>fallback.model</c>
    /// (<c>"provider/model"</c>) and <c>fallback.level</c> (0 when the first enabled model served); on a stream, its
    /// first update. Default true. Off, an answer that carries no properties of its own is spared a dictionary
    /// (240 bytes); <c>ModelId</c> still names the serving model and metrics and traces still carry the level.
    /// </summary>
    public bool StampResponses { get; set; } = true;

    /// <summary>Classifiers asked before the built-in one, in order (for example the Anthropic companion's).</summary>
    public IList<IFailureClassifier> Classifiers { get; } = new List<IFailureClassifier>();

    /// <summary>
    /// Flows a <see cref="FallbackAttemptContext"/> into each attempt so an HTTP handler such as
    /// <see cref="RetryAfterHandler"/> can report headers. Costs one small allocation per attempt. Default off.
    /// </summary>
    public bool FlowAttemptContext { get; set; }

    /// <summary>The clock for delays, timeouts and cooldowns. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The source of jitter. Default <see cref="Random.Shared"/>.</summary>
    public Random Random { get; set; } = Random.Shared;

    /// <summary>Where the chain logs; null for none. Logs never carry prompt or response text.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate(string chainName)
    {
        Check(BaseDelay >= TimeSpan.Zero, nameof(BaseDelay), "must not be negative");
        Check(MaxDelay >= BaseDelay, nameof(MaxDelay), "must be at least BaseDelay");
        Check(JitterFactor is >= 0 and <= 1, nameof(JitterFactor), "must be between 0 and 1");
        Check(MaxRetryAfter >= TimeSpan.Zero, nameof(MaxRetryAfter), "must not be negative");
        Check(AttemptTimeout is null || AttemptTimeout > TimeSpan.Zero, nameof(AttemptTimeout), "must be positive or null");
        Check(RequestTimeout is null || RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive or null");
        Check(CircuitBreakerThreshold >= 0, nameof(CircuitBreakerThreshold), "must not be negative");
        Check(CircuitBreakerCooldown >= TimeSpan.Zero, nameof(CircuitBreakerCooldown), "must not be negative");
        Check(TimeProvider is not null, nameof(TimeProvider), "must not be null");
        Check(Random is not null, nameof(Random), "must not be null");

        void Check(bool condition, string name, string rule)
        {
            if (!condition)
            {
                throw new ArgumentException($"Fallback chain '{chainName}': FallbackOptions.{name} {rule}.", name);
            }
        }
    }
}
