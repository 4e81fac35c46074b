using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Fallback.LocalProviders;

namespace Fallback.Providers.Tests;

/// <summary>The local endpoints themselves, over a plain HttpClient.</summary>
public sealed class LocalProviderServerTests
{
    private static StringContent Body(string model, bool stream)
        => new("{\"model\":\"" + model + "\",\"stream\":" + (stream ? "true" : "false") + ",\"messages\":[]}", Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(ProviderFormat.OpenAI, "/v1/chat/completions")]
    [InlineData(ProviderFormat.Anthropic, "/v1/messages")]
    public async Task Listens_on_loopback_and_records_each_request(ProviderFormat format, string path)
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(format);
        using var http = new HttpClient();
        var root = new Uri("http://127.0.0.1:" + server.Port);

        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.Equal(path, server.ApiPath);
        using HttpResponseMessage ok = await http.PostAsync(new Uri(root, path), Body("m1", stream: false));
        using HttpResponseMessage streamed = await http.PostAsync(new Uri(root, path), Body("m2", stream: true));
        using HttpResponseMessage missing = await http.PostAsync(new Uri(root, "/v1/nothing"), Body("m3", stream: false));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Hello from m1.", await ok.Content.ReadAsStringAsync());
        string events = await streamed.Content.ReadAsStringAsync();
        Assert.Contains(format == ProviderFormat.OpenAI ? "data: [DONE]" : "event: message_stop", events);
        Assert.Contains(format == ProviderFormat.OpenAI ? "\"finish_reason\":\"stop\"" : "\"stop_reason\":\"end_turn\"", events);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Collection(
            server.Requests,
            r => Assert.Equal((1, path, "m1", false, FaultKind.None), (r.Sequence, r.Path, r.Model, r.Stream, r.Fault)),
            r => Assert.Equal((2, path, "m2", true, FaultKind.None), (r.Sequence, r.Path, r.Model, r.Stream, r.Fault)),
            r => Assert.Equal((3, "/v1/nothing", "m3", false, FaultKind.Status), (r.Sequence, r.Path, r.Model, r.Stream, r.Fault)));
    }

    [Fact]
    public async Task Script_serves_model_queue_then_shared_queue_then_default()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        server.Script.Enqueue(Fault.Status(500));
        server.Script.ForModel("a").Enqueue(Fault.Unauthorized());
        server.Script.Default = Fault.Status(503);
        using var http = new HttpClient();
        var url = new Uri(server.BaseUri + "/chat/completions");

        var statuses = new int[4];
        string[] models = ["a", "a", "b", "a"];
        for (int i = 0; i < models.Length; i++)
        {
            using HttpResponseMessage response = await http.PostAsync(url, Body(models[i], stream: false));
            statuses[i] = (int)response.StatusCode;
        }

        Assert.Equal([401, 500, 503, 503], statuses);
    }

    [Fact]
    public async Task Rate_limit_carries_retry_after_and_the_provider_body()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.Anthropic);
        server.Script.Enqueue(Fault.RateLimited(TimeSpan.FromSeconds(2)));
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.PostAsync(new Uri(server.BaseUri + "/v1/messages"), Body("claude", stream: false));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("\"type\":\"rate_limit_error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refusing_endpoint_refuses_connections()
    {
        using RefusingEndpoint endpoint = RefusingEndpoint.Reserve(ProviderFormat.OpenAI);
        using var http = new HttpClient();

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(endpoint.BaseUri));

        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task Reset_mid_body_is_a_socket_reset()
    {
        await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderFormat.OpenAI);
        server.Script.Enqueue(Fault.ResetMidBody());
        using var http = new HttpClient();

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(server.BaseUri + "/chat/completions"), Body("m", stream: false)));

        Assert.Contains("reset", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
