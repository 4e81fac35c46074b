namespace Fallback.SourceGeneration.Model;

/// <summary>
/// The chain class's private static fields. Each is its usual name (<c>s_models</c>, <c>s_finalFallback</c>) unless the
/// interface declares a member of that name, which the chain implements publicly: then a numbered one. The engine and
/// the default route are <c>FallbackChainBase</c>'s.
/// </summary>
/// <param name="Models">The static model table: <c>s_models</c>.</param>
/// <param name="FinalFallback">The static final fallback handler: <c>s_finalFallback</c>.</param>
internal sealed record ChainFieldNames(string Models, string FinalFallback);
