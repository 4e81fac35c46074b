using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests.Support;

/// <summary>One scripted behaviour of a fake client for one call.</summary>
public delegate Task<ChatResponse> Step(ChatOptions options, CancellationToken cancellationToken);

/// <summary>
/// A fake <see cref="IChatClient"/> that plays a script: each call takes the next step (the last one repeats).
/// It records what it was given so tests can check model ids and options handling.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<Step> _script = new();
    private Step _default;
    private int _calls;

    public ScriptedChatClient(string name, Step? defaultStep = null)
    {
        Name = name;
        _default = defaultStep ?? Steps.Reply(name);
    }

    public string Name { get; }

    public int Calls => Volatile.Read(ref _calls);

    public ConcurrentQueue<ChatOptions> ReceivedOptions { get; } = new();

    public ConcurrentQueue<string?> ReceivedModelIds { get; } = new();

    /// <summary>The messages of each streaming call, as the client got them.</summary>
    public ConcurrentQueue<ChatMessage[]> ReceivedStreamMessages { get; } = new();

    /// <summary>Streaming script: updates to yield, then how the stream ends.</summary>
    public Func<ChatOptions, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? Stream { get; set; }

    public ScriptedChatClient Then(params Step[] steps)
    {
        foreach (Step step in steps)
        {
            _script.Enqueue(step);
        }

        return this;
    }

    public ScriptedChatClient Always(Step step)
    {
        _default = step;
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        ReceivedOptions.Enqueue(options!);
        ReceivedModelIds.Enqueue(options?.ModelId);
        Step step = _script.TryDequeue(out Step? next) ? next : _default;
        return step(options!, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        ReceivedOptions.Enqueue(options!);
        ReceivedModelIds.Enqueue(options?.ModelId);
        ReceivedStreamMessages.Enqueue([.. messages]);
        return (Stream ?? throw new InvalidOperationException("No stream scripted for " + Name))(options!, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

public static class Steps
{
    public static Step Reply(string text) => (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    public static Step Throw(Exception exception) => (_, _) => Task.FromException<ChatResponse>(exception);

    public static Step Throw(Func<Exception> exception) => (_, _) => Task.FromException<ChatResponse>(exception());

    /// <summary>Never answers until the token is cancelled, as a hung server.</summary>
    public static Step Hang() => async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    };

    /// <summary>Waits for the test to open <paramref name="gate"/>, then replies.</summary>
    public static Step Gate(TaskCompletionSource gate, string text, TaskCompletionSource? entered = null) => async (_, ct) =>
    {
        entered?.TrySetResult();
        await gate.Task.WaitAsync(ct);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    };

    public static HttpFailure Status(int status) => new(status);

    public static async IAsyncEnumerable<ChatResponseUpdate> Updates(string[] texts, bool finish, Exception? thenThrow = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < texts.Length; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, texts[i])
            {
                FinishReason = finish && i == texts.Length - 1 ? ChatFinishReason.Stop : null,
            };
        }

        if (thenThrow is not null)
        {
            throw thenThrow;
        }
    }
}

/// <summary>An HttpRequestException with a status, as HttpClient-based clients throw.</summary>
public sealed class HttpFailure : System.Net.Http.HttpRequestException
{
    public HttpFailure(int status) : base($"HTTP {status}", null, (System.Net.HttpStatusCode)status)
    {
    }
}
