using System;

namespace Fallback;

/// <summary>A snapshot of one model of a chain: its declaration and its run-time state.</summary>
public sealed record ModelStatus(
    string Provider,
    string Model,
    string Client,
    int Priority,
    int MaxRetries,
    bool Enabled,
    CircuitState Circuit,
    int ConsecutiveFailures,
    DateTimeOffset? OpenUntil)
{
    /// <summary>
    /// The model's entry in the chain's table as declared (and filled from the model catalogue): context window, maximum
    /// output, prices, prefill support, timeouts. Set on every status the engine reports.
    /// </summary>
    public ModelDescriptor? Descriptor { get; init; }

    /// <summary><c>provider/model</c>.</summary>
    public string Id => Provider + "/" + Model;
}
