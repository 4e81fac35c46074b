using Microsoft.Extensions.Logging;

namespace Fallback;

/// <summary>The chain's log messages. They name chains, models and failure kinds; never prompt or response text.</summary>
internal static partial class Log
{
    /// <summary>
    /// A failed attempt: with its HTTP status when the failure had one (<c>(status 503, ClientResultException)</c>),
    /// without a status slot when it had none (<c>(TimeoutException)</c>). A template cannot leave a placeholder out,
    /// so these are two templates of one event (id 1, <c>AttemptFailed</c>): a filter on the event sees both.
    /// </summary>
    public static void AttemptFailed(ILogger logger, string chain, int attempt, string provider, string model, FailureKind kind, int? status, string exceptionType)
    {
        if (status is { } code)
        {
            AttemptFailedWithStatus(logger, chain, attempt, provider, model, kind, code, exceptionType);
        }
        else
        {
            AttemptFailedWithoutStatus(logger, chain, attempt, provider, model, kind, exceptionType);
        }
    }

    // SYSLIB1006/SYSLIB1025 ask for one event id and name per method; these two methods are one event, told apart
    // only by the status slot, so they share both.
#pragma warning disable SYSLIB1006, SYSLIB1025
    [LoggerMessage(1, LogLevel.Warning, "Chain {Chain}: attempt {Attempt} on {Provider}/{Model} failed: {Kind} (status {Status}, {ExceptionType}).", EventName = "AttemptFailed")]
    private static partial void AttemptFailedWithStatus(ILogger logger, string chain, int attempt, string provider, string model, FailureKind kind, int status, string exceptionType);

    [LoggerMessage(1, LogLevel.Warning, "Chain {Chain}: attempt {Attempt} on {Provider}/{Model} failed: {Kind} ({ExceptionType}).", EventName = "AttemptFailed")]
    private static partial void AttemptFailedWithoutStatus(ILogger logger, string chain, int attempt, string provider, string model, FailureKind kind, string exceptionType);
#pragma warning restore SYSLIB1006, SYSLIB1025

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

    [LoggerMessage(11, LogLevel.Information, "Chain {Chain}: health probe of {Provider}/{Model} failed: {Kind} ({ExceptionType}).")]
    public static partial void ProbeFailed(ILogger logger, string chain, string provider, string model, FailureKind kind, string exceptionType);

    [LoggerMessage(12, LogLevel.Information, "Chain {Chain}: new options applied.")]
    public static partial void Reconfigured(ILogger logger, string chain);

    [LoggerMessage(13, LogLevel.Error, "Chain {Chain}: new options refused, the chain keeps the ones it runs with: {Problems}")]
    public static partial void ReloadRejected(ILogger logger, string chain, string problems);
}
