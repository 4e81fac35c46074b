using System;
using System.Net;
using System.Net.Sockets;

namespace Fallback.LocalProviders;

/// <summary>
/// A port on 127.0.0.1 where nothing listens: connecting is refused (RST). The port stays bound, but not
/// listening, while this object lives, so no other process can take it in the meantime.
/// </summary>
public sealed class RefusingEndpoint : IDisposable
{
    private readonly Socket _socket;

    private RefusingEndpoint(ProviderFormat format)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        BaseUri = LocalProviderServer.BaseUriFor(format, Port);
    }

    /// <summary>The reserved port.</summary>
    public int Port { get; }

    /// <summary>The base address an SDK of the given format expects.</summary>
    public Uri BaseUri { get; }

    /// <summary>Reserves a port on 127.0.0.1 that refuses connections.</summary>
    public static RefusingEndpoint Reserve(ProviderFormat format) => new(format);

    /// <summary>Releases the port.</summary>
    public void Dispose() => _socket.Dispose();
}
