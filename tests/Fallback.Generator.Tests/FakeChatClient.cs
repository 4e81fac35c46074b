using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Generator.Tests;

/// <summary>An in-process <see cref="IChatClient"/> that either answers with the model id it was asked for, or fails with a 503.</summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly bool _fails;
    private int _calls;

    private FakeChatClient(bool fails) => _fails = fails;

    public static FakeChatClient Answering() => new(fails: false);

    public static FakeChatClient Failing() => new(fails: true);

    /// <summary>The <c>ChatOptions.ModelId</c> of every request, in order.</summary>
    public List<string?> RequestedModels { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(options);
        if (_fails)
        {
            return Task.FromException<ChatResponse>(Unavailable());
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer from " + options?.ModelId))
        {
            ModelId = options?.ModelId,
            FinishReason = ChatFinishReason.Stop,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Record(options);
        await Task.Yield();
        if (_fails)
        {
            throw Unavailable();
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, "streamed ") { ModelId = options?.ModelId };
        yield return new ChatResponseUpdate(ChatRole.Assistant, "from " + options?.ModelId) { ModelId = options?.ModelId, FinishReason = ChatFinishReason.Stop };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private void Record(ChatOptions? options)
    {
        Interlocked.Increment(ref _calls);
        lock (RequestedModels)
        {
            RequestedModels.Add(options?.ModelId);
        }
    }

    private static HttpRequestException Unavailable() => new("The fake provider is down.", null, HttpStatusCode.ServiceUnavailable);
}
