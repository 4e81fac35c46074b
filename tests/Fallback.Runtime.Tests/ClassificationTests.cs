using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;

namespace Fallback.Runtime.Tests;

public class ClassificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly FailureClassifier Classifier = new(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    [Theory]
    [InlineData(500, FailureKind.Transient)]
    [InlineData(502, FailureKind.Transient)]
    [InlineData(503, FailureKind.Transient)]
    [InlineData(504, FailureKind.Transient)]
    [InlineData(529, FailureKind.Transient)]
    [InlineData(408, FailureKind.Transient)]
    [InlineData(429, FailureKind.RateLimited)]
    [InlineData(400, FailureKind.ClientError)]
    [InlineData(401, FailureKind.Unauthorized)]
    [InlineData(403, FailureKind.Forbidden)]
    [InlineData(404, FailureKind.ModelNotFound)]
    [InlineData(413, FailureKind.ContextLengthExceeded)]
    [InlineData(422, FailureKind.ClientError)]
    public void Status_codes_map_to_kinds(int status, FailureKind expected)
    {
        Assert.Equal(expected, Classifier.Classify(FakeResults.ClientError(status)).Kind);
        Assert.Equal(expected, Classifier.Classify(Steps.Status(status)).Kind);
        Assert.Equal(status, Classifier.Classify(FakeResults.ClientError(status)).StatusCode);
    }

    [Theory]
    [InlineData("context_length_exceeded", FailureKind.ContextLengthExceeded)]
    [InlineData("content_filter", FailureKind.ContentFiltered)]
    [InlineData("content_policy_violation", FailureKind.ContentFiltered)]
    [InlineData("model_not_found", FailureKind.ModelNotFound)]
    [InlineData("invalid_api_key", FailureKind.Unauthorized)]
    [InlineData("something_else", FailureKind.ClientError)]
    public void Error_codes_in_the_body_refine_a_400(string code, FailureKind expected)
        => Assert.Equal(expected, Classifier.Classify(FakeResults.ClientError(400, FakeResults.ErrorBody(code))).Kind);

    [Fact]
    public void Anthropic_shaped_body_with_prompt_too_long_is_context_length()
    {
        const string body = """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""";
        Assert.Equal(FailureKind.ContextLengthExceeded, Classifier.Classify(FakeResults.ClientError(400, body)).Kind);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"error\":")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public void Malformed_bodies_fall_back_to_the_status(string body)
        => Assert.Equal(FailureKind.ClientError, Classifier.Classify(FakeResults.ClientError(400, body)).Kind);

    [Fact]
    public void Insufficient_quota_never_waits_for_retry_after()
    {
        var c = Classifier.Classify(FakeResults.ClientError(429, FakeResults.ErrorBody("insufficient_quota"), [("Retry-After", "1")]));
        Assert.Equal(FailureKind.RateLimited, c.Kind);
        Assert.Null(c.RetryAfter);
        Assert.False(c.IsRetryable);
    }

    [Fact]
    public void Retry_after_headers_are_read()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Classifier.Classify(FakeResults.ClientError(429, headers: [("retry-after", "7")])).RetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Classifier.Classify(FakeResults.ClientError(429, headers: [("retry-after-ms", "1500")])).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), Classifier.Classify(FakeResults.ClientError(503, headers: [("Retry-After", Now.AddSeconds(30).ToString("r"))])).RetryAfter);
    }

    [Fact]
    public void Retry_after_parser_handles_every_form()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), RetryAfterParser.Parse("2.5", Now));
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfterParser.Parse(" 120 ", Now));
        Assert.Equal(TimeSpan.FromMinutes(1), RetryAfterParser.Parse("Mon, 23 Nov 2026 12:01:00 GMT", Now));
        Assert.Equal(TimeSpan.Zero, RetryAfterParser.Parse("Mon, 23 Nov 2026 11:00:00 GMT", Now)); // in the past
        Assert.Null(RetryAfterParser.Parse("soon", Now));
        Assert.Null(RetryAfterParser.Parse("-5", Now));
        Assert.Null(RetryAfterParser.Parse(null, Now));
        Assert.Equal(TimeSpan.FromMilliseconds(20), RetryAfterParser.ParseMilliseconds("20"));
        Assert.Null(RetryAfterParser.ParseMilliseconds("x"));
    }

    [Fact]
    public void Transport_failures_are_transient()
    {
        Assert.Equal(FailureKind.Transient, Classifier.Classify(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))).Kind);
        Assert.Equal(FailureKind.Transient, Classifier.Classify(new IOException("reset")).Kind);
        Assert.Equal(FailureKind.Transient, Classifier.Classify(new SocketException((int)SocketError.ConnectionReset)).Kind);
        // The OpenAI SDK with no response: ClientResultException wrapping the transport error.
        Assert.Equal(FailureKind.Transient, Classifier.Classify(new System.ClientModel.ClientResultException("no response", null, new HttpRequestException("reset"))).Kind);
    }

    [Fact]
    public void Timeouts_are_timeouts()
    {
        Assert.Equal(FailureKind.Timeout, Classifier.Classify(new TimeoutException()).Kind);
        // HttpClient.Timeout surfaces as TaskCanceledException while the caller's token is untouched.
        Assert.Equal(FailureKind.Timeout, Classifier.Classify(new TaskCanceledException("HttpClient.Timeout", new TimeoutException())).Kind);
    }

    [Fact]
    public void Aggregate_from_sdk_retries_is_judged_by_its_last_failure()
    {
        var aggregate = new AggregateException(new HttpRequestException("reset"), FakeResults.ClientError(401));
        Assert.Equal(FailureKind.Unauthorized, Classifier.Classify(aggregate).Kind);
        Assert.Equal(FailureKind.Transient, Classifier.Classify(new AggregateException(new IOException("x"), new InvalidOperationException())).Kind);
    }

    [Fact]
    public void Malformed_json_and_unknown_exceptions_are_unknown_and_not_retried()
    {
        FailureClassification json = Classifier.Classify(new JsonException("bad"));
        Assert.Equal(FailureKind.Unknown, json.Kind);
        Assert.False(json.IsRetryable);
        Assert.Equal(FailureKind.Unknown, Classifier.Classify(new InvalidOperationException("bug")).Kind);
        Assert.Equal(FailureKind.Transient, Classifier.Classify(new InvalidOperationException("wrapped", new IOException())).Kind);
    }

    [Fact]
    public async Task Custom_classifiers_are_asked_first()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.Classifiers.Add(new NotFoundIsTransient());
        f.Options.BaseDelay = TimeSpan.Zero;
        f["openai"].Always(Steps.Throw(() => Steps.Status(404)));

        await f.Build().GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal(3, f["openai"].Calls); // retried as transient
    }

    private sealed class NotFoundIsTransient : IFailureClassifier
    {
        public bool TryClassify(Exception exception, out FailureClassification classification)
        {
            classification = new FailureClassification(FailureKind.Transient, 404);
            return exception is HttpRequestException { StatusCode: HttpStatusCode.NotFound };
        }
    }
}
