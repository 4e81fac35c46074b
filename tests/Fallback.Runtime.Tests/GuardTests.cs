using System;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class GuardTests
{
    [Fact]
    public void A_model_client_that_invokes_functions_itself_is_refused_with_where_to_put_it()
    {
        IChatClient inner = new ScriptedChatClient("openai");
        IChatClient invoking = new ChatClientBuilder(inner).UseFunctionInvocation().Build();

        var ex = Assert.Throws<InvalidOperationException>(() => new FallbackEngine("tools", [new ModelDescriptor("openai", "gpt-4o")], _ => invoking));

        Assert.Contains("the client for key 'openai' (model openai/gpt-4o) invokes functions itself", ex.Message);
        Assert.Contains("put it around the chain", ex.Message);

        // The same layer under another one the client shows first is caught too, as long as it is the outermost delegating layer.
        IChatClient wrapped = new WrappingClient(invoking);
        Assert.Throws<InvalidOperationException>(() => new FallbackEngine("tools", [new ModelDescriptor("openai", "gpt-4o")], _ => wrapped));

        // Around the chain it is where it belongs.
        var engine = new FallbackEngine("tools", [new ModelDescriptor("openai", "gpt-4o")], _ => inner);
        Assert.NotNull(new ChatClientBuilder(engine).UseFunctionInvocation().Build());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_final_fallback_answer_is_recognisable_so_a_cache_can_skip_it(bool stamp)
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o"));
        f.Options.StampResponses = stamp;
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f.FinalFallback = (_, _, _) => ValueTask.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "busy")));
        var engine = f.Build();

        ChatResponse busy = await engine.GetResponseAsync(ChainFixture.Prompt());
        f["openai"].Always(Steps.Reply("fine"));
        ChatResponse served = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.True(busy.IsFinalFallbackAnswer());
        Assert.False(served.IsFinalFallbackAnswer());
    }

    // A non-delegating wrapper that exposes what it wraps, as some SDK adapters do.
    private sealed class WrappingClient(IChatClient inner) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
            => inner.GetResponseAsync(messages, options, cancellationToken);

        public System.Collections.Generic.IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
            => inner.GetStreamingResponseAsync(messages, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
