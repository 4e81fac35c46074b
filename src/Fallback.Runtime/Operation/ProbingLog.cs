using System;
using Microsoft.Extensions.Logging;

namespace Fallback;

/// <summary>Active probing's log messages (category <c>Fallback.Probing</c>). They name chains, models and failure kinds; never prompt text.</summary>
internal static partial class ProbingLog
{
    [LoggerMessage(100, LogLevel.Information, "Chain {Chain}: probe of {Provider}/{Model} via {Client} answered in {DurationMs} ms; its circuit is closed.", EventName = "ProbeRecovered")]
    public static partial void ProbeRecovered(ILogger logger, string chain, string provider, string model, string client, long durationMs);

    [LoggerMessage(101, LogLevel.Debug, "Chain {Chain}: probe of {Provider}/{Model} via {Client} answered in {DurationMs} ms.", EventName = "ProbeSucceeded")]
    public static partial void ProbeSucceeded(ILogger logger, string chain, string provider, string model, string client, long durationMs);

    [LoggerMessage(102, LogLevel.Debug, "Chain {Chain}: probe of {Provider}/{Model} via {Client} still fails: {Kind}.", EventName = "ProbeStillFailing")]
    public static partial void ProbeStillFailing(ILogger logger, string chain, string provider, string model, string client, FailureKind kind);

    [LoggerMessage(103, LogLevel.Warning, "Chain {Chain}: probing {Provider}/{Model} threw {ExceptionType}; probing goes on.", EventName = "ProbeError")]
    public static partial void ProbeError(ILogger logger, string chain, string provider, string model, string exceptionType, Exception exception);

    [LoggerMessage(104, LogLevel.Warning, "Probing a fallback chain ({Chain}) threw {ExceptionType}; probing goes on.", EventName = "ChainProbeError")]
    public static partial void ChainError(ILogger logger, string chain, string exceptionType, Exception exception);

    [LoggerMessage(105, LogLevel.Debug, "Chain {Chain} is not backed by a FallbackEngine; it is not probed.", EventName = "ChainNotProbed")]
    public static partial void NotProbed(ILogger logger, string chain);
}
