using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// Time to first token: the longest a stream may take to deliver its first update before the chain moves on to
    /// the next model (nothing has reached the caller yet, so the move is invisible); null for no such limit. A
    /// model's <see cref="ModelAttribute.FirstTokenTimeoutMs"/> overrides it. After the first update,
    /// <see cref="AttemptTimeout"/> bounds each gap between updates (a stall). Non-streaming calls are bounded by
    /// <see cref="AttemptTimeout"/> alone: they have no first token to time. Default none.
    /// </summary>
    public TimeSpan? FirstTokenTimeout { get; set; }

    /// <summary>
    /// Whether an attempt that timed out with no response (no answer, no first update) is retried on the same model.
    /// Default false: a silent provider stays silent, and retrying it only multiplies the wait, so the chain moves on
    /// to the next model at once.
    /// </summary>
    public bool RetryOnTimeout { get; set; }

    /// <summary>
    /// Whether a content-filter rejection is routed around (the next model is tried) instead of ending the request.
    /// Default false: the request ends with <see cref="ContentFilteredException"/> (no retry, no next model, no
    /// final-fallback answer posing as a model's), so a caller can tell a filtered request from an outage.
    /// </summary>
    public bool FallBackOnContentFilter { get; set; }

    /// <summary>
    /// What a stream that breaks after output reached the caller becomes: <see cref="Fallback.StreamRecovery.Report"/>
    /// (default), <see cref="Fallback.StreamRecovery.Continue"/> or <see cref="Fallback.StreamRecovery.Buffer"/>. A
    /// request can choose its own with <see cref="FallbackChatOptions.WithStreamRecovery"/>.
    /// </summary>
    public StreamRecovery StreamRecovery { get; set; } = StreamRecovery.Report;

    /// <summary>
    /// Consecutive failed requests on a model that open its circuit; 0 turns the breaker off. Default 3. A request's
    /// retries on one model count once (its own retries never open the circuit by themselves), and prompt-specific
    /// failures (context length, content filter, other 4xx) do not count. A request already on the model finishes
    /// its retries; later requests skip it until the cooldown ends.
    /// </summary>
    public int CircuitBreakerThreshold { get; set; } = 3;

    /// <summary>
    /// How long a circuit that just opened skips its model before one trial request. Each failed trial doubles the
    /// next cooldown, up to <see cref="CircuitBreakerMaxCooldown"/>: a brief blip costs little, a long outage few
    /// probes. Default 5 s.
    /// </summary>
    public TimeSpan CircuitBreakerCooldown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest cooldown a circuit grows to while its trials keep failing; at or below <see cref="CircuitBreakerCooldown"/>
    /// the cooldown does not grow. Default 20 s: a dead model costs one trial
    /// request every 20 s, and a recovered one is back within 20 s (failoverbench S15's full sequence needs the primary
    /// back within 30 s of its recovery; a 2 min cap missed it).
    /// </summary>
    public TimeSpan CircuitBreakerMaxCooldown { get; set; } = TimeSpan.FromSeconds(20);

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

    /// <summary>
    /// Run-time overrides of declared models, keyed <c>provider/model</c> (<c>provider/model@client</c> for a model
    /// served through another client key); see <see cref="ModelOptions"/>. A key naming no declared model is an error
    /// when the chain is built or reconfigured. Keys compare ignoring case, as configuration keys do.
    /// </summary>
    public IDictionary<string, ModelOptions> Models { get; } = new Dictionary<string, ModelOptions>(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>What was wrong in the configuration these options were bound from; reported by validation with the rest.</summary>
    internal List<string>? ConfigurationProblems { get; set; }

    /// <summary>
    /// The longest delay or timeout an option may hold: 4,294,967,294 ms (about 49.7 days), the most .NET timers
    /// (<c>Task.Delay</c>, <c>CancellationTokenSource</c>) accept. A longer value would pass here and then throw
    /// <see cref="ArgumentOutOfRangeException"/> on every request, so it is refused when the chain is built.
    /// </summary>
    internal static TimeSpan MaxDuration { get; } = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// Checks every value and reports every problem at once: one <see cref="ArgumentException"/> whose message names
    /// each bad option, its value and the range it must be in.
    /// </summary>
    internal void Validate(string chainName, IReadOnlyList<ModelDescriptor>? models = null)
    {
        List<string>? problems = null;
        string? onlyName = null;

        CheckDuration(BaseDelay, nameof(BaseDelay), TimeSpan.Zero, MaxDuration);
        bool baseDelayValid = BaseDelay >= TimeSpan.Zero && BaseDelay <= MaxDuration;
        CheckDuration(MaxDelay, nameof(MaxDelay), baseDelayValid ? BaseDelay : TimeSpan.Zero, MaxDuration, minLabel: baseDelayValid ? ", BaseDelay" : "");
        if (!(JitterFactor is >= 0 and <= 1))
        {
            Add(nameof(JitterFactor), $"is {JitterFactor.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 1");
        }

        CheckDuration(MaxRetryAfter, nameof(MaxRetryAfter), TimeSpan.Zero, MaxDuration);
        CheckTimeout(AttemptTimeout, nameof(AttemptTimeout));
        CheckTimeout(RequestTimeout, nameof(RequestTimeout));
        if (CircuitBreakerThreshold < 0)
        {
            Add(nameof(CircuitBreakerThreshold), $"is {CircuitBreakerThreshold.ToString(CultureInfo.InvariantCulture)}; it must be 0 (no circuit breaker) or more");
        }

        CheckTimeout(FirstTokenTimeout, nameof(FirstTokenTimeout));
        CheckDuration(CircuitBreakerCooldown, nameof(CircuitBreakerCooldown), TimeSpan.Zero, MaxDuration, note: "; to take a model out for longer, use IFallbackChain.DisableModel");
        CheckDuration(CircuitBreakerMaxCooldown, nameof(CircuitBreakerMaxCooldown), TimeSpan.Zero, MaxDuration);
        if (!Enum.IsDefined(StreamRecovery))
        {
            Add(nameof(StreamRecovery), $"is {((int)StreamRecovery).ToString(CultureInfo.InvariantCulture)}; it must be Report, Continue or Buffer");
        }

        if (models is not null)
        {
            CheckModels(models);
        }

        foreach (string problem in ConfigurationProblems ?? [])
        {
            (problems ??= []).Add(problem);
            onlyName = "configuration";
        }

        for (int i = 0; i < Classifiers.Count; i++)
        {
            if (Classifiers[i] is null)
            {
                Add(nameof(Classifiers), "is null; every entry must be an IFailureClassifier", $"{nameof(Classifiers)}[{i.ToString(CultureInfo.InvariantCulture)}]");
            }
        }

        if (TimeProvider is null)
        {
            Add(nameof(TimeProvider), "is null; it must be a TimeProvider (TimeProvider.System by default)");
        }

        if (Random is null)
        {
            Add(nameof(Random), "is null; it must be a Random (Random.Shared by default)");
        }

        if (problems is null)
        {
            return;
        }

        string message = problems.Count == 1
            ? $"Fallback chain '{chainName}': {problems[0]}."
            : $"Fallback chain '{chainName}' has {problems.Count.ToString(CultureInfo.InvariantCulture)} invalid options:{Environment.NewLine}- "
                + string.Join(";" + Environment.NewLine + "- ", problems) + ".";
        throw new ArgumentException(message, problems.Count == 1 ? onlyName : "options");

        void CheckDuration(TimeSpan value, string name, TimeSpan min, TimeSpan max, string minLabel = "", string note = "")
        {
            if (value < min || value > max)
            {
                Add(name, $"is {Format(value)}; it must be between {Format(min, minLabel)} and {Format(max)}{note}");
            }
        }

        // Overrides name declared models only: a typo in a key must not be silently ignored.
        void CheckModels(IReadOnlyList<ModelDescriptor> declared)
        {
            foreach (KeyValuePair<string, ModelOptions> entry in Models)
            {
                string subject = $"{nameof(Models)}[\"{entry.Key}\"]";
                bool known = false;
                foreach (ModelDescriptor model in declared)
                {
                    known |= string.Equals(ModelOptions.KeyOf(model), entry.Key, StringComparison.OrdinalIgnoreCase);
                }

                if (!known)
                {
                    var keys = new List<string>(declared.Count);
                    foreach (ModelDescriptor model in declared)
                    {
                        keys.Add(ModelOptions.KeyOf(model));
                    }

                    Add(nameof(Models), $"names no declared model; the chain declares {string.Join(", ", keys)}", subject);
                    continue;
                }

                ModelOptions value = entry.Value;
                if (value is null)
                {
                    Add(nameof(Models), "is null", subject);
                    continue;
                }

                if (value.MaxRetries is < 0)
                {
                    Add(nameof(Models), $"has MaxRetries {value.MaxRetries.Value.ToString(CultureInfo.InvariantCulture)}; it must be 0 or more", subject);
                }

                CheckTimeout(value.AttemptTimeout, subject + "." + nameof(ModelOptions.AttemptTimeout), nameof(Models));
                CheckTimeout(value.FirstTokenTimeout, subject + "." + nameof(ModelOptions.FirstTokenTimeout), nameof(Models));
            }
        }

        void CheckTimeout(TimeSpan? value, string name, string? parameter = null)
        {
            if (value is { } timeout && (timeout <= TimeSpan.Zero || timeout > MaxDuration))
            {
                Add(parameter ?? name, $"is {Format(timeout)}; it must be more than 0 and at most {Format(MaxDuration)}, or null for none", parameter is null ? null : name);
            }
        }

        void Add(string name, string problem, string? subject = null)
        {
            onlyName = name;
            (problems ??= []).Add($"FallbackOptions.{subject ?? name} {problem}");
        }
    }

    // "00:00:00.5000000 (500 ms)": the TimeSpan as .NET prints it, and in milliseconds, the unit of the limit.
    private static string Format(TimeSpan value, string label = "")
        => string.Create(CultureInfo.InvariantCulture, $"{value:c} ({value.TotalMilliseconds:0.###} ms{label})");
}
