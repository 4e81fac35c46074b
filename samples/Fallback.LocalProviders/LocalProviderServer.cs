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

                (string? model, bool streaming) = ReadBody(request.Body);
                bool isApi = string.Equals(request.Method, "POST", StringComparison.Ordinal)
                    && request.Path.EndsWith(Format == ProviderFormat.OpenAI ? "/chat/completions" : "/messages", StringComparison.Ordinal);
                Fault fault = isApi ? Script.Next(model) : Fault.Status(404);
                int sequence = Record(new RecordedRequest(0, request.Method, request.Path, model, streaming, fault.Kind));
                string id = "local" + sequence.ToString(CultureInfo.InvariantCulture);

                if (!await ApplyAsync(socket, stream, fault, id, model, streaming).ConfigureAwait(false))
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
                while (await stream.ReadAsync(sink, token).ConfigureAwait(false) > 0)
                {
                }

                return false;
            }

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

    private static (string? Model, bool Stream) ReadBody(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, false);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, false);
            }

            string? model = document.RootElement.TryGetProperty("model", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            bool stream = document.RootElement.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.True;
            return (model, stream);
        }
        catch (JsonException)
        {
            return (null, false);
        }
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
