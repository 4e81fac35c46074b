using System;
using System.Collections.Generic;

namespace Fallback;

/// <summary>
/// A snapshot of a chain's statistics. <see cref="TotalRequests"/> is always
/// <see cref="SuccessfulRequests"/> + <see cref="FailedRequests"/>; requests the caller cancelled are
/// counted apart in <see cref="CancelledRequests"/>.
/// </summary>
public sealed class FallbackStats
{
    internal FallbackStats(long successful, long failed, long cancelled, long fallbacks, long finalFallbacks, IReadOnlyDictionary<string, long> modelUsage, IReadOnlyList<ModelStats> models)
    {
        SuccessfulRequests = successful;
        FailedRequests = failed;
        CancelledRequests = cancelled;
        FallbackCount = fallbacks;
        FinalFallbackCount = finalFallbacks;
        ModelUsage = modelUsage;
        Models = models;
    }

    /// <summary>Finished requests: successful plus failed.</summary>
    public long TotalRequests => SuccessfulRequests + FailedRequests;

    /// <summary>Requests a model answered.</summary>
    public long SuccessfulRequests { get; }

    /// <summary>Requests no model answered (including those the final fallback then answered) and streams cut after output.</summary>
    public long FailedRequests { get; }

    /// <summary>Requests the caller cancelled; not part of <see cref="TotalRequests"/>.</summary>
    public long CancelledRequests { get; }

    /// <summary>Finished requests that moved past their first enabled model at least once.</summary>
    public long FallbackCount { get; }

    /// <summary>Requests answered by the <see cref="FinalFallbackAttribute"/> method.</summary>
    public long FinalFallbackCount { get; }

    /// <summary><see cref="SuccessfulRequests"/> / <see cref="TotalRequests"/>; 0 before any request.</summary>
    public double SuccessRate => TotalRequests == 0 ? 0 : (double)SuccessfulRequests / TotalRequests;

    /// <summary>Requests served per <c>provider/model</c>.</summary>
    public IReadOnlyDictionary<string, long> ModelUsage { get; }

    /// <summary>Per-model figures, in the chain's order.</summary>
    public IReadOnlyList<ModelStats> Models { get; }
}

/// <summary>Figures for one model of a chain.</summary>
public sealed record ModelStats(string Provider, string Model, string Client, long Attempts, long Failures, long Served, TimeSpan TotalLatency)
{
    /// <summary>Mean duration of an attempt on this model.</summary>
    public TimeSpan AverageLatency => Attempts == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(TotalLatency.Ticks / Attempts);
}
