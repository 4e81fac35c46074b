using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fallback;

/// <summary>
/// Health checks for fallback chains (Microsoft.Extensions.Diagnostics.HealthChecks). A chain is
/// <see cref="HealthStatus.Healthy"/> while every enabled model's circuit is closed and no request fell back since the
/// check's previous run; <see cref="HealthStatus.Degraded"/> when an enabled model's circuit is open or half-open, or
/// requests were served by a fallback since the previous run; <see cref="HealthStatus.Unhealthy"/> (or the failure
/// status given) when no enabled model is usable: every enabled model's circuit is open, or every model is disabled.
/// The result's data holds each model's state and the chain's counters; never prompt text or keys.
/// </summary>
public static class FallbackHealthChecksBuilderExtensions
{
    /// <summary>The name of the check <see cref="AddFallbackChainHealthChecks"/> registers by default.</summary>
    public const string DefaultName = "fallback";

    /// <summary>The prefix of the name of a check for one chain: <c>fallback:&lt;chain name&gt;</c>.</summary>
    public const string ChainNamePrefix = "fallback:";

    /// <summary>
    /// Adds one check that reports every <see cref="IFallbackChain"/> in the container (every generated chain is one),
    /// found when the check runs: its status is the worst chain's, its data every chain's models and counters with keys
    /// prefixed by <c>"&lt;chain name&gt;:"</c>, plus <c>"&lt;chain name&gt;:status"</c>. With no chain registered it is healthy.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; <see cref="DefaultName"/> by default.</param>
    /// <param name="failureStatus">Reported instead of <see cref="HealthStatus.Unhealthy"/>; null for Unhealthy.</param>
    /// <param name="tags">Tags to filter the check by (a readiness endpoint, say).</param>
    /// <param name="timeout">How long the check may run; null for the health check service's default.</param>
    public static IHealthChecksBuilder AddFallbackChainHealthChecks(
        this IHealthChecksBuilder builder,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Add(builder, name, chainName: null, failureStatus, tags, timeout);
    }

    /// <summary>
    /// Adds a check named <c>fallback:&lt;chain name&gt;</c> for the chain registered under <paramref name="chainName"/>
    /// (the name in its <see cref="FallbackChainAttribute"/>), with its models and counters as data keys without prefix.
    /// A chain that is not registered reports the failure status when the check runs.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="chainName">The chain's name.</param>
    /// <param name="failureStatus">Reported instead of <see cref="HealthStatus.Unhealthy"/>; null for Unhealthy.</param>
    /// <param name="tags">Tags to filter the check by.</param>
    /// <param name="timeout">How long the check may run; null for the health check service's default.</param>
    public static IHealthChecksBuilder AddFallbackChainHealthCheck(
        this IHealthChecksBuilder builder,
        string chainName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(chainName);
        return Add(builder, ChainNamePrefix + chainName, chainName, failureStatus, tags, timeout);
    }

    private static IHealthChecksBuilder Add(IHealthChecksBuilder builder, string name, string? chainName, HealthStatus? failureStatus, IEnumerable<string>? tags, TimeSpan? timeout)
    {
        builder.Services.TryAddSingleton(static _ => new FallbackHealthBaselines());
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new FallbackChainHealthCheck(sp, sp.GetRequiredService<FallbackHealthBaselines>(), chainName),
            failureStatus,
            tags,
            timeout));
    }
}
