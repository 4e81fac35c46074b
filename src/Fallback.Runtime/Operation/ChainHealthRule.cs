using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fallback;

/// <summary>
/// The rule that turns one chain's model states and its new fallbacks into a health status, apart from the check that
/// reads them: Unhealthy when no enabled model is usable (every enabled model's circuit open, or none enabled);
/// Degraded when an enabled model's circuit is open or half-open, or requests were served by a fallback since the
/// previous check; Healthy otherwise. Disabled models are out of the chain by the operator's choice: they are
/// reported, never counted against it.
/// </summary>
internal static class ChainHealthRule
{
    public static ChainHealth Evaluate(IReadOnlyList<ModelStatus> models, long newFallbacks)
    {
        int enabled = 0;
        int open = 0;
        List<string>? opened = null;
        List<string>? halfOpen = null;
        foreach (ModelStatus model in models)
        {
            if (!model.Enabled)
            {
                continue;
            }

            enabled++;
            switch (model.Circuit)
            {
                case CircuitState.Open:
                    open++;
                    (opened ??= new List<string>()).Add(ChainHealthData.ModelKey(model));
                    break;
                case CircuitState.HalfOpen:
                    (halfOpen ??= new List<string>()).Add(ChainHealthData.ModelKey(model));
                    break;
            }
        }

        if (enabled == 0)
        {
            return new ChainHealth(HealthStatus.Unhealthy, "every model is disabled");
        }

        if (open == enabled)
        {
            return new ChainHealth(HealthStatus.Unhealthy, "every enabled model's circuit is open");
        }

        if (opened is null && halfOpen is null && newFallbacks <= 0)
        {
            return new ChainHealth(HealthStatus.Healthy, "every enabled model's circuit is closed and no request fell back since the last check");
        }

        var reason = new StringBuilder();
        Append(reason, "circuit open on ", opened);
        Append(reason, "circuit half-open on ", halfOpen);
        if (newFallbacks > 0)
        {
            Separate(reason);
            reason.Append(newFallbacks.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(newFallbacks == 1 ? " request was" : " requests were")
                .Append(" served by a fallback since the last check");
        }

        return new ChainHealth(HealthStatus.Degraded, reason.ToString());
    }

    private static void Append(StringBuilder reason, string label, List<string>? models)
    {
        if (models is null)
        {
            return;
        }

        Separate(reason);
        reason.Append(label).AppendJoin(", ", models);
    }

    private static void Separate(StringBuilder reason)
    {
        if (reason.Length > 0)
        {
            reason.Append("; ");
        }
    }
}

/// <summary>One chain's status and why, in words that name models, never prompts.</summary>
internal readonly record struct ChainHealth(HealthStatus Status, string Reason);
