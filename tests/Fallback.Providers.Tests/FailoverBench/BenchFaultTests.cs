using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Fallback.LocalProviders;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>The faults LocalProviders gained for the bench, over a plain HttpClient: each does what its scenario says.</summary>
[Collection(BenchRig.Collection)]
public sealed class BenchFaultTests
{
    private static StringContent Body(ProviderFormat format, bool stream, string? prefill = null, bool includeUsage = false)
    {
        string assistant = prefill is null ? "" : ",{\"role\":\"assistant\",\"content\":" + System.Text.Json.JsonSerializer.Serialize(prefill) + "}";
        string usage = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
        return new StringContent(
            "{\"model\":\"m\",\"stream\":" + (stream ? "true" : "false") + usage + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}" + assistant + "]}",
            Encoding.UTF8,
            "application/json");
    }

    private static Uri Api(LocalProviderServer server) => new("http://127.0.0.1:" + server.Port + server.ApiPath);

    [Theory]
    [InlineData(ProviderFormat.OpenAI)]
    [InlineData(ProviderFormat.Anthropic)]
    public async Task Prefill_is_continued_or_rejected_and_recorded(ProviderFormat format)
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(format);
        server.Script.Enqueue(Fault.Answer("one two three four").ContinuingPrefill(), Fault.Answer("one two three four").RejectingPrefill());
        using var http = new HttpClient();

        using HttpResponseMessage continued = await http.PostAsync(Api(server), Body(format, stream: false, prefill: "one two "));
        using HttpResponseMessage rejected = await http.PostAsync(Api(server), Body(format, stream: false, prefill: "one two"));

        string text = await continued.Content.ReadAsStringAsync();
        Assert.Contains("\"three four\"", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("prefill", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Collection(
            server.Requests,
            r => Assert.Equal(("assistant", "one two ", false, 200), (r.LastRole, r.LastText, r.PrefillRejected, r.StatusCode)),
            r => Assert.Equal(("assistant", "one two", true, 400), (r.LastRole, r.LastText, r.PrefillRejected, r.StatusCode)));
    }

    [Theory]
    [InlineData(ProviderFormat.OpenAI, "data: [DONE]")]
    [InlineData(ProviderFormat.Anthropic, "event: message_stop")]
    public async Task Stream_without_its_end_marker_is_otherwise_complete(ProviderFormat format, string marker)
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(format);
        server.Script.Enqueue(Fault.Answer("a b").WithoutEndMarker(), Fault.Answer("a b"));
        using var http = new HttpClient();

        string without = await (await http.PostAsync(Api(server), Body(format, stream: true, includeUsage: true))).Content.ReadAsStringAsync();
        string with = await (await http.PostAsync(Api(server), Body(format, stream: true, includeUsage: true))).Content.ReadAsStringAsync();

        Assert.DoesNotContain(marker, without, StringComparison.Ordinal);
        Assert.Contains(marker, with, StringComparison.Ordinal);
        Assert.Contains(format == ProviderFormat.OpenAI ? "\"finish_reason\":\"stop\"" : "\"stop_reason\":\"end_turn\"", without, StringComparison.Ordinal);
        Assert.Contains(format == ProviderFormat.OpenAI ? "\"completion_tokens\"" : "\"output_tokens\"", without, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_event_is_sent_before_the_given_content_event()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        server.Script.Enqueue(Fault.Answer("a b c").WithMalformedEventAt(1));
        using var http = new HttpClient();

        string events = await (await http.PostAsync(Api(server), Body(ProviderFormat.OpenAI, stream: true))).Content.ReadAsStringAsync();

        int bad = events.IndexOf("\"content\":\n\n", StringComparison.Ordinal);
        Assert.True(bad > events.IndexOf("\"a \"", StringComparison.Ordinal) && bad < events.IndexOf("\"b \"", StringComparison.Ordinal), events);
        Assert.Contains("data: [DONE]", events, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProviderFormat.OpenAI)]
    [InlineData(ProviderFormat.Anthropic)]
    public async Task Cut_stream_ends_without_its_terminating_chunk(ProviderFormat format)
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(format);
        server.Script.Enqueue(Fault.Answer("a b c d").CutAfter(2));
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Api(server)) { Content = Body(format, stream: true) }, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reset_before_headers_sends_no_response_byte()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        server.Script.Enqueue(Fault.ResetBeforeHeaders());
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(Api(server), Body(ProviderFormat.OpenAI, stream: false)));
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal((FaultKind.ResetBeforeHeaders, 0), (request.Fault, request.StatusCode));
    }

    [Fact]
    public async Task Held_first_token_waits_on_the_servers_clock_and_counts_as_held()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        var clock = new BenchClock();
        server.Clock = clock;
        server.Script.Enqueue(Fault.Answer("slow").WithFirstTokenAfter(TimeSpan.FromSeconds(20)));
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Api(server)) { Content = Body(ProviderFormat.OpenAI, stream: true) }, HttpCompletionOption.ResponseHeadersRead);
        Task<string> body = response.Content.ReadAsStringAsync();
        while (server.HeldRequests == 0)
        {
            await Task.Delay(5);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // Headers at once.
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(20), clock.NextDue());
        Assert.False(body.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Contains("\"slow\"", await body.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        Assert.Equal(0, server.HeldRequests);
    }

    [Fact]
    public async Task Switch_applies_one_fault_before_a_moment_on_the_clock_and_another_after()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        var clock = new BenchClock();
        server.Clock = clock;
        server.Script.Default = Fault.Switch(clock.GetUtcNow() + TimeSpan.FromSeconds(60), Fault.Status(503), Fault.Answer());
        using var http = new HttpClient();

        using HttpResponseMessage down = await http.PostAsync(Api(server), Body(ProviderFormat.OpenAI, stream: false));
        clock.Advance(TimeSpan.FromSeconds(60));
        using HttpResponseMessage up = await http.PostAsync(Api(server), Body(ProviderFormat.OpenAI, stream: false));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Collection(
            server.Requests,
            r => Assert.Equal((FaultKind.Status, 503), (r.Fault, r.StatusCode)),
            r => Assert.Equal((FaultKind.Shaped, 200, TimeSpan.FromSeconds(60)), (r.Fault, r.StatusCode, r.ReceivedAt - server.Requests[0].ReceivedAt)));
    }
}
