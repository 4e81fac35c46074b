using System;
using System.Collections.Generic;
using System.Globalization;

namespace Fallback.LocalProviders;

/// <summary>What a <see cref="LocalProviderServer"/> does with one request.</summary>
public enum FaultKind
{
    /// <summary>Answers normally: a completion, or a complete stream with its finish event.</summary>
    None,

    /// <summary>Answers with an HTTP error status and the body the real provider sends for it.</summary>
    Status,

    /// <summary>Reads the request and never answers, until the client gives up or the server stops.</summary>
    NeverAnswer,

    /// <summary>Sends the headers and half the body, then resets the connection (RST, linger 0).</summary>
    ResetMidBody,

    /// <summary>Answers 200 with a JSON body that does not parse.</summary>
    MalformedJson,

    /// <summary>Starts an SSE response (status and headers), then resets the connection before the first event.</summary>
    StreamFailsBeforeFirstChunk,

    /// <summary>Streams some content events, then closes the connection cleanly (FIN) without the finish event.</summary>
    StreamCut,

    /// <summary>Streams some content events, then resets the connection (RST) mid-stream.</summary>
    StreamReset,

    /// <summary>Starts a stream (200), then sends the provider's in-stream error event (Anthropic: <c>event: error</c>, <c>overloaded_error</c>) and ends it.</summary>
    StreamErrorEvent,

    /// <summary>Reads the request, then resets the connection (RST) before sending a single byte of the response.</summary>
    ResetBeforeHeaders,

    /// <summary>
    /// Answers with <see cref="Fault.Text"/>, shaped by the fault's answer settings: a first token held back on the
    /// server's clock, a stream cut or stalled after some content events, a malformed event, a missing end marker,
    /// an assistant prefill continued or rejected. See <see cref="Fault.Answer"/>.
    /// </summary>
    Shaped,

    /// <summary>Applies one fault before a moment on the server's clock and another from then on. See <see cref="Fault.Switch"/>.</summary>
    Switch,
}

/// <summary>What a <see cref="FaultKind.Shaped"/> answer does with a request whose last message is the assistant's (a prefill).</summary>
public enum PrefillHandling
{
    /// <summary>Ignores the prefill and answers the whole text.</summary>
    Ignore,

    /// <summary>Answers only what follows the prefill when the prefill starts the answer (as a provider that supports prefill does); otherwise the whole text.</summary>
    Continue,

    /// <summary>Answers 400 <c>invalid_request_error</c>: the model does not support an assistant prefill.</summary>
    Reject,
}

/// <summary>Which provider error body a status fault carries; rendered in the server's wire format.</summary>
public enum ErrorShape
{
    /// <summary>The generic body for the status code.</summary>
    Generic,

    /// <summary>429 rate limit.</summary>
    RateLimit,

    /// <summary>5xx server error.</summary>
    ServerError,

    /// <summary>Anthropic's 529 <c>overloaded_error</c>.</summary>
    Overloaded,

    /// <summary>400 prompt longer than the context window.</summary>
    ContextLengthExceeded,

    /// <summary>400 refused by the provider's content filter.</summary>
    ContentFiltered,

    /// <summary>401 bad API key.</summary>
    Unauthorized,

    /// <summary>404 unknown model.</summary>
    ModelNotFound,
}

/// <summary>
/// A scripted behaviour for one request. Error bodies and headers are those the real providers send, in the
/// wire format of the server that applies the fault.
/// </summary>
public sealed class Fault
{
    private Fault(FaultKind kind, int statusCode = 200, ErrorShape shape = ErrorShape.Generic, string? text = null, int chunks = 0, IReadOnlyList<KeyValuePair<string, string>>? headers = null, string? body = null)
    {
        Kind = kind;
        StatusCode = statusCode;
        Shape = shape;
        Text = text;
        Chunks = chunks;
        Headers = headers ?? Array.Empty<KeyValuePair<string, string>>();
        Body = body;
    }

    /// <summary>What the server does.</summary>
    public FaultKind Kind { get; }

    /// <summary>The HTTP status sent (200 for faults below the HTTP level).</summary>
    public int StatusCode { get; }

    /// <summary>The kind of error body sent with an error status.</summary>
    public ErrorShape Shape { get; }

    /// <summary>The answer's text for a normal answer (null: <c>Hello from {model}.</c>).</summary>
    public string? Text { get; }

    /// <summary>For <see cref="FaultKind.StreamCut"/> and <see cref="FaultKind.StreamReset"/>: content events sent before the cut.</summary>
    public int Chunks { get; }

    /// <summary>Extra response headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; }

    /// <summary>An explicit response body replacing the provider's own, or null.</summary>
    public string? Body { get; }

    /// <summary>For a shaped answer: how long, on the server's clock, the first content waits after the headers went out (null: none).</summary>
    public TimeSpan? FirstTokenDelay { get; private set; }

    /// <summary>For a shaped answer: content events sent before the stream dies without its terminating chunk (null: never cut).</summary>
    public int? CutAfterChunks { get; private set; }

    /// <summary>For a shaped answer: content events sent before the stream goes silent for <see cref="StallFor"/> and then closes (null: never stalls).</summary>
    public int? StallAfterChunks { get; private set; }

    /// <summary>For a shaped answer that stalls: how long it stays silent, on the server's clock.</summary>
    public TimeSpan StallFor { get; private set; }

    /// <summary>For a shaped answer: the index of the content event before which one event of invalid JSON is sent (null: none).</summary>
    public int? MalformedEventAt { get; private set; }

    /// <summary>For a shaped stream: whether the end marker (OpenAI <c>data: [DONE]</c>, Anthropic <c>message_stop</c>) is left out of an otherwise complete stream.</summary>
    public bool OmitsEndMarker { get; private set; }

    /// <summary>For a shaped answer: what it does with an assistant prefill.</summary>
    public PrefillHandling Prefill { get; private set; }

    /// <summary>For <see cref="FaultKind.Switch"/>: the moment, on the server's clock, from which <see cref="After"/> applies.</summary>
    public DateTimeOffset SwitchAt { get; private set; }

    /// <summary>For <see cref="FaultKind.Switch"/>: the fault applied before <see cref="SwitchAt"/>.</summary>
    public Fault? Before { get; private set; }

    /// <summary>For <see cref="FaultKind.Switch"/>: the fault applied from <see cref="SwitchAt"/> on.</summary>
    public Fault? After { get; private set; }

    /// <summary>A normal answer with <paramref name="text"/> (default <c>Hello from {model}.</c>), streamed word by word when asked to stream.</summary>
    public static Fault Ok(string? text = null) => new(FaultKind.None, text: text);

    /// <summary>An error status with the provider's own body for it (or <paramref name="body"/>).</summary>
    public static Fault Status(int statusCode, string? body = null)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An error status is 4xx or 5xx.");
        }

        ErrorShape shape = statusCode switch
        {
            401 => ErrorShape.Unauthorized,
            404 => ErrorShape.ModelNotFound,
            429 => ErrorShape.RateLimit,
            529 => ErrorShape.Overloaded,
            >= 500 => ErrorShape.ServerError,
            _ => ErrorShape.Generic,
        };
        return new Fault(FaultKind.Status, statusCode, shape, body: body);
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (none when null).</summary>
    public static Fault RateLimited(TimeSpan? retryAfter = null)
        => retryAfter is { } delay
            ? Status(429).WithHeader("retry-after", Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture))
            : Status(429);

    /// <summary>429 with <c>Retry-After</c> as an HTTP date.</summary>
    public static Fault RateLimitedUntil(DateTimeOffset until)
        => Status(429).WithHeader("retry-after", until.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture));

    /// <summary>429 with OpenAI's <c>retry-after-ms</c>.</summary>
    public static Fault RateLimitedMs(double milliseconds)
        => Status(429).WithHeader("retry-after-ms", milliseconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>Anthropic's 529 <c>overloaded_error</c>.</summary>
    public static Fault Overloaded() => Status(529);

    /// <summary>400: the prompt is longer than the model's context window.</summary>
    public static Fault ContextLengthExceeded() => new(FaultKind.Status, 400, ErrorShape.ContextLengthExceeded);

    /// <summary>400: the provider's content filter refused the request.</summary>
    public static Fault ContentFiltered() => new(FaultKind.Status, 400, ErrorShape.ContentFiltered);

    /// <summary>401: invalid API key.</summary>
    public static Fault Unauthorized() => Status(401);

    /// <summary>404: the model does not exist.</summary>
    public static Fault ModelNotFound() => Status(404);

    /// <summary>Accepts the request and never answers.</summary>
    public static Fault NeverAnswer() => new(FaultKind.NeverAnswer);

    /// <summary>Sends the headers and half the body, then resets the connection.</summary>
    public static Fault ResetMidBody() => new(FaultKind.ResetMidBody);

    /// <summary>200 with a body that is not valid JSON.</summary>
    public static Fault MalformedJson() => new(FaultKind.MalformedJson);

    /// <summary>Starts a stream (200, <c>text/event-stream</c>), then resets the connection before any event.</summary>
    public static Fault StreamFailsBeforeFirstChunk() => new(FaultKind.StreamFailsBeforeFirstChunk);

    /// <summary>Streams <paramref name="chunks"/> content events, then closes the connection cleanly without the finish event.</summary>
    public static Fault StreamCutAfter(int chunks) => new(FaultKind.StreamCut, chunks: RequirePositive(chunks));

    /// <summary>Streams <paramref name="chunks"/> content events, then resets the connection.</summary>
    public static Fault StreamResetAfter(int chunks) => new(FaultKind.StreamReset, chunks: RequirePositive(chunks));

    /// <summary>Starts a stream (200), then sends an in-stream error event (<c>overloaded_error</c>) before any content and ends the stream.</summary>
    public static Fault StreamErrorEvent() => new(FaultKind.StreamErrorEvent);

    /// <summary>Reads the request, then resets the connection before any response byte (a load balancer dropping it).</summary>
    public static Fault ResetBeforeHeaders() => new(FaultKind.ResetBeforeHeaders);

    /// <summary>
    /// A shaped answer with <paramref name="text"/> (default <c>Hello from {model}.</c>): a normal answer until shaped
    /// further with <see cref="WithFirstTokenAfter"/>, <see cref="CutAfter"/>, <see cref="StallAfter"/>,
    /// <see cref="WithMalformedEventAt"/>, <see cref="WithoutEndMarker"/>, <see cref="ContinuingPrefill"/> or
    /// <see cref="RejectingPrefill"/>. Unlike <see cref="Ok"/>, an OpenAI stream carries a usage chunk when the request
    /// asks for one (<c>stream_options.include_usage</c>), as the real API does.
    /// </summary>
    public static Fault Answer(string? text = null) => new(FaultKind.Shaped, text: text);

    /// <summary>
    /// <paramref name="before"/> for requests that arrive before <paramref name="at"/> on the server's
    /// <see cref="LocalProviderServer.Clock"/>, <paramref name="after"/> from then on (a provider that is down, then healthy).
    /// </summary>
    public static Fault Switch(DateTimeOffset at, Fault before, Fault after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        Fault fault = new(FaultKind.Switch);
        fault.SwitchAt = at;
        fault.Before = before;
        fault.After = after;
        return fault;
    }

    /// <summary>This shaped answer with its headers sent at once and its first content held back for <paramref name="delay"/> (a non-streamed answer: its body).</summary>
    public Fault WithFirstTokenAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Shaping(f => f.FirstTokenDelay = delay);
    }

    /// <summary>
    /// This shaped answer dying after <paramref name="chunks"/> content events: the connection closes with no
    /// terminating chunk and no finish event. A non-streamed answer declares its full length, sends 60% of it and closes.
    /// A continuation shorter than the cut is sent whole.
    /// </summary>
    public Fault CutAfter(int chunks) => Shaping(f => f.CutAfterChunks = RequirePositive(chunks));

    /// <summary>
    /// This shaped answer going silent after <paramref name="chunks"/> content events for <paramref name="stall"/>, then
    /// closing without a terminating chunk. A non-streamed answer sends its headers, then stays silent and closes.
    /// </summary>
    public Fault StallAfter(int chunks, TimeSpan stall)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        ArgumentOutOfRangeException.ThrowIfLessThan(stall, TimeSpan.Zero);
        return Shaping(f =>
        {
            f.StallAfterChunks = chunks;
            f.StallFor = stall;
        });
    }

    /// <summary>This shaped stream with one event of invalid JSON sent before content event <paramref name="index"/>; the stream otherwise completes. A non-streamed answer: a body that does not parse.</summary>
    public Fault WithMalformedEventAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Shaping(f => f.MalformedEventAt = index);
    }

    /// <summary>This shaped stream, complete and correctly ended at the HTTP level, without its end marker (<c>data: [DONE]</c>; Anthropic: <c>message_stop</c>).</summary>
    public Fault WithoutEndMarker() => Shaping(static f => f.OmitsEndMarker = true);

    /// <summary>This shaped answer continuing an assistant prefill that starts it: only the rest of the text is answered.</summary>
    public Fault ContinuingPrefill() => Shaping(static f => f.Prefill = PrefillHandling.Continue);

    /// <summary>This shaped answer refusing any request whose last message is the assistant's: 400 <c>invalid_request_error</c>.</summary>
    public Fault RejectingPrefill() => Shaping(static f => f.Prefill = PrefillHandling.Reject);

    /// <summary>This fault with one more response header.</summary>
    public Fault WithHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Fault copy = (Fault)MemberwiseClone();
        copy.Headers = new List<KeyValuePair<string, string>>(Headers) { new(name, value) };
        return copy;
    }

    private Fault Shaping(Action<Fault> change)
    {
        if (Kind != FaultKind.Shaped)
        {
            throw new InvalidOperationException("Only an answer made with Fault.Answer can be shaped.");
        }

        Fault copy = (Fault)MemberwiseClone();
        change(copy);
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FaultKind.Status => string.Create(CultureInfo.InvariantCulture, $"{StatusCode} {Shape}"),
        FaultKind.StreamCut or FaultKind.StreamReset => string.Create(CultureInfo.InvariantCulture, $"{Kind} after {Chunks}"),
        FaultKind.Switch => string.Create(CultureInfo.InvariantCulture, $"{Before} until {SwitchAt:O}, then {After}"),
        _ => Kind.ToString(),
    };

    private static int RequirePositive(int chunks)
        => chunks > 0 ? chunks : throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "At least one chunk goes out before the cut.");
}
