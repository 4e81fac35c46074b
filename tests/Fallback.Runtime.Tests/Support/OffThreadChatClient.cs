using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests.Support;

/// <summary>
/// A client whose answers complete on another thread, as an HTTP client's do, at a moment spread across the few
/// nanoseconds after the call returns: the window in which a caller reading a task's state twice can see two
/// different states. A dedicated thread spins on the pending task (no thread-pool hop) so completions land right
/// where the caller inspects the task, many times a second.
/// </summary>
public sealed class OffThreadChatClient : IChatClient
{
    private readonly Thread _completer;
    private readonly ChatResponse _response = new(new ChatMessage(ChatRole.Assistant, "ok"));
    private TaskCompletionSource<ChatResponse>? _pending;
    private volatile bool _stopped;
    private readonly int _spread;
    private readonly Random _callerRandom = new(11);

    public OffThreadChatClient(int spreadIterations = 8)
    {
        _spread = spreadIterations;
        _completer = new Thread(Complete) { IsBackground = true, Name = "off-thread completer" };
        _completer.Start();
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // No continuation runs inline on the completer: the caller's await resumes on the pool.
        var source = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        SpinWait spin = default;
        while (Interlocked.CompareExchange(ref _pending, source, null) is not null)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        // Return after a short, varying delay: the completer's SetResult lands anywhere from before this call
        // returns to after the caller has looked at the task, so every moment in between is hit.
        Thread.SpinWait(_callerRandom.Next(_spread));
        return source.Task;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => _stopped = true;

    private void Complete()
    {
        while (!_stopped)
        {
            TaskCompletionSource<ChatResponse>? source = Interlocked.Exchange(ref _pending, null);
            if (source is null)
            {
                Thread.SpinWait(1);
                continue;
            }

            source.SetResult(_response);
        }
    }
}
