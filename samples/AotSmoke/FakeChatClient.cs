using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.AotSmoke;

/// <summary>An in-process client: answers with the model it was asked for, or fails with HTTP 503.</summary>
internal sealed class FakeChatClient(bool fails) : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return fails
            ? Task.FromException<ChatResponse>(Unavailable())
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer from " + options?.ModelId))
            {
                ModelId = options?.ModelId,
                FinishReason = ChatFinishReason.Stop,
            });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await Task.Yield();
        if (fails)
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

    private static HttpRequestException Unavailable() => new("The fake provider is down.", null, HttpStatusCode.ServiceUnavailable);
}
