using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Fallback.LocalProviders;

/// <summary>A parsed HTTP/1.1 request.</summary>
internal sealed record HttpRequestData(string Method, string Path, Dictionary<string, string> Headers, byte[] Body);

/// <summary>Reads HTTP/1.1 requests off one connection, keep-alive included; bodies by Content-Length or chunked.</summary>
internal sealed class HttpRequestReader
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    public HttpRequestReader(Stream stream) => _stream = stream;

    /// <summary>The next request, or null when the peer closed the connection between requests.</summary>
    public async Task<HttpRequestData?> ReadAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeaderBytes)
            {
                throw new InvalidDataException("Request headers too large.");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        string head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        string[] lines = head.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length < 3)
        {
            throw new InvalidDataException("Malformed request line.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
            }
        }

        string target = requestLine[1];
        int query = target.IndexOf('?', StringComparison.Ordinal);
        string path = query >= 0 ? target.Substring(0, query) : target;

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (headers.TryGetValue("Content-Length", out string? length))
        {
            int count = int.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture);
            if (count > MaxBodyBytes)
            {
                throw new InvalidDataException("Request body too large.");
            }

            body = await ReadExactAsync(count, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = Array.Empty<byte>();
        }

        return new HttpRequestData(requestLine[0], path, headers, body);
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            string sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            int semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            int size = int.Parse(semicolon >= 0 ? sizeLine.Substring(0, semicolon) : sizeLine, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, then the empty line.
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                }

                return body.ToArray();
            }

            if (body.Length + size > MaxBodyBytes)
            {
                throw new InvalidDataException("Request body too large.");
            }

            body.Write(await ReadExactAsync(size, cancellationToken).ConfigureAwait(false));
            await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = IndexOf("\r\n"u8)) < 0)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException("Connection closed inside a chunked body.");
            }
        }

        string line = Encoding.ASCII.GetString(_buffer, _start, end - _start);
        _start = end + 2;
        return line.Trim();
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException("Connection closed inside a request body.");
            }
        }

        byte[] result = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        return result;
    }

    private int IndexOf(ReadOnlySpan<byte> marker)
    {
        int index = _buffer.AsSpan(_start, _end - _start).IndexOf(marker);
        return index < 0 ? -1 : _start + index;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is SocketException)
        {
            return false;
        }

        _end += read;
        return read > 0;
    }
}
