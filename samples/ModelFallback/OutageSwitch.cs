using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Samples.ModelFallback;

/// <summary>
/// With real API keys the sample cannot script an outage on the provider's side, so it simulates one in front
/// of the client: while <see cref="Down"/> is set, every call throws HTTP 503 before a request leaves the
/// machine; otherwise calls pass through.
/// </summary>
internal sealed class OutageSwitch(IChatClient inner) : DelegatingChatClient(inner)
{
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => _down ? Task.FromException<ChatResponse>(Unavailable()) : base.GetResponseAsync(messages, options, cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_down)
        {
            throw Unavailable();
        }

        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private static HttpRequestException Unavailable() => new("Simulated outage (the sample's outage switch).", null, HttpStatusCode.ServiceUnavailable);
}

/// <summary>Stands in for a provider that has no API key: its model is disabled at startup, so the chain never calls it.</summary>
internal sealed class NoKeyChatClient(string variable) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(variable + " is not set.");

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException(variable + " is not set.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
