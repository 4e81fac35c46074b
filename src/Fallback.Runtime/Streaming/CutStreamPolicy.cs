using System;

namespace Fallback;

/// <summary>
/// What a stream cut after output becomes. The chain cannot fall back without repeating text the caller already
/// has: the cut is reported as <see cref="StreamInterruptedException"/>, never a silently truncated success, unless
/// the request continues it (<see cref="StreamRecovery.Continue"/>) on a model that takes a prefill. (Buffering never
/// reaches here: nothing is delivered before the stream completed.)
/// </summary>
internal static class CutStreamPolicy
{
    /// <summary>Whether a cut after output is continued rather than reported.</summary>
    public static bool Continues(in RequestState request) => request.Recovery == StreamRecovery.Continue;

    /// <summary>No model could continue a cut stream: the caller is told of the original cut, never of what failed while trying.</summary>
    public static StreamInterruptedException Uncontinued(ChainTelemetry telemetry, StreamContinuation continuation)
        => Report(telemetry, continuation.CutModel!, continuation.DeliveredAtCut, continuation.CutKind, continuation.Cut!);

    public static StreamInterruptedException Report(ChainTelemetry telemetry, ModelDescriptor model, int delivered, FailureKind kind, Exception error)
    {
        telemetry.StreamCut(model, delivered, kind);
        return new StreamInterruptedException(telemetry.Chain, model.Provider, model.Model, delivered, kind, error);
    }
}
