using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Generator.Tests;

/// <summary>
/// An in-process <see cref="IChatClient"/> that either answers with the model id it was asked for, or fails: with a 503,
/// or with a 400 from a content filter.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly Func<Exception>? _failure;
    private int _calls;

    private FakeChatClient(Func<Exception>? failure) => _failure = failure;

    public static FakeChatClient Answering() => new(failure: null);

    public static FakeChatClient Failing() => new(Unavailable);

    public static FakeChatClient Filtering() => new(Filtered);

    /// <summary>The <c>ChatOptions.ModelId</c> of every request, in order.</summary>
    public List<string?> RequestedModels { get; } = new();

    /// <summary>The options of every request, in order.</summary>
    public List<ChatOptions?> ReceivedOptions { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(options);
        if (_failure is not null)
        {
            return Task.FromException<ChatResponse>(_failure());
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
        if (_failure is not null)
        {
            throw _failure();
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
            ReceivedOptions.Add(options);
        }
    }

    private static HttpRequestException Unavailable() => new("The fake provider is down.", null, HttpStatusCode.ServiceUnavailable);

    private static Exception Filtered() => Fallback.Runtime.Tests.Support.FakeResults.ClientError(400, Fallback.Runtime.Tests.Support.FakeResults.ErrorBody("content_filter"));
}
