namespace Fallback.SourceGeneration.Model;

/// <summary>The chain's <c>[FinalFallback]</c> method.</summary>
/// <param name="MethodName">The static method's name, escaped when it is a keyword.</param>
/// <param name="Return">How it returns its answer.</param>
/// <param name="TakesCancellationToken">Whether it takes a trailing <c>CancellationToken</c>.</param>
/// <param name="SuppressNullable">Whether its declared return carries a nullable annotation the handler's type does not.</param>
internal sealed record FinalFallbackSpec(string MethodName, FinalFallbackReturn Return, bool TakesCancellationToken, bool SuppressNullable);
