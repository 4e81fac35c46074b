using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Fallback;
using Polly.Retry;

namespace Fallback.Benchmarks;

/// <summary>
/// The chain built with Polly v8, given its best shot: one <see cref="ResiliencePipeline{ChatResponse}"/> built
/// once (fallback outermost, then the primary's retry), contexts from <see cref="ResilienceContextPool"/>,
/// static callbacks with state passed as a value tuple, and the request's messages and options handed to the
/// fallback action through the pooled context's properties (no closure per request). The fallback action runs
/// the secondary model under its own retry pipeline. Polly has no streaming pipeline, so this client does not stream.
/// </summary>
public sealed class PollyChatClient : IChatClient
{
    private static readonly ResiliencePropertyKey<IEnumerable<ChatMessage>> MessagesKey = new("fallback.bench.messages");
    private static readonly ResiliencePropertyKey<ChatOptions?> OptionsKey = new("fallback.bench.options");

    private readonly IChatClient _primary;
    private readonly ResiliencePipeline<ChatResponse> _pipeline;

    public PollyChatClient(IChatClient primary, int primaryRetries, IChatClient secondary, int secondaryRetries, TimeSpan delay)
    {
        _primary = primary;
        ResiliencePipeline<ChatResponse> secondaryPipeline = AddRetry(new ResiliencePipelineBuilder<ChatResponse>(), secondaryRetries, delay).Build();
        var builder = new ResiliencePipelineBuilder<ChatResponse>()
            .AddFallback(new FallbackStrategyOptions<ChatResponse>
            {
                FallbackAction = async args =>
                {
                    ResilienceContext context = args.Context;
                    (IChatClient, IEnumerable<ChatMessage>, ChatOptions?) state = (
                        secondary,
                        context.Properties.GetValue(MessagesKey, Array.Empty<ChatMessage>()),
                        context.Properties.GetValue(OptionsKey, null));
                    ChatResponse response = await secondaryPipeline.ExecuteAsync(
                        static (ctx, s) => new ValueTask<ChatResponse>(s.Item1.GetResponseAsync(s.Item2, s.Item3, ctx.CancellationToken)),
                        context,
                        state).ConfigureAwait(false);
                    return Outcome.FromResult(response);
                },
            });
        _pipeline = AddRetry(builder, primaryRetries, delay).Build();
    }

    private static ResiliencePipelineBuilder<ChatResponse> AddRetry(ResiliencePipelineBuilder<ChatResponse> builder, int retries, TimeSpan delay)
        // Polly's retry needs at least one retry attempt; a model with none gets no retry strategy.
        => retries == 0 ? builder : builder.AddRetry(new RetryStrategyOptions<ChatResponse>
        {
            MaxRetryAttempts = retries,
            Delay = delay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = delay > TimeSpan.Zero,
        });

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(MessagesKey, messages);
            context.Properties.Set(OptionsKey, options);
            return await _pipeline.ExecuteAsync(
                static (ctx, s) => new ValueTask<ChatResponse>(s.Item1.GetResponseAsync(s.Item2, s.Item3, ctx.CancellationToken)),
                context,
                (_primary, messages, options)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("Polly pipelines return one result; they do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
