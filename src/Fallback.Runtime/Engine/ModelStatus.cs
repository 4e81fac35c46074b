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
    /// <summary><c>provider/model</c>.</summary>
    public string Id => Provider + "/" + Model;
}
