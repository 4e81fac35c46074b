using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Fallback.LocalProviders;

/// <summary>
/// A provider endpoint on 127.0.0.1 (an ephemeral port, never any other address) that speaks the OpenAI chat
/// completions or the Anthropic Messages wire format and applies a scripted <see cref="Fault"/> to each
/// request. A raw HTTP/1.1 server over <see cref="TcpListener"/>, so resets and cut streams are real socket
/// behaviour. Records every request it sees.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
/// server.Script.Enqueue(Fault.Status(503));
/// // point the SDK at server.BaseUri; then inspect server.Requests
/// </code>
/// </example>
public sealed class LocalProviderServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = new();
    private readonly HashSet<Socket> _connections = new();
    private readonly List<Task> _connectionTasks = new();
    private readonly Task _acceptLoop;
    private int _disposed;
    private int _held;
    private TimeProvider _clock = TimeProvider.System;

    private LocalProviderServer(ProviderFormat format)
    {
        Format = format;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = BaseUriFor(format, Port);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The wire format spoken.</summary>
    public ProviderFormat Format { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>
    /// The base address to give the SDK: <c>http://127.0.0.1:{port}/v1</c> for OpenAI (its endpoint
    /// includes the version), <c>http://127.0.0.1:{port}</c> for Anthropic (its base URL does not).
    /// </summary>
    public Uri BaseUri { get; }

    /// <summary>The path the API is served on: <c>/v1/chat/completions</c> or <c>/v1/messages</c>.</summary>
    public string ApiPath => Format == ProviderFormat.OpenAI ? "/v1/chat/completions" : "/v1/messages";

    /// <summary>What the server does with the coming requests.</summary>
    public FaultScript Script { get; } = new();

    /// <summary>
    /// The clock that times shaped answers (a held first token, a stall), decides a <see cref="Fault.Switch"/> and
    /// stamps <see cref="RecordedRequest.ReceivedAt"/>. Default <see cref="TimeProvider.System"/>; a test gives it the
    /// same fake clock as the code under test, so a 30 s stall costs no real time.
    /// </summary>
    public TimeProvider Clock
    {
        get => Volatile.Read(ref _clock);
        set => Volatile.Write(ref _clock, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Requests the server is holding right now without writing: waiting on <see cref="Clock"/> (a held first token, a
    /// stall) or for the client to give up (<see cref="FaultKind.NeverAnswer"/>). A test driving a fake clock advances
    /// it only while every request in flight is held.
    /// </summary>
    public int HeldRequests => Volatile.Read(ref _held);

    /// <summary>A snapshot of every request seen so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>How many requests the server has seen.</summary>
    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Starts a server on 127.0.0.1 with an ephemeral port.</summary>
    public static Task<LocalProviderServer> StartAsync(ProviderFormat format, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new LocalProviderServer(format));
    }

    /// <summary>The base address an SDK expects for a server of <paramref name="format"/> on <paramref name="port"/>.</summary>
    public static Uri BaseUriFor(ProviderFormat format, int port)
        => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{(format == ProviderFormat.OpenAI ? "/v1" : "")}"));

    /// <summary>How many requests named <paramref name="model"/>.</summary>
    public int CountRequests(string model)
    {
        lock (_gate)
        {
            int count = 0;
            foreach (RecordedRequest request in _requests)
            {
                count += string.Equals(request.Model, model, StringComparison.Ordinal) ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Completes once the server has seen at least <paramref name="count"/> requests.</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default)
    {
        Task signal;
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, source));
            signal = source.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    /// <summary>Stops listening, drops every open connection and waits for the handlers to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        Task[] tasks;
        lock (_gate)
        {
            foreach (Socket socket in _connections)
            {
                socket.Dispose();
            }

            _connections.Clear();
            tasks = [.. _connectionTasks, _acceptLoop];
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Handlers end with whatever the dropped sockets threw; nothing to report at shutdown.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            socket.NoDelay = true;
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    socket.Dispose();
                    return;
                }

                _connections.Add(socket);
                _connectionTasks.RemoveAll(static t => t.IsCompleted);
                _connectionTasks.Add(Task.Run(() => ServeConnectionAsync(socket)));
            }
        }
    }

    private async Task ServeConnectionAsync(Socket socket)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new HttpRequestReader(stream);
            while (!_stopping.IsCancellationRequested)
            {
                HttpRequestData? request = await reader.ReadAsync(_stopping.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                if (request.Headers.TryGetValue("Expect", out string? expect) && expect.Contains("100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stopping.Token).ConfigureAwait(false);
                }

                RequestBody body = ReadBody(request.Body);
                (string? model, bool streaming) = (body.Model, body.Stream);
                bool isApi = string.Equals(request.Method, "POST", StringComparison.Ordinal)
                    && request.Path.EndsWith(Format == ProviderFormat.OpenAI ? "/chat/completions" : "/messages", StringComparison.Ordinal);
                TimeProvider clock = Clock;
                DateTimeOffset now = clock.GetUtcNow();
                Fault fault = isApi ? Script.Next(model) : Fault.Status(404);
                while (fault.Kind == FaultKind.Switch)
                {
                    fault = now < fault.SwitchAt ? fault.Before! : fault.After!;
                }

                bool prefill = string.Equals(body.LastRole, "assistant", StringComparison.Ordinal);
                bool rejectsPrefill = fault.Kind == FaultKind.Shaped && prefill && fault.Prefill == PrefillHandling.Reject;
                int status = fault.Kind switch
                {
                    FaultKind.Status => fault.StatusCode,
                    _ when rejectsPrefill => 400,
                    FaultKind.NeverAnswer or FaultKind.ResetBeforeHeaders => 0,
                    _ => 200,
                };
                int sequence = Record(new RecordedRequest(0, request.Method, request.Path, model, streaming, fault.Kind)
                {
                    ReceivedAt = now,
                    StatusCode = status,
                    LastRole = body.LastRole,
                    LastText = body.LastText,
                    PrefillRejected = rejectsPrefill,
                });
                string id = "local" + sequence.ToString(CultureInfo.InvariantCulture);

                bool keepOpen = fault.Kind == FaultKind.Shaped
                    ? await ApplyShapedAsync(socket, stream, fault, id, model, body, rejectsPrefill, clock).ConfigureAwait(false)
                    : await ApplyAsync(socket, stream, fault, id, model, streaming).ConfigureAwait(false);
                if (!keepOpen)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidDataException or FormatException)
        {
            // The peer went away or sent something we do not serve: drop the connection.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(socket);
            }

            socket.Dispose();
        }
    }

    private int Record(RecordedRequest request)
    {
        lock (_gate)
        {
            int sequence = _requests.Count + 1;
            _requests.Add(request with { Sequence = sequence });
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= sequence)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }

            return sequence;
        }
    }

    /// <summary>Applies the fault; returns whether the connection stays open for another request.</summary>
    private async Task<bool> ApplyAsync(Socket socket, NetworkStream stream, Fault fault, string id, string? model, bool streaming)
    {
        CancellationToken token = _stopping.Token;
        string text = fault.Text ?? WireFormat.DefaultText(model);
        switch (fault.Kind)
        {
            case FaultKind.None when !streaming:
            {
                byte[] body = WireFormat.Completion(Format, id, model, text);
                await WriteHeadAsync(stream, 200, "application/json", body.Length, fault, id, token).ConfigureAwait(false);
                await stream.WriteAsync(body, token).ConfigureAwait(false);
                return true;
            }

            case FaultKind.None:
            {
                await WriteHeadAsync(stream, 200, "text/event-stream", ContentLength.Chunked, fault, id, token).ConfigureAwait(false);
                List<string> pieces = WireFormat.Pieces(text, 1);
                foreach (byte[] start in WireFormat.StreamStart(Format, id, model))
                {
                    await WriteChunkAsync(stream, start, token).ConfigureAwait(false);
                }

                for (int i = 0; i < pieces.Count; i++)
                {
                    await WriteChunkAsync(stream, WireFormat.StreamContent(Format, id, model, pieces[i], i == 0), token).ConfigureAwait(false);
                }

                foreach (byte[] finish in WireFormat.StreamFinish(Format, id, model, text))
                {
                    await WriteChunkAsync(stream, finish, token).ConfigureAwait(false);
                }

                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token).ConfigureAwait(false);
                return true;
            }

            case FaultKind.Status:
            {
                (byte[] body, string contentType) = fault.Body is { } explicitBody
                    ? (Encoding.UTF8.GetBytes(explicitBody), "application/json")
                    : WireFormat.Error(Format, fault.Shape, fault.StatusCode, model, id);
                await WriteHeadAsync(stream, fault.StatusCode, contentType, body.Length, fault, id, token).ConfigureAwait(false);
                await stream.WriteAsync(body, token).ConfigureAwait(false);
                return true;
            }

            case FaultKind.NeverAnswer:
            {
                // Hold the connection until the client gives up (it closes) or the server stops.
                byte[] sink = new byte[1024];
                Interlocked.Increment(ref _held);
                try
                {
                    while (await stream.ReadAsync(sink, token).ConfigureAwait(false) > 0)
                    {
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _held);
                }

                return false;
            }

            case FaultKind.ResetBeforeHeaders:
                Reset(socket);
                return false;

            case FaultKind.ResetMidBody:
            {
                byte[] body = WireFormat.Completion(Format, id, model, text);
                await WriteHeadAsync(stream, 200, "application/json", body.Length, fault, id, token).ConfigureAwait(false);
                await stream.WriteAsync(body.AsMemory(0, body.Length / 2), token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
                Reset(socket);
                return false;
            }

            case FaultKind.MalformedJson:
            {
                byte[] body = WireFormat.Malformed(Format);
                await WriteHeadAsync(stream, 200, "application/json", body.Length, fault, id, token).ConfigureAwait(false);
                await stream.WriteAsync(body, token).ConfigureAwait(false);
                return true;
            }

            case FaultKind.StreamFailsBeforeFirstChunk:
            {
                await WriteHeadAsync(stream, 200, "text/event-stream", ContentLength.Chunked, fault, id, token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
                Reset(socket);
                return false;
            }

            case FaultKind.StreamErrorEvent:
            {
                await WriteHeadAsync(stream, 200, "text/event-stream", ContentLength.Chunked, fault, id, token).ConfigureAwait(false);
                if (Format == ProviderFormat.Anthropic)
                {
                    await WriteChunkAsync(stream, WireFormat.StreamStart(Format, id, model)[0], token).ConfigureAwait(false);
                }

                await WriteChunkAsync(stream, WireFormat.StreamError(Format), token).ConfigureAwait(false);
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token).ConfigureAwait(false);
                return true;
            }

            case FaultKind.StreamCut:
            case FaultKind.StreamReset:
            {
                bool reset = fault.Kind == FaultKind.StreamReset;

                // A clean cut is a close-delimited body ending in FIN: to the client it looks like the end of the stream.
                await WriteHeadAsync(stream, 200, "text/event-stream", reset ? ContentLength.Chunked : ContentLength.UntilClose, fault, id, token).ConfigureAwait(false);
                List<string> pieces = WireFormat.Pieces(text, fault.Chunks);
                var events = new List<byte[]>(WireFormat.StreamStart(Format, id, model));
                for (int i = 0; i < fault.Chunks; i++)
                {
                    events.Add(WireFormat.StreamContent(Format, id, model, pieces[i], i == 0));
                }

                foreach (byte[] item in events)
                {
                    if (reset)
                    {
                        await WriteChunkAsync(stream, item, token).ConfigureAwait(false);
                    }
                    else
                    {
                        await stream.WriteAsync(item, token).ConfigureAwait(false);
                    }
                }

                await stream.FlushAsync(token).ConfigureAwait(false);
                if (reset)
                {
                    Reset(socket);
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Send);
                }

                return false;
            }

            default:
                throw new InvalidOperationException("Unknown fault " + fault.Kind + ".");
        }
    }

    /// <summary>Applies a <see cref="FaultKind.Shaped"/> answer; returns whether the connection stays open for another request.</summary>
    private async Task<bool> ApplyShapedAsync(Socket socket, NetworkStream stream, Fault fault, string id, string? model, RequestBody request, bool rejectsPrefill, TimeProvider clock)
    {
        CancellationToken token = _stopping.Token;
        if (rejectsPrefill)
        {
            byte[] error = WireFormat.PrefillRejected(Format, id);
            await WriteHeadAsync(stream, 400, "application/json", error.Length, fault, id, token).ConfigureAwait(false);
            await stream.WriteAsync(error, token).ConfigureAwait(false);
            return true;
        }

        string text = fault.Text ?? WireFormat.DefaultText(model);
        if (fault.Prefill == PrefillHandling.Continue && string.Equals(request.LastRole, "assistant", StringComparison.Ordinal)
            && request.LastText is { Length: > 0 } prefill)
        {
            if (text.StartsWith(prefill, StringComparison.Ordinal))
            {
                text = text.Substring(prefill.Length);
            }
            else if (prefill.TrimEnd() is { Length: > 0 } trimmed && text.StartsWith(trimmed, StringComparison.Ordinal))
            {
                text = text.Substring(trimmed.Length);
            }
        }

        if (!request.Stream)
        {
            byte[] body = fault.MalformedEventAt is not null ? WireFormat.Malformed(Format) : WireFormat.Completion(Format, id, model, text);
            bool silent = fault.StallAfterChunks is not null;
            await WriteHeadAsync(stream, 200, "application/json", body.Length, fault, id, token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
            if (fault.FirstTokenDelay is { } delay && !await HoldAsync(stream, delay, clock, token).ConfigureAwait(false))
            {
                return false;
            }

            if (silent)
            {
                if (await HoldAsync(stream, fault.StallFor, clock, token).ConfigureAwait(false))
                {
                    socket.Shutdown(SocketShutdown.Send);
                }

                return false;
            }

            if (fault.CutAfterChunks is not null)
            {
                await stream.WriteAsync(body.AsMemory(0, body.Length * 6 / 10), token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                return false;
            }

            await stream.WriteAsync(body, token).ConfigureAwait(false);
            return true;
        }

        await WriteHeadAsync(stream, 200, "text/event-stream", ContentLength.Chunked, fault, id, token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
        if (fault.FirstTokenDelay is { } firstToken && !await HoldAsync(stream, firstToken, clock, token).ConfigureAwait(false))
        {
            return false;
        }

        foreach (byte[] start in WireFormat.StreamStart(Format, id, model))
        {
            await WriteChunkAsync(stream, start, token).ConfigureAwait(false);
        }

        List<string> pieces = WireFormat.Pieces(text, 1);
        for (int i = 0; i < pieces.Count; i++)
        {
            if (i == fault.CutAfterChunks)
            {
                // Dies without the terminating chunk: the client sees the body end early.
                socket.Shutdown(SocketShutdown.Send);
                return false;
            }

            if (i == fault.StallAfterChunks)
            {
                if (await HoldAsync(stream, fault.StallFor, clock, token).ConfigureAwait(false))
                {
                    socket.Shutdown(SocketShutdown.Send);
                }

                return false;
            }

            if (i == fault.MalformedEventAt)
            {
                await WriteChunkAsync(stream, WireFormat.MalformedEvent(Format, id), token).ConfigureAwait(false);
            }

            await WriteChunkAsync(stream, WireFormat.StreamContent(Format, id, model, pieces[i], i == 0), token).ConfigureAwait(false);
        }

        foreach (byte[] finish in WireFormat.StreamFinish(Format, id, model, text, request.IncludeUsage, fault.OmitsEndMarker))
        {
            await WriteChunkAsync(stream, finish, token).ConfigureAwait(false);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Waits <paramref name="delay"/> on <paramref name="clock"/>, counted in <see cref="HeldRequests"/>; returns false
    /// early when the client hangs up meanwhile (then the connection is done).
    /// </summary>
    private async Task<bool> HoldAsync(NetworkStream stream, TimeSpan delay, TimeProvider clock, CancellationToken token)
    {
        // The timer first, then the count: whoever sees the hold counted may advance the clock past it at once.
        Task wait = Task.Delay(delay, clock, token);
        Interlocked.Increment(ref _held);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(token);
        try
        {
            Task<int> hangUp = stream.ReadAsync(new byte[1], watching.Token).AsTask();
            Task first = await Task.WhenAny(wait, hangUp).ConfigureAwait(false);
            if (first == hangUp)
            {
                return false;
            }

            await wait.ConfigureAwait(false);
            watching.Cancel();
            try
            {
                await hangUp.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client is still there: the watch was called off.
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    private static class ContentLength
    {
        public const int Chunked = -1;
        public const int UntilClose = -2;
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string contentType, int contentLength, Fault fault, string id, CancellationToken token)
    {
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(status)).Append("\r\n");
        head.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("x-request-id: req_").Append(id).Append("\r\n");
        head.Append("request-id: req_").Append(id).Append("\r\n");
        switch (contentLength)
        {
            case ContentLength.Chunked:
                head.Append("Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n");
                break;
            case ContentLength.UntilClose:
                head.Append("Connection: close\r\nCache-Control: no-cache\r\n");
                break;
            default:
                head.Append("Content-Length: ").Append(contentLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                break;
        }

        foreach (KeyValuePair<string, string> header in fault.Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token).ConfigureAwait(false);
    }

    private static async Task WriteChunkAsync(NetworkStream stream, byte[] data, CancellationToken token)
    {
        byte[] size = Encoding.ASCII.GetBytes(data.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n");
        await stream.WriteAsync(size, token).ConfigureAwait(false);
        await stream.WriteAsync(data, token).ConfigureAwait(false);
        await stream.WriteAsync("\r\n"u8.ToArray(), token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }

    /// <summary>Closes with linger 0: the kernel sends RST instead of FIN.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private readonly record struct RequestBody(string? Model, bool Stream, bool IncludeUsage, string? LastRole, string? LastText);

    private static RequestBody ReadBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return default;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            string? model = root.TryGetProperty("model", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            bool stream = root.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.True;
            bool includeUsage = root.TryGetProperty("stream_options", out JsonElement o) && o.ValueKind == JsonValueKind.Object
                && o.TryGetProperty("include_usage", out JsonElement u) && u.ValueKind == JsonValueKind.True;
            string? lastRole = null;
            string? lastText = null;
            if (root.TryGetProperty("messages", out JsonElement messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0)
            {
                JsonElement last = messages[messages.GetArrayLength() - 1];
                if (last.ValueKind == JsonValueKind.Object)
                {
                    lastRole = last.TryGetProperty("role", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    lastText = last.TryGetProperty("content", out JsonElement c) ? TextOf(c) : null;
                }
            }

            return new RequestBody(model, stream, includeUsage, lastRole, lastText);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    // A message's content: a string, or an array of parts whose text parts are joined (both wire formats).
    private static string? TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String)
            {
                text.Append(t.GetString());
            }
        }

        return text.ToString();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        529 => "Overloaded",
        _ => "Error",
    };
}
