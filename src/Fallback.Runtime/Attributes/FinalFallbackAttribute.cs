using System;

namespace Fallback;

/// <summary>
/// Marks a static interface method that answers when every model of the chain failed. Supported shapes:
/// <c>static ChatResponse M(IEnumerable&lt;ChatMessage&gt; messages, AllModelsFailedException failure)</c>,
/// also returning <c>Task&lt;ChatResponse&gt;</c> or <c>ValueTask&lt;ChatResponse&gt;</c>, optionally
/// taking a trailing <c>CancellationToken</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FinalFallbackAttribute : Attribute
{
}
