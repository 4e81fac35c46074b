using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Fallback.LocalProviders;

/// <summary>Bodies and stream events in each provider's wire format, written with <see cref="Utf8JsonWriter"/> (no reflection).</summary>
internal static class WireFormat
{
    // A fixed creation time keeps every answer byte-for-byte reproducible.
    private const long Created = 1_700_000_000;

    public static string DefaultText(string? model) => "Hello from " + (model ?? "a local model") + ".";

    /// <summary>Splits an answer into stream pieces: one per word, each keeping its trailing space.</summary>
    public static List<string> Pieces(string text, int atLeast)
    {
        var pieces = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                pieces.Add(text.Substring(start, i - start + 1));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text.Substring(start));
        }

        while (pieces.Count < atLeast)
        {
            pieces.Add(" more");
        }

        return pieces;
    }

    public static byte[] Completion(ProviderFormat format, string id, string? model, string text) => Json(writer =>
    {
        writer.WriteStartObject();
        if (format == ProviderFormat.OpenAI)
        {
            writer.WriteString("id", "chatcmpl-" + id);
            writer.WriteString("object", "chat.completion");
            writer.WriteNumber("created", Created);
            writer.WriteString("model", model ?? "unknown");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", text);
            writer.WriteNull("refusal");
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", "stop");
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteOpenAIUsage(writer, text);
            writer.WriteNull("system_fingerprint");
        }
        else
        {
            writer.WriteString("id", "msg_" + id);
            writer.WriteString("type", "message");
            writer.WriteString("role", "assistant");
            writer.WriteString("model", model ?? "unknown");
            writer.WriteStartArray("content");
            writer.WriteStartObject();
            writer.WriteString("type", "text");
            writer.WriteString("text", text);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("stop_reason", "end_turn");
            writer.WriteNull("stop_sequence");
            writer.WriteStartObject("usage");
            writer.WriteNumber("input_tokens", 10);
            writer.WriteNumber("output_tokens", Tokens(text));
            writer.WriteNumber("cache_creation_input_tokens", 0);
            writer.WriteNumber("cache_read_input_tokens", 0);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    });

    /// <summary>The events that open a stream, before any content (none for OpenAI: its first chunk carries content).</summary>
    public static List<byte[]> StreamStart(ProviderFormat format, string id, string? model)
    {
        var events = new List<byte[]>();
        if (format == ProviderFormat.Anthropic)
        {
            events.Add(Event("message_start", writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("type", "message_start");
                writer.WriteStartObject("message");
                writer.WriteString("id", "msg_" + id);
                writer.WriteString("type", "message");
                writer.WriteString("role", "assistant");
                writer.WriteString("model", model ?? "unknown");
                writer.WriteStartArray("content");
                writer.WriteEndArray();
                writer.WriteNull("stop_reason");
                writer.WriteNull("stop_sequence");
                writer.WriteStartObject("usage");
                writer.WriteNumber("input_tokens", 10);
                writer.WriteNumber("output_tokens", 1);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }));
            events.Add(Event("content_block_start", writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("type", "content_block_start");
                writer.WriteNumber("index", 0);
                writer.WriteStartObject("content_block");
                writer.WriteString("type", "text");
                writer.WriteString("text", "");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }));
            events.Add(Encoding.UTF8.GetBytes("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
        }

        return events;
    }

    /// <summary>One content event carrying <paramref name="piece"/>.</summary>
    public static byte[] StreamContent(ProviderFormat format, string id, string? model, string piece, bool first)
    {
        if (format == ProviderFormat.OpenAI)
        {
            return OpenAIChunk(id, model, writer =>
            {
                if (first)
                {
                    writer.WriteString("role", "assistant");
                }

                writer.WriteString("content", piece);
            }, finishReason: null);
        }

        return Event("content_block_delta", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "content_block_delta");
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            writer.WriteString("type", "text_delta");
            writer.WriteString("text", piece);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>The events that finish a stream: the finish reason and the end marker.</summary>
    public static List<byte[]> StreamFinish(ProviderFormat format, string id, string? model, string text)
        => StreamFinish(format, id, model, text, includeUsage: false, omitEndMarker: false);

    /// <summary>
    /// The events that finish a stream: the finish reason, for OpenAI a usage chunk when the request asked for one, and
    /// the end marker unless <paramref name="omitEndMarker"/>.
    /// </summary>
    public static List<byte[]> StreamFinish(ProviderFormat format, string id, string? model, string text, bool includeUsage, bool omitEndMarker)
    {
        var events = new List<byte[]>();
        if (format == ProviderFormat.OpenAI)
        {
            events.Add(OpenAIChunk(id, model, static _ => { }, finishReason: "stop"));
            if (includeUsage)
            {
                events.Add(OpenAIUsageChunk(id, model, text));
            }

            if (!omitEndMarker)
            {
                events.Add("data: [DONE]\n\n"u8.ToArray());
            }

            return events;
        }

        events.Add(Event("content_block_stop", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "content_block_stop");
            writer.WriteNumber("index", 0);
            writer.WriteEndObject();
        }));
        events.Add(Event("message_delta", writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message_delta");
            writer.WriteStartObject("delta");
            writer.WriteString("stop_reason", "end_turn");
            writer.WriteNull("stop_sequence");
            writer.WriteEndObject();
            writer.WriteStartObject("usage");
            writer.WriteNumber("output_tokens", Tokens(text));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));
        if (!omitEndMarker)
        {
            events.Add(Event("message_stop", writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("type", "message_stop");
                writer.WriteEndObject();
            }));
        }

        return events;
    }

    /// <summary>An event whose JSON breaks off mid-value: what a proxy rewriting the body leaves behind.</summary>
    public static byte[] MalformedEvent(ProviderFormat format, string id) => format == ProviderFormat.OpenAI
        ? Encoding.UTF8.GetBytes("data: {\"id\":\"chatcmpl-" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\n\n")
        : "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\n\n"u8.ToArray();

    /// <summary>The 400 a model that does not support an assistant prefill answers when the conversation ends with the assistant.</summary>
    public static byte[] PrefillRejected(ProviderFormat format, string requestId) => format == ProviderFormat.OpenAI
        ? "{\"error\":{\"message\":\"This model does not support assistant message prefill. The conversation must end with a user message.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"invalid_prefill\"}}"u8.ToArray()
        : Encoding.UTF8.GetBytes("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"This model does not support assistant message prefill. The conversation must end with a user message.\"},\"request_id\":\"req_" + requestId + "\"}");

    // The chunk OpenAI sends after the finish when stream_options.include_usage is set: no choices, a usage object.
    private static byte[] OpenAIUsageChunk(string id, string? model, string text)
    {
        byte[] json = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", "chatcmpl-" + id);
            writer.WriteString("object", "chat.completion.chunk");
            writer.WriteNumber("created", Created);
            writer.WriteString("model", model ?? "unknown");
            writer.WriteNull("system_fingerprint");
            writer.WriteStartArray("choices");
            writer.WriteEndArray();
            WriteOpenAIUsage(writer, text);
            writer.WriteEndObject();
        });
        return Frame(null, json);
    }

    /// <summary>The body the real provider sends with an error status, and its content type.</summary>
    public static (byte[] Body, string ContentType) Error(ProviderFormat format, ErrorShape shape, int status, string? model, string requestId)
    {
        if (status == 502)
        {
            // A gateway in front of the API answers 502 with HTML, not the provider's JSON.
            return ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"u8.ToArray(), "text/html");
        }

        string name = model ?? "unknown";
        if (format == ProviderFormat.OpenAI)
        {
            (string message, string? type, string? param, string? code) = shape switch
            {
                ErrorShape.RateLimit => ($"Rate limit reached for {name} in organization org-local on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.", "requests", null, "rate_limit_exceeded"),
                ErrorShape.ServerError when status == 503 => ("The engine is currently overloaded, please try again later.", "server_error", null, null),
                ErrorShape.ServerError => ("The server had an error while processing your request. Sorry about that!", "server_error", null, null),
                ErrorShape.Overloaded => ("Overloaded", "overloaded_error", null, null),
                ErrorShape.ContextLengthExceeded => ("This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.", "invalid_request_error", "messages", "context_length_exceeded"),
                ErrorShape.ContentFiltered => ("The response was filtered due to the prompt triggering the content management policy. Please modify your prompt and retry.", null, "prompt", "content_filter"),
                ErrorShape.Unauthorized => ("Incorrect API key provided: sk-local. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key"),
                ErrorShape.ModelNotFound => ($"The model `{name}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found"),
                _ => ("Invalid request.", "invalid_request_error", null, null),
            };

            return (Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("error");
                writer.WriteString("message", message);
                WriteStringOrNull(writer, "type", type);
                WriteStringOrNull(writer, "param", param);
                WriteStringOrNull(writer, "code", code);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }), "application/json");
        }

        (string errorType, string text) = shape switch
        {
            ErrorShape.RateLimit => ("rate_limit_error", "This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later."),
            ErrorShape.ServerError => ("api_error", "Internal server error"),
            ErrorShape.Overloaded => ("overloaded_error", "Overloaded"),
            ErrorShape.ContextLengthExceeded => ("invalid_request_error", "prompt is too long: 215000 tokens > 200000 maximum"),
            ErrorShape.ContentFiltered => ("invalid_request_error", "Output blocked by content filtering policy"),
            ErrorShape.Unauthorized => ("authentication_error", "invalid x-api-key"),
            ErrorShape.ModelNotFound => ("not_found_error", "model: " + name),
            _ => ("invalid_request_error", "Invalid request."),
        };

        return (Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "error");
            writer.WriteStartObject("error");
            writer.WriteString("type", errorType);
            writer.WriteString("message", text);
            writer.WriteEndObject();
            writer.WriteString("request_id", "req_" + requestId);
            writer.WriteEndObject();
        }), "application/json");
    }

    /// <summary>The provider's error event inside a stream: Anthropic's <c>event: error</c>; for OpenAI a <c>data:</c> line carrying an error object.</summary>
    public static byte[] StreamError(ProviderFormat format) => format == ProviderFormat.OpenAI
        ? "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"u8.ToArray()
        : "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"u8.ToArray();

    /// <summary>A body cut off inside a string: what a broken proxy or a bug upstream delivers.</summary>
    public static byte[] Malformed(ProviderFormat format) => format == ProviderFormat.OpenAI
        ? "{\"id\":\"chatcmpl-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hel"u8.ToArray()
        : "{\"id\":\"msg_broken\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hel"u8.ToArray();

    private static byte[] OpenAIChunk(string id, string? model, Action<Utf8JsonWriter> delta, string? finishReason)
    {
        byte[] json = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", "chatcmpl-" + id);
            writer.WriteString("object", "chat.completion.chunk");
            writer.WriteNumber("created", Created);
            writer.WriteString("model", model ?? "unknown");
            writer.WriteNull("system_fingerprint");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            delta(writer);
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            WriteStringOrNull(writer, "finish_reason", finishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        return Frame(null, json);
    }

    private static byte[] Event(string name, Action<Utf8JsonWriter> write) => Frame(name, Json(write));

    private static byte[] Frame(string? eventName, byte[] json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 32);
        if (eventName is not null)
        {
            Write(buffer, "event: ");
            Write(buffer, eventName);
            Write(buffer, "\n");
        }

        Write(buffer, "data: ");
        buffer.Write(json);
        Write(buffer, "\n\n");
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string text)
    {
        int count = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOpenAIUsage(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", 10);
        writer.WriteNumber("completion_tokens", Tokens(text));
        writer.WriteNumber("total_tokens", 10 + Tokens(text));
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static int Tokens(string text) => Math.Max(1, text.Length / 4);
}
