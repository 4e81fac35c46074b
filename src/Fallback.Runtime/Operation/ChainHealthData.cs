using System.Collections.Generic;
using System.Globalization;

namespace Fallback;

/// <summary>
/// What a fallback health check puts in its result's data, per chain: one entry per model,
/// <c>"provider/model"</c> (plus <c>" via client"</c> when the model's client key is not its provider) to a string
/// such as <c>"circuit=Open; enabled=true; consecutiveFailures=3; openUntil=2026-11-23T12:00:30.0000000+00:00"</c>,
/// and the chain's counters (<c>requests</c>, <c>successful</c>, <c>failed</c>, <c>fallbacks</c>,
/// <c>finalFallbacks</c>, <c>fallbacksSinceLastCheck</c>) as <see cref="long"/>s. Values are strings and numbers
/// only, so any health report writer serialises them, under Native AOT too. No prompt text, no keys.
/// </summary>
internal static class ChainHealthData
{
    public static string ModelKey(ModelStatus model)
        => string.Equals(model.Client, model.Provider, System.StringComparison.Ordinal) ? model.Id : model.Id + " via " + model.Client;

    public static string ModelState(ModelStatus model)
    {
        string state = string.Create(
            CultureInfo.InvariantCulture,
            $"circuit={model.Circuit}; enabled={(model.Enabled ? "true" : "false")}; consecutiveFailures={model.ConsecutiveFailures}");
        return model.OpenUntil is { } until ? state + "; openUntil=" + until.ToString("O", CultureInfo.InvariantCulture) : state;
    }

    public static void Add(Dictionary<string, object> data, string prefix, IReadOnlyList<ModelStatus> models, FallbackStats stats, long newFallbacks)
    {
        foreach (ModelStatus model in models)
        {
            data[prefix + ModelKey(model)] = ModelState(model);
        }

        data[prefix + "requests"] = stats.TotalRequests;
        data[prefix + "successful"] = stats.SuccessfulRequests;
        data[prefix + "failed"] = stats.FailedRequests;
        data[prefix + "fallbacks"] = stats.FallbackCount;
        data[prefix + "finalFallbacks"] = stats.FinalFallbackCount;
        data[prefix + "fallbacksSinceLastCheck"] = newFallbacks;
    }
}
