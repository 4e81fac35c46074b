namespace Fallback.SourceGeneration.Model;

/// <summary>
/// The chain class's private fields. Each is its usual name (<c>_engine</c>, <c>s_models</c>, ...) unless the
/// interface declares a member of that name, which the chain implements publicly: then a numbered one.
/// </summary>
/// <param name="Engine">The engine field: <c>_engine</c>.</param>
/// <param name="Models">The static model table: <c>s_models</c>.</param>
/// <param name="FinalFallback">The static final fallback handler: <c>s_finalFallback</c>.</param>
/// <param name="DefaultRoute">The default route, when it is not the whole table: <c>_defaultRoute</c>.</param>
internal sealed record ChainFieldNames(string Engine, string Models, string FinalFallback, string DefaultRoute);
