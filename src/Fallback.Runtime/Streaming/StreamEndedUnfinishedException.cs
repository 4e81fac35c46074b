using System;

namespace Fallback;

/// <summary>
/// A stream ended without any update carrying a finish reason: a dropped connection, as both official SDKs end one.
/// The engine's own finding, judged <see cref="FailureKind.StreamInterrupted"/> by <see cref="AttemptScope"/> before any classifier.
/// </summary>
internal sealed class StreamEndedUnfinishedException(string message) : Exception(message);
