using System;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class ContentFilterTests
{
    private static ChainFixture Filtered(bool withFinalFallback = true)
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f["openai"].Always(Steps.Throw(() => FakeResults.ClientError(400, FakeResults.ErrorBody("content_policy_violation", "about: my secret prompt"))));
        f["anthropic"].Always(Steps.Reply("anthropic"));
        if (withFinalFallback)
        {
            f.FinalFallback = (_, _, _) => ValueTask.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "busy")));
        }

        return f;
    }

    [Fact]
    public async Task A_content_filter_ends_the_request_by_default_no_retry_no_next_model_no_final_answer()
    {
        var f = Filtered();
        var engine = f.Build();

        var ex = await Assert.ThrowsAsync<ContentFilteredException>(() => engine.GetResponseAsync(ChainFixture.Prompt("my secret prompt")));

        Assert.Equal(("test_chain", "openai", "gpt-4o", "content_policy_violation", 400), (ex.ChainName, ex.Provider, ex.Model, ex.Reason, ex.StatusCode));
        Assert.DoesNotContain("secret", ex.Message);
        Assert.NotNull(ex.InnerException);
        Assert.Equal((1, 0), (f["openai"].Calls, f["anthropic"].Calls));
        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 0, 1, 0, 0), (stats.TotalRequests, stats.SuccessfulRequests, stats.FailedRequests, stats.FinalFallbackCount, stats.FallbackCount));
        Assert.Equal(CircuitState.Closed, engine.Models[0].Circuit);
    }

    [Fact]
    public async Task A_stream_filtered_before_output_ends_with_the_same_exception()
    {
        var f = Filtered();
        f["openai"].Stream = (_, _) => throw FakeResults.ClientError(400, FakeResults.ErrorBody("content_filter"));
        var engine = f.Build();

        var ex = await Assert.ThrowsAsync<ContentFilteredException>(async () =>
        {
            await foreach (ChatResponseUpdate update in engine.GetStreamingResponseAsync(ChainFixture.Prompt()))
            {
                Assert.Fail("no update may reach the caller");
            }
        });

        Assert.Equal("content_filter", ex.Reason);
        Assert.Equal(0, f["anthropic"].Calls);
        Assert.Equal((1, 1), (engine.GetStats().TotalRequests, engine.GetStats().FailedRequests));
    }

    [Fact]
    public async Task Routing_around_a_filter_is_an_opt_in_and_then_the_next_model_answers()
    {
        var f = Filtered();
        f.Options.FallBackOnContentFilter = true;
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(1, f["openai"].Calls); // still never retried
    }
}
