using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>One entry of the hand-written loop's model list, as in the seeds' <c>ModelFallback</c> (Go) and <c>ModelConfig</c> (Python).</summary>
public sealed record SeedsModel(string Provider, string Model, int Priority, int MaxRetries, IChatClient Client)
{
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// A faithful C# equivalent of the loop the seeds write by hand (shared/seeds: the Go ModelFallback manager, the
/// Python FallbackExecutor and prioritized_completion, the JavaScript safeCompletion): models sorted by priority
/// once; per request, each enabled model in turn, the first call plus MaxRetries retries with a
/// <c>retry * baseDelay</c> wait before each retry; catch any exception and move on; atomic statistics
/// (total, succeeded, failed, fallbacks, usage per model). No error classification, no circuit breaker.
/// Two ways to name the model, both in the seeds: each model's client configured for its model (the Go manager;
/// the caller's options pass through unchanged), or one client per provider with the model named on every call
/// (the Python executors' <c>create(model=...)</c>: here a copy of the options carrying the model id, as a
/// correct C# loop must make; the seeds' <c>config.model = model</c> mutates the caller's object).
/// </summary>
public sealed class SeedsLoopClient : IChatClient
{
    private readonly SeedsModel[] _models;
    private readonly TimeSpan _baseDelay;
    private readonly bool _modelPerCall;
    private readonly long[] _usage;
    private long _total;
    private long _succeeded;
    private long _failed;
    private long _fallbacks;

    public SeedsLoopClient(IEnumerable<SeedsModel> models, TimeSpan baseDelay, bool modelPerCall = false)
    {
        _modelPerCall = modelPerCall;
        _models = [.. models];
        Array.Sort(_models, static (a, b) => a.Priority.CompareTo(b.Priority));
        _baseDelay = baseDelay;
        _usage = new long[_models.Length];
    }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _total);
        Exception? lastError = null;
        for (int i = 0; i < _models.Length; i++)
        {
            SeedsModel model = _models[i];
            if (!model.Enabled)
            {
                continue;
            }

            for (int retry = 0; retry <= model.MaxRetries; retry++)
            {
                if (retry > 0 && _baseDelay > TimeSpan.Zero)
                {
                    await Task.Delay(retry * _baseDelay, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    ChatResponse response = await model.Client.GetResponseAsync(messages, OptionsFor(model, options), cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _succeeded);
                    Interlocked.Increment(ref _usage[i]);
                    if (i > 0)
                    {
                        Interlocked.Increment(ref _fallbacks);
                    }

                    return response;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    lastError = ex;
                }
            }
        }

        Interlocked.Increment(ref _failed);
        throw new InvalidOperationException("all models failed", lastError);
    }

    /// <summary>The seeds' streaming variant: try each model until one yields its first update, then relay the rest.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _total);
        Exception? lastError = null;
        for (int i = 0; i < _models.Length; i++)
        {
            SeedsModel model = _models[i];
            if (!model.Enabled)
            {
                continue;
            }

            for (int retry = 0; retry <= model.MaxRetries; retry++)
            {
                if (retry > 0 && _baseDelay > TimeSpan.Zero)
                {
                    await Task.Delay(retry * _baseDelay, cancellationToken).ConfigureAwait(false);
                }

                IAsyncEnumerator<ChatResponseUpdate> updates = model.Client.GetStreamingResponseAsync(messages, OptionsFor(model, options), cancellationToken).GetAsyncEnumerator(cancellationToken);
                bool first;
                try
                {
                    // C# cannot yield inside a try with a catch: only the first MoveNext is guarded, as the seeds do.
                    first = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    lastError = ex;
                    await updates.DisposeAsync().ConfigureAwait(false);
                    continue;
                }

                try
                {
                    if (first)
                    {
                        yield return updates.Current;
                        while (await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield return updates.Current;
                        }
                    }
                }
                finally
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                }

                Interlocked.Increment(ref _succeeded);
                Interlocked.Increment(ref _usage[i]);
                if (i > 0)
                {
                    Interlocked.Increment(ref _fallbacks);
                }

                yield break;
            }
        }

        Interlocked.Increment(ref _failed);
        throw new InvalidOperationException("all models failed", lastError);
    }

    private ChatOptions? OptionsFor(SeedsModel model, ChatOptions? options)
    {
        if (!_modelPerCall)
        {
            return options;
        }

        ChatOptions perCall = options?.Clone() ?? new ChatOptions();
        perCall.ModelId = model.Model;
        return perCall;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
