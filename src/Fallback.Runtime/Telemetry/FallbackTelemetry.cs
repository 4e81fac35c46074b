using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fallback;

/// <summary>
/// The chain's meter and activity source, both named <c>Fallback</c>. Tags use the OpenTelemetry gen_ai names
/// where one exists. No prompt or response text is ever recorded.
/// </summary>
public static class FallbackTelemetry
{
    /// <summary>The name of the <see cref="Meter"/> and the <see cref="ActivitySource"/>.</summary>
    public const string Name = "Fallback";

    internal const string ChainTag = "fallback.chain";
    internal const string OutcomeTag = "fallback.outcome";
    internal const string LevelTag = "fallback.level";
    internal const string AttemptTag = "fallback.attempt";
    internal const string ProviderTag = "gen_ai.provider.name";
    internal const string RequestModelTag = "gen_ai.request.model";
    internal const string ResponseModelTag = "gen_ai.response.model";
    internal const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource ActivitySource = new(Name);
    internal static readonly Meter Meter = new(Name);

    /// <summary>Finished requests by outcome: success, failure, final_fallback, cancelled.</summary>
    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("fallback.requests", "{request}", "Requests handled by a fallback chain.");

    /// <summary>Attempts on a model by outcome and failure kind.</summary>
    internal static readonly Counter<long> Attempts = Meter.CreateCounter<long>("fallback.attempts", "{attempt}", "Attempts made on a model of a fallback chain.");

    /// <summary>Moves from one model to the next, tagged with the model left and why.</summary>
    internal static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("fallback.fallbacks", "{fallback}", "Times a chain moved on from a model.");

    /// <summary>Whole-request duration, all attempts and delays included.</summary>
    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("fallback.request.duration", "s", "Duration of a request through a fallback chain.");

    internal static class Outcomes
    {
        public const string Success = "success";
        public const string Failure = "failure";
        public const string FinalFallback = "final_fallback";
        public const string Cancelled = "cancelled";
    }
}
