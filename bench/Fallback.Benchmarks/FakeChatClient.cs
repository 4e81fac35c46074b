using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>How the fake client completes.</summary>
public enum ClientKind
{
    /// <summary>Completes synchronously: a cached <see cref="Task{ChatResponse}"/> of a cached <see cref="ChatResponse"/>; streams from a cached array without awaiting.</summary>
    Sync,

    /// <summary>Completes after <c>await Task.Yield()</c>, with a new <see cref="ChatResponse"/> per call as a network client builds one; streams yield before every update.</summary>
    Yield,
}

/// <summary>
/// The one fake <see cref="IChatClient"/> every contender calls. It answers with a fixed text, or fails every
/// call with a 503 <see cref="HttpRequestException"/> (a transient failure for every contender), and counts calls
/// so the setup can prove each contender really called it.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    public const int StreamLength = 100;

    private readonly ClientKind _kind;
    private readonly bool _fails;
    private readonly string _text;
    private readonly ChatResponse _cachedResponse;
    private readonly Task<ChatResponse> _cachedTask;
    private readonly ChatResponseUpdate[] _updates;
    private long _calls;

    public FakeChatClient(string text, ClientKind kind, bool fails, int streamLength = StreamLength)
    {
        _text = text;
        _kind = kind;
        _fails = fails;
        _cachedResponse = NewResponse(text);
        _cachedTask = Task.FromResult(_cachedResponse);
        _updates = new ChatResponseUpdate[streamLength];
        for (int i = 0; i < streamLength; i++)
        {
            _updates[i] = new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? text : ".")
            {
                FinishReason = i == streamLength - 1 ? ChatFinishReason.Stop : null,
            };
        }
    }

    /// <summary>The text a successful response carries; a stream concatenates to it plus 99 dots.</summary>
    public string Text => _text;

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>The model id the last call's options named (null when none), so the setup can check who names the model.</summary>
    public string? LastModelId { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastModelId = options?.ModelId;
        if (_kind == ClientKind.Sync)
        {
            return _fails ? Task.FromException<ChatResponse>(Unavailable()) : _cachedTask;
        }

        return YieldThenRespondAsync();
    }

    private async Task<ChatResponse> YieldThenRespondAsync()
    {
        await Task.Yield();
        if (_fails)
        {
            throw Unavailable();
        }

        return NewResponse(_text);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastModelId = options?.ModelId;
        return _kind == ClientKind.Sync ? new SyncStream(this) : YieldingStreamAsync(cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> YieldingStreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (_fails)
        {
            throw Unavailable();
        }

        for (int i = 0; i < _updates.Length; i++)
        {
            if (i > 0)
            {
                await Task.Yield();
            }

            yield return _updates[i];
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static ChatResponse NewResponse(string text)
        => new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };

    private static HttpRequestException Unavailable() => new("The fake provider is down.", null, HttpStatusCode.ServiceUnavailable);

    /// <summary>A synchronous stream over the cached updates: one allocation per stream (this object), none per update.</summary>
    private sealed class SyncStream : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
    {
        private readonly FakeChatClient _owner;
        private int _index = -1;

        public SyncStream(FakeChatClient owner) => _owner = owner;

        public ChatResponseUpdate Current => _owner._updates[_index];

        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_owner._fails)
            {
                return ValueTask.FromException<bool>(Unavailable());
            }

            return new ValueTask<bool>(++_index < _owner._updates.Length);
        }

        public ValueTask DisposeAsync() => default;
    }
}
