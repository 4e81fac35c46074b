using System;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class RetryAndBackoffTests
{
    private static ChainFixture TwoModels(int primaryRetries) => new(
        new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: primaryRetries),
        new ModelDescriptor("anthropic", "claude", priority: 2));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Transient_failures_cost_exactly_MaxRetries_plus_one_attempts(int maxRetries)
    {
        var f = TwoModels(maxRetries);
        f.Options.BaseDelay = TimeSpan.Zero;
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(maxRetries + 1, f["openai"].Calls);
        Assert.Equal(1, f["anthropic"].Calls);
        Assert.Equal(maxRetries + 1, engine.GetStats().Models[0].Failures);
    }

    [Fact]
    public async Task Retries_wait_the_exponential_backoff_on_the_fake_clock()
    {
        var f = TwoModels(2);
        f["openai"].Then(Steps.Throw(() => Steps.Status(500)), Steps.Throw(() => Steps.Status(502))).Always(Steps.Reply("third time"));
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal(1, f["openai"].Calls);

        f.Time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(1, f["openai"].Calls); // base delay 500 ms, jitter factor fixed at 1
        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        await f.Time.WaitForTimersAsync(2); // the second attempt failed and its backoff started
        Assert.Equal(2, f["openai"].Calls);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)], f.Time.Timers);

        f.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(2, f["openai"].Calls); // then 1000 ms
        f.Time.Advance(TimeSpan.FromMilliseconds(1));

        ChatResponse response = await request;
        Assert.Equal("third time", response.Text);
        Assert.Equal(3, f["openai"].Calls);
        Assert.Equal(0, f["anthropic"].Calls);
    }

    [Theory]
    [InlineData(0.0, 400)]   // 500 ms * (1 - 0.2)
    [InlineData(0.5, 500)]
    [InlineData(0.999999, 600)] // 500 ms * (1 + 0.2), rounded
    public void Jitter_stays_within_its_bounds(double random, int expectedMs)
    {
        var f = TwoModels(1);
        ((FixedRandom)f.Options.Random).Value = random;
        TimeSpan delay = f.Build().Backoff(1);
        Assert.InRange(delay.TotalMilliseconds, expectedMs - 1, expectedMs);
    }

    [Fact]
    public void Backoff_doubles_and_is_capped_including_jitter()
    {
        var f = TwoModels(1);
        f.Options.MaxDelay = TimeSpan.FromSeconds(3);
        ((FixedRandom)f.Options.Random).Value = 0.999999;
        FallbackEngine engine = f.Build();

        Assert.InRange(engine.Backoff(2).TotalMilliseconds, 1199, 1200);
        Assert.InRange(engine.Backoff(3).TotalMilliseconds, 2399, 2400);
        Assert.Equal(TimeSpan.FromSeconds(3), engine.Backoff(4)); // 4.8 s capped
        Assert.Equal(TimeSpan.FromSeconds(3), engine.Backoff(40)); // no overflow
    }

    [Fact]
    public async Task Short_retry_after_is_waited_then_the_same_model_retried()
    {
        var f = TwoModels(1);
        f["openai"].Then(Steps.Throw(() => FakeResults.ClientError(429, headers: [("Retry-After", "2")]))).Always(Steps.Reply("after wait"));
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        f.Time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, f["openai"].Calls);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("after wait", (await request).Text);
        Assert.Equal(0, f["anthropic"].Calls);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_measured_from_the_clock()
    {
        var f = TwoModels(1);
        string date = f.Time.GetUtcNow().AddSeconds(3).ToString("r");
        f["openai"].Then(Steps.Throw(() => FakeResults.ClientError(429, headers: [("Retry-After", date)]))).Always(Steps.Reply("after date"));
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        f.Time.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Equal(1, f["openai"].Calls);
        f.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("after date", (await request).Text);
    }

    [Fact]
    public async Task Retry_after_ms_wins_over_retry_after()
    {
        var f = TwoModels(1);
        f["openai"].Then(Steps.Throw(() => FakeResults.ClientError(429, headers: [("retry-after-ms", "250"), ("Retry-After", "9")]))).Always(Steps.Reply("fast"));
        Task<ChatResponse> request = f.Build().GetResponseAsync(ChainFixture.Prompt());
        f.Time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal("fast", (await request).Text);
    }

    [Fact]
    public async Task Long_retry_after_falls_back_at_once()
    {
        var f = TwoModels(3);
        f["openai"].Always(Steps.Throw(() => FakeResults.ClientError(429, headers: [("Retry-After", "60")])));
        var engine = f.Build();

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt()); // no clock advance needed

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(1, f["openai"].Calls);
    }

    [Fact]
    public async Task Rate_limit_without_retry_after_falls_back_at_once()
    {
        var f = TwoModels(3);
        f["openai"].Always(Steps.Throw(() => Steps.Status(429)));
        ChatResponse response = await f.Build().GetResponseAsync(ChainFixture.Prompt());
        Assert.Equal("anthropic", response.Text);
        Assert.Equal(1, f["openai"].Calls);
    }

    [Fact]
    public async Task A_silent_model_is_not_retried_after_its_attempt_timeout_the_next_model_serves_at_once()
    {
        // Issue 13 (failoverbench S06): retrying a provider that did not answer only multiplies the wait.
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2, attemptTimeoutMs: 5_000),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f["openai"].Always(Steps.Hang());
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        await f.Time.WaitForTimersAsync(1);
        f.Time.Advance(TimeSpan.FromSeconds(5));

        ChatResponse response = await request;
        Assert.Equal("anthropic", response.Text);
        Assert.Equal(1, f["openai"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal((1L, FailureKind.Timeout), (stats.Models[0].Failures, FailureKind.Timeout));
    }

    [Fact]
    public async Task Attempt_timeout_cancels_a_hung_model_and_retries_then_falls_back_when_retrying_timeouts_is_on()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 1, attemptTimeoutMs: 5_000),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.BaseDelay = TimeSpan.Zero;
        f.Options.RetryOnTimeout = true;
        f["openai"].Always(Steps.Hang());
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        f.Time.Advance(TimeSpan.FromSeconds(5));
        await f.Time.WaitForTimersAsync(2); // the retry's own attempt timer
        f.Time.Advance(TimeSpan.FromSeconds(5));

        ChatResponse response = await request;
        Assert.Equal("anthropic", response.Text);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(2, stats.Models[0].Failures);
        Assert.Equal(0, stats.CancelledRequests);
    }

    [Fact]
    public async Task Request_timeout_stops_the_whole_chain()
    {
        var f = TwoModels(5);
        f.Options.RequestTimeout = TimeSpan.FromSeconds(2);
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt());
        f.Time.Advance(TimeSpan.FromMilliseconds(500)); // first backoff
        await f.Time.WaitForTimersAsync(3); // request timeout, first backoff, second backoff
        Assert.Equal(2, f["openai"].Calls);
        f.Time.Advance(TimeSpan.FromSeconds(2)); // request timeout elapses during the second backoff

        var failure = await Assert.ThrowsAsync<AllModelsFailedException>(() => request);
        Assert.Contains("request timeout", failure.Message);
        Assert.Equal(0, f["anthropic"].Calls);
        Assert.Equal(1, engine.GetStats().FailedRequests);
    }

    [Fact]
    public async Task Caller_cancellation_mid_backoff_stops_without_falling_back()
    {
        var f = TwoModels(2);
        f["openai"].Always(Steps.Throw(() => Steps.Status(500)));
        var engine = f.Build();
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt(), null, cts.Token);
        Assert.Equal(1, f["openai"].Calls);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(1, f["openai"].Calls);
        Assert.Equal(0, f["anthropic"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(0, stats.TotalRequests);
        Assert.Equal(1, stats.CancelledRequests);
        Assert.Equal(1, stats.Models[0].Failures); // the real 500 still counts; the cancellation does not
    }

    [Fact]
    public async Task Caller_cancellation_mid_request_stops_without_falling_back()
    {
        var f = TwoModels(2);
        f["openai"].Always(Steps.Hang());
        var engine = f.Build();
        using var cts = new CancellationTokenSource();

        Task<ChatResponse> request = engine.GetResponseAsync(ChainFixture.Prompt(), null, cts.Token);
        cts.Cancel();

        OperationCanceledException ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(0, f["anthropic"].Calls);
        FallbackStats stats = engine.GetStats();
        Assert.Equal(0, stats.Models[0].Failures);
        Assert.Equal(1, stats.CancelledRequests);
    }

    [Fact]
    public async Task Already_cancelled_token_calls_no_model()
    {
        var f = TwoModels(0);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Build().GetResponseAsync(ChainFixture.Prompt(), null, new CancellationToken(true)));
        Assert.Equal(0, f["openai"].Calls);
    }
}
