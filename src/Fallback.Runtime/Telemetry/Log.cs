using Microsoft.Extensions.Logging;

namespace Fallback;

/// <summary>The chain's log messages. They name chains, models and failure kinds; never prompt or response text.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Chain {Chain}: attempt {Attempt} on {Provider}/{Model} failed: {Kind} (status {Status}, {ExceptionType}).")]
    public static partial void AttemptFailed(ILogger logger, string chain, int attempt, string provider, string model, FailureKind kind, int? status, string exceptionType);

    [LoggerMessage(2, LogLevel.Debug, "Chain {Chain}: retrying {Provider}/{Model} in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string chain, string provider, string model, long delayMs);

    [LoggerMessage(3, LogLevel.Information, "Chain {Chain}: falling back from {Provider}/{Model} after {Kind}.")]
    public static partial void FallingBack(ILogger logger, string chain, string provider, string model, FailureKind kind);

    [LoggerMessage(4, LogLevel.Warning, "Chain {Chain}: circuit opened for {Provider}/{Model} after {Failures} consecutive failures; skipped for {CooldownMs} ms.")]
    public static partial void CircuitOpened(ILogger logger, string chain, string provider, string model, int failures, long cooldownMs);

    [LoggerMessage(5, LogLevel.Error, "Chain {Chain}: every model failed after {Attempts} attempt(s).")]
    public static partial void AllModelsFailed(ILogger logger, string chain, int attempts);

    [LoggerMessage(6, LogLevel.Warning, "Chain {Chain}: answered by the final fallback after {Attempts} failed attempt(s).")]
    public static partial void FinalFallbackUsed(ILogger logger, string chain, int attempts);

    [LoggerMessage(7, LogLevel.Information, "Chain {Chain}: {Provider}/{Model} {State}.")]
    public static partial void ModelSwitched(ILogger logger, string chain, string provider, string model, string state);

    [LoggerMessage(8, LogLevel.Error, "Chain {Chain}: the stream from {Provider}/{Model} was cut after {Updates} update(s) had been delivered ({Kind}).")]
    public static partial void StreamCut(ILogger logger, string chain, string provider, string model, int updates, FailureKind kind);

    [LoggerMessage(9, LogLevel.Information, "Chain {Chain}: every enabled model is cooling down; trying them anyway.")]
    public static partial void AllCircuitsOpen(ILogger logger, string chain);
}
