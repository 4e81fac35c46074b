using System;

namespace Fallback;

/// <summary>
/// What a stream cut after output becomes. The chain cannot fall back without repeating text the caller already
/// has, so the cut is reported as <see cref="StreamInterruptedException"/>, never a silently truncated success.
/// (Continuation on a prefill-capable model and holding output until the end are the recoveries this seam takes next.)
/// </summary>
internal static class CutStreamPolicy
{
    public static StreamInterruptedException Report(ChainTelemetry telemetry, ModelDescriptor model, int delivered, FailureKind kind, Exception error)
    {
        telemetry.StreamCut(model, delivered, kind);
        return new StreamInterruptedException(telemetry.Chain, model.Provider, model.Model, delivered, kind, error);
    }
}
