using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fallback;

/// <summary>
/// Reports fallback chains to the health check service: one chain (resolved by name) or every
/// <see cref="IFallbackChain"/> in the container, the worst status winning. Chains are read at each run, so a check for
/// a chain that is not registered reports the registration's failure status instead of throwing at startup; in the
/// check over every chain, a chain whose state cannot be read is Unhealthy and the others are still reported.
/// </summary>
internal sealed class FallbackChainHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;
    private readonly FallbackHealthBaselines _baselines;
    private readonly string? _chainName;

    /// <param name="services">The container the chains are resolved from.</param>
    /// <param name="baselines">The fallback counts seen at each check's previous run.</param>
    /// <param name="chainName">The one chain to report (keyed by this name); null for every registered chain.</param>
    public FallbackChainHealthCheck(IServiceProvider services, FallbackHealthBaselines baselines, string? chainName)
    {
        _services = services;
        _baselines = baselines;
        _chainName = chainName;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        HealthStatus failureStatus = context.Registration.FailureStatus;
        string check = context.Registration.Name;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);

        if (_chainName is not null)
        {
            if (_services.GetKeyedService<IFallbackChain>(_chainName) is not { } chain)
            {
                return Task.FromResult(new HealthCheckResult(failureStatus, $"No fallback chain named '{_chainName}' is registered."));
            }

            ChainHealth health = Evaluate(check, chain, data, prefix: "");
            return Task.FromResult(new HealthCheckResult(Apply(health.Status, failureStatus), $"Chain '{chain.Name}': {health.Reason}.", data: data));
        }

        IReadOnlyList<IFallbackChain> chains = AllChains();
        if (chains.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No fallback chain is registered."));
        }

        HealthStatus worst = HealthStatus.Healthy;
        var reasons = new List<string>();
        foreach (IFallbackChain chain in chains)
        {
            string prefix = chain.Name + ":";
            ChainHealth health;
            try
            {
                health = Evaluate(check, chain, data, prefix);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One chain that cannot be read must not hide the others' state.
                health = new ChainHealth(HealthStatus.Unhealthy, "reading its state threw " + ex.GetType().Name);
            }

            data[prefix + "status"] = health.Status.ToString();
            if (health.Status != HealthStatus.Healthy)
            {
                reasons.Add($"chain '{chain.Name}' is {health.Status}: {health.Reason}");
            }

            worst = health.Status < worst ? health.Status : worst;
        }

        string description = reasons.Count == 0
            ? (chains.Count == 1 ? $"Chain '{chains[0].Name}' is healthy." : string.Create(CultureInfo.InvariantCulture, $"All {chains.Count} fallback chains are healthy."))
            : string.Join("; ", reasons) + ".";
        return Task.FromResult(new HealthCheckResult(Apply(worst, failureStatus), description, data: data));
    }

    private ChainHealth Evaluate(string check, IFallbackChain chain, Dictionary<string, object> data, string prefix)
    {
        IReadOnlyList<ModelStatus> models = chain.Models;
        FallbackStats stats = chain.GetStats();
        long newFallbacks = _baselines.Advance(check, chain.Name, stats);
        ChainHealthData.Add(data, prefix, models, stats, newFallbacks);
        return ChainHealthRule.Evaluate(models, newFallbacks);
    }

    // Every chain once, in name order (a chain registered twice, or an engine registered beside its chain, is one chain).
    private List<IFallbackChain> AllChains()
    {
        var chains = new List<IFallbackChain>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (IFallbackChain chain in _services.GetServices<IFallbackChain>())
        {
            if (names.Add(chain.Name))
            {
                chains.Add(chain);
            }
        }

        chains.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return chains;
    }

    // As the ecosystem's checks do: the registration's failure status stands in for Unhealthy; Degraded stays Degraded.
    private static HealthStatus Apply(HealthStatus status, HealthStatus failureStatus)
        => status == HealthStatus.Unhealthy ? failureStatus : status;
}
