using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;

namespace Fallback;

/// <summary>
/// The built-in classifier: OpenAI-style <see cref="ClientResultException"/> (status, <c>Retry-After</c>,
/// <c>{"error":{"code":...}}</c>), <see cref="HttpRequestException"/>, socket and I/O failures, timeouts and
/// <see cref="AggregateException"/> wrappers. No reflection: bodies are read with <see cref="Utf8JsonReader"/>.
/// </summary>
public sealed class FailureClassifier : IFailureClassifier
{
    /// <summary>The shared instance.</summary>
    public static FailureClassifier Default { get; } = new(TimeProvider.System);

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a classifier that measures HTTP-date <c>Retry-After</c> values against <paramref name="timeProvider"/>.</summary>
    public FailureClassifier(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <inheritdoc />
    public bool TryClassify(Exception exception, out FailureClassification classification)
    {
        classification = Classify(exception);
        return true;
    }

    /// <summary>Classifies any exception; unrecognised ones are <see cref="FailureKind.Unknown"/>.</summary>
    public FailureClassification Classify(Exception exception)
    {
        switch (exception)
        {
            case ClientResultException result:
                return FromClientResult(result);
            case HttpRequestException http when http.StatusCode is { } status:
                return FromStatus((int)status, errorCode: null, message: null, retryAfter: null);
            case HttpRequestException:
            case SocketException:
            case IOException:
                return new FailureClassification(FailureKind.Transient);
            case TimeoutException:
            case OperationCanceledException:
                // The engine has already ruled out the caller's own cancellation, so a cancelled
                // operation here is an HttpClient timeout or similar.
                return new FailureClassification(FailureKind.Timeout);
            case AggregateException aggregate:
                return FromAggregate(aggregate);
            case JsonException:
                return new FailureClassification(FailureKind.Unknown, ErrorCode: "malformed_response");
            default:
                if (exception.InnerException is { } inner && inner is not AggregateException)
                {
                    FailureClassification fromInner = Classify(inner);
                    if (fromInner.Kind != FailureKind.Unknown)
                    {
                        return fromInner;
                    }
                }

                return new FailureClassification(FailureKind.Unknown);
        }
    }

    /// <summary>Maps an HTTP status, with an optional provider error code or type, to a classification.</summary>
    public static FailureClassification FromStatus(int status, string? errorCode, string? message, TimeSpan? retryAfter)
    {
        FailureKind kind = FromErrorCode(errorCode, message) ?? status switch
        {
            0 => FailureKind.Transient,
            400 => FailureKind.ClientError,
            401 => FailureKind.Unauthorized,
            403 => FailureKind.Forbidden,
            404 => FailureKind.ModelNotFound,
            408 => FailureKind.Transient,
            413 => FailureKind.ContextLengthExceeded,
            429 => FailureKind.RateLimited,
            >= 500 => FailureKind.Transient,
            >= 400 => FailureKind.ClientError,
            _ => FailureKind.Unknown,
        };

        return new FailureClassification(kind, status == 0 ? null : status, retryAfter, errorCode);
    }

    private static FailureKind? FromErrorCode(string? code, string? message)
    {
        switch (code)
        {
            case "context_length_exceeded":
            case "string_above_max_length":
            case "request_too_large":
                return FailureKind.ContextLengthExceeded;
            case "content_filter":
            case "content_policy_violation":
            case "content_filtered":
                return FailureKind.ContentFiltered;
            case "model_not_found":
            case "not_found_error":
                return FailureKind.ModelNotFound;
            case "invalid_api_key":
            case "authentication_error":
                return FailureKind.Unauthorized;
            case "permission_error":
                return FailureKind.Forbidden;
            case "insufficient_quota":
                // A 429 that waiting will not fix: fall back at once, never wait for Retry-After.
                return FailureKind.RateLimited;
            case "overloaded_error":
            case "api_error":
            case "server_error":
                return FailureKind.Transient;
        }

        if (message is not null
            && (message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
                || message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase)
                || message.Contains("context window", StringComparison.OrdinalIgnoreCase)))
        {
            return FailureKind.ContextLengthExceeded;
        }

        if (message is not null
            && (message.Contains("content filtering policy", StringComparison.OrdinalIgnoreCase)
                || message.Contains("content management policy", StringComparison.OrdinalIgnoreCase)))
        {
            return FailureKind.ContentFiltered;
        }

        return null;
    }

    private FailureClassification FromClientResult(ClientResultException exception)
    {
        PipelineResponse? response = exception.GetRawResponse();
        if (response is null)
        {
            // No response: the request never got an answer (connection refused, reset, DNS).
            return exception.InnerException is { } inner ? WithTransientDefault(Classify(inner)) : new FailureClassification(FailureKind.Transient);
        }

        TimeSpan? retryAfter = null;
        if (response.Headers.TryGetValue("retry-after-ms", out string? ms))
        {
            retryAfter = RetryAfterParser.ParseMilliseconds(ms);
        }

        if (retryAfter is null && response.Headers.TryGetValue("retry-after", out string? header))
        {
            retryAfter = RetryAfterParser.Parse(header, _timeProvider.GetUtcNow());
        }

        (string? code, string? message) = ReadError(response);
        FailureClassification result = FromStatus(exception.Status, code, message, retryAfter);
        return code == "insufficient_quota" ? result with { RetryAfter = null } : result;
    }

    private static FailureClassification WithTransientDefault(FailureClassification classification)
        => classification.Kind == FailureKind.Unknown ? classification with { Kind = FailureKind.Transient } : classification;

    private FailureClassification FromAggregate(AggregateException aggregate)
    {
        // With SDK retries on, the OpenAI pipeline reports every failed try; the last one decides.
        var inner = aggregate.Flatten().InnerExceptions;
        for (int i = inner.Count - 1; i >= 0; i--)
        {
            FailureClassification classification = Classify(inner[i]);
            if (classification.Kind != FailureKind.Unknown)
            {
                return classification;
            }
        }

        return new FailureClassification(FailureKind.Unknown);
    }

    private static (string? Code, string? Message) ReadError(PipelineResponse response)
    {
        BinaryData content;
        try
        {
            content = response.Content;
        }
        catch (InvalidOperationException)
        {
            return (null, null); // Streamed body, not buffered: nothing to read without blocking.
        }

        return ReadError(content.ToMemory().Span);
    }

    /// <summary>
    /// Reads <c>error.code</c> (or <c>error.type</c>) and <c>error.message</c> from an OpenAI- or
    /// Anthropic-shaped error body. Malformed bodies yield nulls.
    /// </summary>
    public static (string? Code, string? Message) ReadError(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return (null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isError = reader.ValueTextEquals("error"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isError && reader.TokenType == JsonTokenType.StartObject)
                {
                    return ReadErrorObject(ref reader);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static (string? Code, string? Message) ReadErrorObject(ref Utf8JsonReader reader)
    {
        string? code = null, type = null, message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int field = reader.ValueTextEquals("code"u8) ? 1 : reader.ValueTextEquals("type"u8) ? 2 : reader.ValueTextEquals("message"u8) ? 3 : 0;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                switch (field)
                {
                    case 1: code = reader.GetString(); break;
                    case 2: type = reader.GetString(); break;
                    case 3: message = reader.GetString(); break;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // Generic types ("invalid_request_error") say less than a specific code; keep the type only when no code.
        return (code ?? type, message);
    }
}
