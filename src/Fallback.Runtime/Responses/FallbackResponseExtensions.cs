using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// Reads who served an answer (<see cref="FallbackInfo"/>) from the <c>fallback.model</c> and <c>fallback.level</c>
/// properties a chain stamps, wherever they ended up.
/// </summary>
/// <remarks>
/// A chain stamps a response's <see cref="ChatResponse.AdditionalProperties"/>, and a stream's first
/// <see cref="ChatResponseUpdate.AdditionalProperties"/>. Where a collected stream keeps them depends on what
/// collected it: <c>ToChatResponseAsync()</c> of Microsoft.Extensions.AI 10.x merges update properties into the
/// response's, while a collector that groups updates by message (as some middleware and older versions do) puts them
/// on the <see cref="ChatMessage.AdditionalProperties"/> of the message they built. These methods look at the response
/// first, then at its messages in order, so every shape reads the same. After a JSON round trip (a distributed cache, a saved conversation) the values come back as
/// <see cref="JsonElement"/>s; those are read too, as are levels stored as an <see cref="int"/>, a <see cref="long"/>, a whole
/// <see cref="double"/> or a decimal string (what other serializers give back).
/// No reflection: safe under trimming and Native AOT. Nothing is found when the chain ran with
/// <see cref="FallbackOptions.StampResponses"/> off; <see cref="ChatResponse.ModelId"/> still names the model then.
/// </remarks>
public static class FallbackResponseExtensions
{
    /// <summary>
    /// Whether <paramref name="response"/> is a final fallback's answer ("the service is busy"), not a model's: the
    /// predicate a cache uses to skip storing it, so a recovered provider is not hidden behind a cached excuse
    /// (for example in a <c>DistributedCachingChatClient</c> subclass whose <c>WriteCacheAsync</c> returns early).
    /// Reads the stamp, and <c>ModelId</c> when stamping is off.
    /// </summary>
    public static bool IsFinalFallbackAnswer(this ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.GetFallbackInfo()?.IsFinalFallback == true || response.ModelId == FallbackEngine.FinalFallbackModelId;
    }

    /// <summary>Who served <paramref name="response"/>, or null when it carries no valid <c>fallback.model</c>/<c>fallback.level</c> pair.</summary>
    /// <param name="response">An answer of a chain, streamed and collected or not, possibly deserialized from JSON.</param>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static FallbackInfo? GetFallbackInfo(this ChatResponse response)
        => response.TryGetFallbackInfo(out FallbackInfo info) ? info : null;

    /// <summary>Who served the stream <paramref name="update"/> belongs to, or null when this update does not say (a chain stamps only a stream's first update).</summary>
    /// <param name="update">An update of a chain's stream, possibly deserialized from JSON.</param>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public static FallbackInfo? GetFallbackInfo(this ChatResponseUpdate update)
        => update.TryGetFallbackInfo(out FallbackInfo info) ? info : null;

    /// <summary>Reads who served <paramref name="response"/>: its own properties first, then its messages' in order.</summary>
    /// <param name="response">An answer of a chain, streamed and collected or not, possibly deserialized from JSON.</param>
    /// <param name="info">Who served; <c>default</c> when the method returns false.</param>
    /// <returns>Whether a valid <c>fallback.model</c>/<c>fallback.level</c> pair was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public static bool TryGetFallbackInfo(this ChatResponse response, out FallbackInfo info)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (TryRead(response.AdditionalProperties, out info))
        {
            return true;
        }

        IList<ChatMessage> messages = response.Messages;
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i] is { } message && TryRead(message.AdditionalProperties, out info))
            {
                return true;
            }
        }

        info = default;
        return false;
    }

    /// <summary>Reads who served the stream <paramref name="update"/> belongs to, from its properties.</summary>
    /// <param name="update">An update of a chain's stream, possibly deserialized from JSON.</param>
    /// <param name="info">Who served; <c>default</c> when the method returns false.</param>
    /// <returns>Whether this update carries a valid <c>fallback.model</c>/<c>fallback.level</c> pair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    public static bool TryGetFallbackInfo(this ChatResponseUpdate update, out FallbackInfo info)
    {
        ArgumentNullException.ThrowIfNull(update);
        return TryRead(update.AdditionalProperties, out info);
    }

    // Both values from one dictionary, so a model is never paired with another dictionary's level.
    private static bool TryRead(AdditionalPropertiesDictionary? properties, out FallbackInfo info)
    {
        if (properties is not null
            && properties.TryGetValue(FallbackInfo.ModelPropertyName, out object? model)
            && properties.TryGetValue(FallbackInfo.LevelPropertyName, out object? level)
            && ReadModel(model) is { Length: > 0 } modelId
            && TryReadLevel(level, out int value))
        {
            info = new FallbackInfo(modelId, value);
            return true;
        }

        info = default;
        return false;
    }

    private static string? ReadModel(object? value) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => null,
    };

    private static bool TryReadLevel(object? value, out int level)
    {
        switch (value)
        {
            case int number:
                level = number;
                break;
            case long number when number is >= 0 and <= int.MaxValue:
                level = (int)number;
                break;
            case double number when number is >= 0 and <= int.MaxValue && Math.Floor(number) == number:
                level = (int)number;
                break;
            case string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed):
                level = parsed;
                break;
            case JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out int parsed):
                level = parsed;
                break;
            case JsonElement { ValueKind: JsonValueKind.String } element
                when int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed):
                level = parsed;
                break;
            default:
                level = 0;
                return false;
        }

        return level >= 0;
    }
}
