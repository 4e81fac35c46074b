using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class FallbackOrderTests
{
    private static ChainFixture ThreeModels() => new(
        new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2),
        new ModelDescriptor("anthropic", "claude-sonnet-4-5", priority: 2, maxRetries: 1),
        new ModelDescriptor("deepseek", "deepseek-chat", priority: 3));

    [Fact]
    public async Task First_model_serves_and_response_says_who()
    {
        var f = ThreeModels();
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("openai", response.Text);
        Assert.Equal("gpt-4o", response.ModelId);
        Assert.Equal("openai/gpt-4o", response.AdditionalProperties!["fallback.model"]);
        Assert.Equal(0, response.AdditionalProperties["fallback.level"]);
        Assert.Equal(1, f["openai"].Calls);
        Assert.Equal(0, f["anthropic"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(1, stats.TotalRequests);
        Assert.Equal(1, stats.SuccessfulRequests);
        Assert.Equal(0, stats.FallbackCount);
        Assert.Equal(1, stats.ModelUsage["openai/gpt-4o"]);
        Assert.Equal(0, stats.ModelUsage["anthropic/claude-sonnet-4-5"]);
    }

    [Fact]
    public async Task Priority_orders_the_table_not_declaration()
    {
        var f = new ChainFixture(
            new ModelDescriptor("b", "second", priority: 2),
            new ModelDescriptor("a", "first", priority: 1));
        ChatResponse response = await f.Build().GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal("a/first", response.AdditionalProperties!["fallback.model"]);
    }

    [Fact]
    public async Task A_route_in_order_tries_its_models_in_the_given_order_not_by_priority()
    {
        var f = ThreeModels();
        f["deepseek"].Always((_, _) => throw new InvalidOperationException("down"));
        var engine = f.Build();

        ChatResponse byPriority = await engine.GetResponseAsync(engine.CreateRoute(2, 1), ChainFixture.Prompt(), null, CancellationToken.None);
        ChatResponse inOrder = await engine.GetResponseAsync(engine.CreateRouteInOrder(2, 1), ChainFixture.Prompt(), null, CancellationToken.None);

        Assert.Equal("anthropic/claude-sonnet-4-5", byPriority.AdditionalProperties!["fallback.model"]);
        Assert.Equal(0, byPriority.AdditionalProperties["fallback.level"]);
        Assert.Equal("anthropic/claude-sonnet-4-5", inOrder.AdditionalProperties!["fallback.model"]);
        Assert.Equal(1, inOrder.AdditionalProperties["fallback.level"]);
        Assert.Equal(1, f["deepseek"].Calls); // only the in-order route tried it first
        Assert.Throws<ArgumentException>(() => engine.CreateRouteInOrder(0, 0));
        Assert.Throws<ArgumentException>(() => engine.CreateRouteInOrder(3));
        Assert.Throws<ArgumentException>(() => engine.CreateRouteInOrder());
    }

    [Fact]
    public async Task Provider_keeps_its_own_model_id_when_it_reports_one()
    {
        var f = ThreeModels();
        f["openai"].Always((_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "x")) { ModelId = "gpt-4o-2024-08-06" }));
        ChatResponse response = await f.Build().GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal("gpt-4o-2024-08-06", response.ModelId);
        Assert.Equal("openai/gpt-4o", response.AdditionalProperties!["fallback.model"]);
    }

    [Fact]
    public async Task Non_retryable_failure_falls_back_at_once_and_level_counts_enabled_models()
    {
        var f = ThreeModels();
        f["openai"].Always(Steps.Throw(() => Steps.Status(401)));
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(1, response.AdditionalProperties!["fallback.level"]);
        Assert.Equal(1, f["openai"].Calls); // 401: no retry despite MaxRetries = 2
        Assert.Equal(1, engine.GetStats().FallbackCount);
    }

    [Fact]
    public async Task Disabled_first_model_does_not_count_as_fallback()
    {
        var f = ThreeModels();
        var engine = f.Build();
        engine.DisableModel("openai", "gpt-4o");

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(0, response.AdditionalProperties!["fallback.level"]);
        Assert.Equal(0, f["openai"].Calls);
        Assert.Equal(0, engine.GetStats().FallbackCount);
        Assert.False(engine.Models[0].Enabled);

        engine.EnableModel("openai", "gpt-4o");
        Assert.Equal("openai", (await engine.GetResponseAsync(ChainFixture.Prompt())).Text);
    }

    [Fact]
    public async Task Each_attempt_gets_its_own_copy_of_the_options_with_the_model_id()
    {
        var f = ThreeModels();
        f["openai"].Then(Steps.Throw(() => Steps.Status(500))).Always(Steps.Reply("ok"));
        f.Options.BaseDelay = TimeSpan.Zero;
        var callerOptions = new ChatOptions { ModelId = "caller-model", Temperature = 0.3f };

        await f.Build().GetResponseAsync(ChainFixture.Prompt(), callerOptions);

        Assert.Equal("caller-model", callerOptions.ModelId); // never mutated
        ChatOptions[] received = f["openai"].ReceivedOptions.ToArray();
        Assert.Equal(2, received.Length);
        Assert.NotSame(received[0], received[1]);
        Assert.All(received, o => Assert.NotSame(callerOptions, o));
        Assert.All(received, o => Assert.Equal("gpt-4o", o.ModelId));
        Assert.All(received, o => Assert.Equal(0.3f, o.Temperature));
    }

    [Fact]
    public async Task Region_failover_uses_two_clients_for_one_model()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, client: "openai-us"),
            new ModelDescriptor("openai", "gpt-4o", priority: 2, client: "openai-eu"));
        f["openai-us"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("openai-eu", response.Text);
        Assert.Equal(1, engine.GetStats().ModelUsage["openai/gpt-4o"]);
        Assert.Equal("openai-eu", engine.GetStats().Models[1].Client);
    }

    [Fact]
    public async Task Context_overflow_skips_models_with_no_larger_window()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "small", priority: 1, contextWindow: 8_000, client: "a"),
            new ModelDescriptor("openai", "smaller", priority: 2, contextWindow: 4_000, client: "b"),
            new ModelDescriptor("openai", "large", priority: 3, contextWindow: 128_000, client: "c"));
        f["a"].Always(Steps.Throw(() => new System.Net.Http.HttpRequestException("too long", null, System.Net.HttpStatusCode.RequestEntityTooLarge)));

        ChatResponse response = await f.Build().GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("c", response.Text);
        Assert.Equal(0, f["b"].Calls);
    }

    [Fact]
    public async Task A_client_that_throws_synchronously_is_retried_and_fallen_back_like_any_other()
    {
        var f = ThreeModels();
        f.Options.BaseDelay = TimeSpan.Zero;
        f["openai"].Always((_, _) => throw Steps.Status(503)); // throws before returning a task
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(3, f["openai"].Calls); // first attempt plus MaxRetries = 2
        Assert.Equal(3, engine.GetStats().Models[0].Failures);
        Assert.Equal(1, engine.GetStats().FallbackCount);
    }

    [Fact]
    public async Task A_yielding_first_model_that_fails_continues_in_the_same_request()
    {
        var f = ThreeModels();
        f.Options.BaseDelay = TimeSpan.Zero;
        f["openai"].Then(async (_, _) =>
        {
            await Task.Yield();
            throw Steps.Status(500);
        }).Always(async (_, _) =>
        {
            await Task.Yield();
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "second try"));
        });
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("second try", response.Text);
        Assert.Equal(0, response.AdditionalProperties!["fallback.level"]);
        Assert.Equal(2, f["openai"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 1, 2, 1L), (stats.SuccessfulRequests, stats.Models[0].Failures, stats.Models[0].Attempts, stats.Models[0].Served));
    }

    [Fact]
    public async Task A_task_the_client_cancelled_on_its_own_is_a_failure_not_the_callers_cancellation()
    {
        var f = ThreeModels();
        f.Options.BaseDelay = TimeSpan.Zero;
        f["openai"].Always((_, _) => Task.FromCanceled<ChatResponse>(new CancellationToken(canceled: true)));
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(1, f["openai"].Calls); // a cancelled task the caller did not ask for reads as a timeout: not retried (RetryOnTimeout off)
        FallbackStats stats = engine.GetStats();
        Assert.Equal((1, 0, 1L, 1L), (stats.SuccessfulRequests, stats.CancelledRequests, stats.Models[0].Failures, stats.FallbackCount));
    }

    [Fact]
    public async Task A_client_cancelled_task_is_reported_with_the_clients_own_exception()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1));
        var own = new TaskCanceledException("The HTTP client's timeout elapsed.", new TimeoutException());
#pragma warning disable CS1998 // no await: the task completes cancelled at once, the fast path's synchronous branch
        f["openai"].Always(async (_, _) => throw own);
#pragma warning restore CS1998
        var engine = f.Build();

        var failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => engine.GetResponseAsync(ChainFixture.Prompt()));

        Assert.Same(own, Assert.Single(failure.Attempts).Exception);
        Assert.Equal(FailureKind.Timeout, failure.Attempts[0].Kind);
    }

    [Fact]
    public async Task Stamping_can_be_turned_off_and_ModelId_still_names_the_server()
    {
        var f = ThreeModels();
        f.Options.BaseDelay = TimeSpan.Zero;
        f.Options.StampResponses = false;
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f.FinalFallback = (_, _, _) => new ValueTask<ChatResponse>(new ChatResponse(new ChatMessage(ChatRole.Assistant, "final")));
        var engine = f.Build();

        ChatResponse served = await engine.GetResponseAsync(ChainFixture.Prompt());
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        f["deepseek"].Always(Steps.Throw(() => Steps.Status(503)));
        ChatResponse final = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal(("anthropic", "claude-sonnet-4-5"), (served.Text, served.ModelId));
        Assert.Null(served.AdditionalProperties);
        Assert.Equal(("final", "fallback/final"), (final.Text, final.ModelId));
        Assert.Null(final.AdditionalProperties);
        Assert.Equal(2, engine.GetStats().FallbackCount);
    }

    [Fact]
    public async Task One_shot_message_sequences_are_seen_whole_by_every_attempt()
    {
        var failing = new CapturingClient(fail: true);
        var serving = new CapturingClient(fail: false);
        var engine = new FallbackEngine(
            "one_shot",
            [new ModelDescriptor("x", "m1", priority: 1, client: "a"), new ModelDescriptor("x", "m2", priority: 2, client: "b")],
            key => key == "a" ? failing : serving);

        await engine.GetResponseAsync(OneShot());

        Assert.Equal(2, failing.MessageCount);
        Assert.Equal(2, serving.MessageCount);

        static System.Collections.Generic.IEnumerable<ChatMessage> OneShot()
        {
            yield return new ChatMessage(ChatRole.System, "s");
            yield return new ChatMessage(ChatRole.User, "u");
        }
    }

    private sealed class CapturingClient(bool fail) : IChatClient
    {
        public int MessageCount { get; private set; }

        public Task<ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            MessageCount = messages.Count();
            return fail
                ? Task.FromException<ChatResponse>(Steps.Status(404))
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public System.Collections.Generic.IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
