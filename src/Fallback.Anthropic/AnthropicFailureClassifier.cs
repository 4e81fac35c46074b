using System;
using Anthropic.Exceptions;

namespace Fallback.Anthropic;

/// <summary>
/// Classifies the Anthropic SDK's exceptions, which the built-in classifier cannot see into: the SDK's
/// <see cref="AnthropicApiException"/> family carries the status and the error type but no inner exception
/// and no response headers (<c>Retry-After</c> reaches the chain through <see cref="RetryAfterHandler"/>
/// instead). Register it with <see cref="AnthropicFallbackOptionsExtensions.UseAnthropic"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>429 <c>rate_limit_error</c>: rate limited (waits for <c>Retry-After</c> when within the cap).</item>
/// <item>529 <c>overloaded_error</c>, 500 <c>api_error</c>, other 5xx, <see cref="AnthropicIOException"/> (connection refused or reset): transient.</item>
/// <item>400 "prompt is too long", 413 <c>request_too_large</c>: context length exceeded.</item>
/// <item>400 "Output blocked by content filtering policy": content filtered.</item>
/// <item>401 <c>authentication_error</c>, 403 <c>permission_error</c>, 404 <c>not_found_error</c>: unauthorized, forbidden, model not found.</item>
/// <item>An <c>error</c> event inside a stream (<see cref="AnthropicSseException"/>): by its error type.</item>
/// <item><see cref="AnthropicInvalidDataException"/>: an answer that does not parse (unknown, <c>malformed_response</c>).</item>
/// </list>
/// Other exceptions (plain <see cref="System.IO.IOException"/>, <see cref="System.Text.Json.JsonException"/>, timeouts) are left to the built-in classifier.
/// The Anthropic SDK 13.12.0 is not Native-AOT ready: publishing with it warns (IL2104/IL3053) and its JSON fails at run time under AOT.
/// </remarks>
public sealed class AnthropicFailureClassifier : IFailureClassifier
{
    /// <summary>The shared instance; the classifier keeps no state.</summary>
    public static AnthropicFailureClassifier Instance { get; } = new();

    /// <inheritdoc />
    public bool TryClassify(Exception exception, out FailureClassification classification)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case AnthropicApiException api:
                classification = FromApi(api);
                return true;
            case AnthropicSseException sse:
                classification = FromErrorType(status: null, ErrorTypeOf(sse), SafeMessage(sse));
                return true;
            case AnthropicIOException:
                classification = new FailureClassification(FailureKind.Transient);
                return true;
            case AnthropicInvalidDataException:
                classification = new FailureClassification(FailureKind.Unknown, ErrorCode: "malformed_response");
                return true;
            default:
                classification = default;
                return false;
        }
    }

    private static FailureClassification FromApi(AnthropicApiException exception)
    {
        int status = (int)exception.StatusCode;
        string? type = ErrorTypeOf(exception);
        string? message = SafeMessage(exception);
        if (type is null && exception.ResponseBody is { Length: > 0 } body)
        {
            // Anthropic's error body: {"type":"error","error":{"type":"...","message":"..."}}.
            (type, message) = FailureClassifier.ReadError(System.Text.Encoding.UTF8.GetBytes(body));
        }

        return FromErrorType(status, type, message);
    }

    private static FailureClassification FromErrorType(int? status, string? type, string? message)
    {
        if (message is not null && message.Contains("content filtering", StringComparison.OrdinalIgnoreCase))
        {
            return new FailureClassification(FailureKind.ContentFiltered, status, ErrorCode: type);
        }

        FailureKind? kind = type switch
        {
            "rate_limit_error" => FailureKind.RateLimited,
            "overloaded_error" or "api_error" or "timeout_error" => FailureKind.Transient,
            "billing_error" => FailureKind.ClientError,
            _ => null,
        };

        if (kind is { } known)
        {
            return new FailureClassification(known, status, ErrorCode: type);
        }

        // The built-in mapping knows Anthropic's other types and the "prompt is too long" message.
        FailureClassification result = FailureClassifier.FromStatus(status ?? 0, type, message, retryAfter: null);
        return status is null && result.Kind == FailureKind.Transient && type is not null
            ? result with { Kind = FailureKind.Unknown }
            : result;
    }

    private static string? ErrorTypeOf(AnthropicServiceException exception)
    {
        try
        {
            // The raw "type" of the error body, as sent ("overloaded_error"); unknown future types included.
            return exception.Type?.Raw();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or AnthropicException)
        {
            return null;
        }
    }

    private static string? SafeMessage(AnthropicServiceException exception)
    {
        try
        {
            return exception.ApiMessage;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or AnthropicException)
        {
            return null;
        }
    }
}
