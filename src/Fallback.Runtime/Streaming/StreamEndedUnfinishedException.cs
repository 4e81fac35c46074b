using System;

namespace Fallback;

/// <summary>A stream ended without any update carrying a finish reason: a dropped connection, as both official SDKs end one.</summary>
internal sealed class StreamEndedUnfinishedException(string message) : Exception(message);
