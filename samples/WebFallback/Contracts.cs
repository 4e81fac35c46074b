using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fallback.Samples.WebFallback;

/// <summary>The body of <c>POST /chat</c>.</summary>
public sealed record ChatRequest(string? Message);

/// <summary>The answer of <c>POST /chat</c>: the text and who served it (<c>fallback/final</c> when no model could).</summary>
public sealed record ChatReply(string Text, string Model, int Level);

/// <summary>An error answer.</summary>
public sealed record ErrorReply(string Error);

/// <summary>One chain as <c>GET /chains</c> shows it.</summary>
public sealed record ChainReport(string Name, IReadOnlyList<ModelReport> Models, StatsReport Stats);

/// <summary>One model's declaration and run-time state.</summary>
public sealed record ModelReport(
    string Id,
    string Client,
    int Priority,
    int MaxRetries,
    bool Enabled,
    string Circuit,
    int ConsecutiveFailures,
    DateTimeOffset? OpenUntil,
    long Attempts,
    long Failures,
    long Served);

/// <summary>A chain's counters.</summary>
public sealed record StatsReport(
    long TotalRequests,
    long SuccessfulRequests,
    long FailedRequests,
    long FallbackCount,
    long FinalFallbackCount,
    IReadOnlyDictionary<string, long> ModelUsage);

/// <summary>What <c>GET /healthz</c> writes: the overall status and each check's.</summary>
public sealed record HealthReportBody(string Status, IReadOnlyList<HealthEntryBody> Checks);

/// <summary>One health check's result; its description names models, never prompts.</summary>
public sealed record HealthEntryBody(string Name, string Status, string? Description);

/// <summary>Every type the app reads or writes as JSON, serialized without reflection (trimming and Native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatReply))]
[JsonSerializable(typeof(ErrorReply))]
[JsonSerializable(typeof(IReadOnlyList<ChainReport>))]
[JsonSerializable(typeof(HealthReportBody))]
public sealed partial class WebFallbackJsonContext : JsonSerializerContext
{
}
