using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Fallback.LocalProviders;

namespace Fallback.Samples.WebFallback;

/// <summary>
/// The sample's providers: one scripted endpoint per provider on 127.0.0.1 (an ephemeral port each), so the app runs
/// with no API key and an outage is one call away. Both speak OpenAI's chat completions: the Anthropic SDK is not
/// Native-AOT ready, so an AOT app reaches Claude through an OpenAI-compatible endpoint, as it would in production.
/// </summary>
public sealed class LocalEndpoints : IAsyncDisposable
{
    /// <summary>The key every local endpoint accepts.</summary>
    public const string ApiKey = "local-demo-key";

    private readonly Dictionary<string, LocalProviderServer> _servers;

    private LocalEndpoints(Dictionary<string, LocalProviderServer> servers)
    {
        _servers = servers;
    }

    /// <summary>Client keys (the models' providers) and their endpoints.</summary>
    public IReadOnlyDictionary<string, LocalProviderServer> Servers => _servers;

    /// <summary>Starts one endpoint per provider, each answering with a line that names it.</summary>
    public static async Task<LocalEndpoints> StartAsync(IEnumerable<string> providers)
    {
        var servers = new Dictionary<string, LocalProviderServer>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (string provider in providers)
            {
                LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI).ConfigureAwait(false);
                servers.Add(provider, server);
                server.Script.Default = Answer(provider);
            }
        }
        catch
        {
            foreach (LocalProviderServer server in servers.Values)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new LocalEndpoints(servers);
    }

    /// <summary>Every request to <paramref name="provider"/>'s endpoint gets 503 until <see cref="TryEndOutage"/>.</summary>
    public bool TryStartOutage(string provider)
    {
        if (!_servers.TryGetValue(provider, out LocalProviderServer? server))
        {
            return false;
        }

        server.Script.Default = Fault.Status(503);
        return true;
    }

    /// <summary><paramref name="provider"/>'s endpoint answers again.</summary>
    public bool TryEndOutage(string provider)
    {
        if (!_servers.TryGetValue(provider, out LocalProviderServer? server))
        {
            return false;
        }

        server.Script.Clear();
        server.Script.Default = Answer(provider);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (LocalProviderServer server in _servers.Values)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Fault Answer(string provider) => Fault.Ok($"Hello from the local {provider} endpoint.");
}
