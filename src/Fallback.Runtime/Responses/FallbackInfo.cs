using System;

namespace Fallback;

/// <summary>
/// Who served an answer of a fallback chain: read with <see cref="FallbackResponseExtensions.GetFallbackInfo(Microsoft.Extensions.AI.ChatResponse)"/>
/// from a response, a streamed response collected with <c>ToChatResponseAsync()</c>, a streamed update, or any of
/// them after a JSON round trip (a cache).
/// </summary>
/// <param name="Model">
/// The serving model as <c>"provider/model"</c> (the <c>fallback.model</c> property), or <see cref="FinalFallbackModel"/>
/// when the chain's <c>[FinalFallback]</c> method answered.
/// </param>
/// <param name="Level">
/// The serving model's position among the models the request could try (the <c>fallback.level</c> property): 0 when
/// the first enabled model served, 1 for the next, and so on; for the final fallback, the number of those models.
/// </param>
public readonly record struct FallbackInfo(string Model, int Level)
{
    /// <summary>The <c>AdditionalProperties</c> key that names the serving model: <c>"fallback.model"</c>.</summary>
    public const string ModelPropertyName = FallbackEngine.ModelProperty;

    /// <summary>The <c>AdditionalProperties</c> key that holds the serving model's level: <c>"fallback.level"</c>.</summary>
    public const string LevelPropertyName = FallbackEngine.LevelProperty;

    /// <summary>What <see cref="Model"/> (and <c>ChatResponse.ModelId</c>) says when the final fallback answered: <c>"fallback/final"</c>.</summary>
    public const string FinalFallbackModel = FallbackEngine.FinalFallbackModelId;

    /// <summary>Whether the chain's <c>[FinalFallback]</c> method answered because every model failed.</summary>
    public bool IsFinalFallback => string.Equals(Model, FinalFallbackModel, StringComparison.Ordinal);

    /// <summary>Whether a model other than the first enabled one served (a fallback happened), the final fallback included.</summary>
    public bool FellBack => Level > 0;
}
