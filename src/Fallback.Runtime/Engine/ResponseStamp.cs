using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// Says who served an answer: <c>ModelId</c> always; <c>fallback.model</c> and <c>fallback.level</c> in its
/// properties unless stamping is off. A stream carries them on its first update only: no allocation per update.
/// </summary>
internal static class ResponseStamp
{
    // Boxed once so stamping a response allocates no box for its level.
    private static readonly object[] s_boxedLevels = CreateBoxedLevels(32);

    public static void Response(EngineSettings settings, ChatResponse response, ModelSlot slot, int level)
    {
        response.ModelId ??= slot.Descriptor.Model;
        if (settings.StampResponses)
        {
            Properties(response.AdditionalProperties ??= [], slot.Descriptor.Id, level);
        }
    }

    public static void Final(EngineSettings settings, ChatResponse response, int level)
    {
        response.ModelId ??= FallbackEngine.FinalFallbackModelId;
        if (settings.StampResponses)
        {
            Properties(response.AdditionalProperties ??= [], FallbackEngine.FinalFallbackModelId, level);
        }
    }

    public static void FirstUpdate(EngineSettings settings, ChatResponseUpdate update, ModelSlot slot, int level)
    {
        if (settings.StampResponses)
        {
            Properties(update.AdditionalProperties ??= [], slot.Descriptor.Id, level);
        }
    }

    private static void Properties(AdditionalPropertiesDictionary properties, string modelId, int level)
    {
        properties[FallbackEngine.ModelProperty] = modelId;
        properties[FallbackEngine.LevelProperty] = level < s_boxedLevels.Length ? s_boxedLevels[level] : level;
    }

    private static object[] CreateBoxedLevels(int count)
    {
        var levels = new object[count];
        for (int i = 0; i < count; i++)
        {
            levels[i] = i;
        }

        return levels;
    }
}
