using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Fallback.Samples.WebFallback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Fallback.Web.Tests;

/// <summary>
/// The WebFallback sample as its users run it: Kestrel on 127.0.0.1, driven over HTTP, its appsettings.json edited
/// while it runs. Each test starts its own app (its own local provider endpoints and content root); the tests of
/// this class run one after another.
/// </summary>
public sealed class WebSampleTests
{
    private const string Primary = "openai/gpt-4o";
    private const string Secondary = "anthropic/claude-sonnet-4-5";

    // Fallback.Chain's "new options refused, the chain keeps the ones it runs with" (docs/configuration.md).
    private const int ReloadRejectedEventId = 13;

    private static JsonObject Chain(JsonObject settings) => settings["Fallback"]!["Chains"]![IAssistant.ChainName]!.AsObject();

    private static JsonObject ModelSettings(JsonObject settings, string id) => Chain(settings)["Models"]![id]!.AsObject();

    [Fact]
    public async Task A_chat_is_served_by_the_primary_counted_on_chains_and_traced_and_metered()
    {
        var activities = new LockedList<Activity>();
        var metrics = new LockedList<Metric>();
        await using SampleApp sample = await SampleApp.StartAsync(configure: builder => builder.Services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(activities))
            .ConfigureOpenTelemetryMeterProvider(metering => metering.AddInMemoryExporter(metrics)));

        JsonElement reply = await sample.ChatAsync();
        Assert.Equal(Primary, reply.GetProperty("model").GetString());
        Assert.Equal(0, reply.GetProperty("level").GetInt32());
        Assert.Contains("local openai endpoint", reply.GetProperty("text").GetString(), System.StringComparison.Ordinal);

        JsonElement chain = await sample.ChainAsync();
        JsonElement stats = chain.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("totalRequests").GetInt64());
        Assert.Equal(1, stats.GetProperty("successfulRequests").GetInt64());
        Assert.Equal(0, stats.GetProperty("fallbackCount").GetInt64());
        Assert.Equal(1, stats.GetProperty("modelUsage").GetProperty(Primary).GetInt64());
        Assert.Equal([Primary, Secondary, "openai/gpt-4o-mini"], chain.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        JsonElement primary = SampleApp.Model(chain, Primary);
        Assert.True(primary.GetProperty("enabled").GetBoolean());
        Assert.Equal("Closed", primary.GetProperty("circuit").GetString());
        Assert.Equal(1, primary.GetProperty("served").GetInt64());

        // The sample's OpenTelemetry wiring collects the chain's activity source and meter ("Fallback").
        await SampleApp.EventuallyAsync(
            () => Task.FromResult(activities.Snapshot()),
            seen => seen.Any(a => a.Source.Name == FallbackTelemetry.Name && a.OperationName == "fallback.request"),
            "a fallback.request activity exported");
        Assert.True(sample.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.Contains(metrics.Snapshot(), m => m.MeterName == FallbackTelemetry.Name && m.Name == "fallback.requests");
    }

    [Fact]
    public async Task Editing_appsettings_json_while_the_app_runs_moves_the_traffic()
    {
        await using SampleApp sample = await SampleApp.StartAsync();
        Assert.Equal(Primary, (await sample.ChatAsync()).GetProperty("model").GetString());

        // An operator takes the primary out in appsettings.json; the app reloads it and reconfigures the chain.
        sample.EditSettings(settings => ModelSettings(settings, Primary)["Enabled"] = false);
        await SampleApp.EventuallyAsync(
            sample.ChainAsync,
            chain => !SampleApp.Model(chain, Primary).GetProperty("enabled").GetBoolean(),
            "GET /chains shows the primary disabled after the edit");

        JsonElement reply = await sample.ChatAsync();
        Assert.Equal(Secondary, reply.GetProperty("model").GetString());
        Assert.Equal(0, reply.GetProperty("level").GetInt32()); // the first enabled model
        Assert.Equal(0, (await sample.ChainAsync()).GetProperty("stats").GetProperty("fallbackCount").GetInt64());

        // The primary back, but ordered after Claude: one edit, applied as a whole.
        sample.EditSettings(settings =>
        {
            ModelSettings(settings, Primary)["Enabled"] = true;
            ModelSettings(settings, Secondary)["Priority"] = 0;
        });
        await SampleApp.EventuallyAsync(
            sample.ChainAsync,
            chain => SampleApp.Model(chain, Primary).GetProperty("enabled").GetBoolean(),
            "GET /chains shows the primary enabled again after the second edit");

        reply = await sample.ChatAsync();
        Assert.Equal(Secondary, reply.GetProperty("model").GetString());
        Assert.Equal(0, reply.GetProperty("level").GetInt32());
        JsonElement usage = (await sample.ChainAsync()).GetProperty("stats").GetProperty("modelUsage");
        Assert.Equal(1, usage.GetProperty(Primary).GetInt64());
        Assert.Equal(2, usage.GetProperty(Secondary).GetInt64());
    }

    [Fact]
    public async Task An_invalid_edit_is_refused_whole_and_the_chain_keeps_running_on_the_options_it_had()
    {
        var log = new EventLog();
        await using SampleApp sample = await SampleApp.StartAsync(configure: builder => builder.Logging.AddProvider(log));

        // A typo'd key beside a valid switch: the reload is refused as a whole, with an error in the chain's log.
        sample.EditSettings(settings =>
        {
            ModelSettings(settings, Primary)["Enabled"] = false;
            ModelSettings(settings, Primary)["MaxRetry"] = 3;
        });
        await SampleApp.EventuallyAsync(
            () => Task.FromResult(log.Events),
            events => events.Contains(("Fallback.Chain", ReloadRejectedEventId)),
            "the chain logs that it refused the new options");

        Assert.True(SampleApp.Model(await sample.ChainAsync(), Primary).GetProperty("enabled").GetBoolean());
        Assert.Equal(Primary, (await sample.ChatAsync()).GetProperty("model").GetString());
    }

    [Fact]
    public async Task Health_goes_from_Healthy_to_Degraded_when_the_primary_circuit_opens_and_Unhealthy_when_no_model_is_left()
    {
        // One failed request opens a circuit, for longer than the test runs; retries back off 10 ms.
        await using SampleApp sample = await SampleApp.StartAsync(settings =>
        {
            JsonObject chain = Chain(settings);
            chain["CircuitBreakerThreshold"] = 1;
            chain["CircuitBreakerCooldown"] = "00:01:00";
            chain["BaseDelay"] = "00:00:00.010";
        });

        Assert.Equal(("Healthy", HttpStatusCode.OK), await HealthAsync(sample));

        using (HttpResponseMessage outage = await sample.Http.PutAsync("local/openai/outage", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, outage.StatusCode);
        }

        JsonElement reply = await sample.ChatAsync();
        Assert.Equal(Secondary, reply.GetProperty("model").GetString());
        Assert.Equal(1, reply.GetProperty("level").GetInt32());

        JsonElement chain = await sample.ChainAsync();
        Assert.Equal("Open", SampleApp.Model(chain, Primary).GetProperty("circuit").GetString());
        Assert.Equal(2, SampleApp.Model(chain, Primary).GetProperty("attempts").GetInt64()); // 1 + MaxRetries 1
        Assert.Equal(1, chain.GetProperty("stats").GetProperty("fallbackCount").GetInt64());

        (string status, HttpStatusCode code, string description) = await HealthDetailAsync(sample);
        Assert.Equal(("Degraded", HttpStatusCode.OK), (status, code));
        Assert.Contains("circuit open on " + Primary, description, System.StringComparison.Ordinal);

        // Claude down too: GPT-4o mini (same endpoint as GPT-4o) fails, every circuit opens, the final fallback answers.
        using (HttpResponseMessage outage = await sample.Http.PutAsync("local/anthropic/outage", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, outage.StatusCode);
        }

        reply = await sample.ChatAsync();
        Assert.Equal(FallbackInfo.FinalFallbackModel, reply.GetProperty("model").GetString());
        Assert.Equal(IAssistant.BusyMessage, reply.GetProperty("text").GetString());
        Assert.Equal(("Unhealthy", HttpStatusCode.ServiceUnavailable), await HealthAsync(sample));
    }

    [Fact]
    public async Task A_typo_in_the_chain_section_stops_the_app_at_start_up_naming_the_key()
    {
        OptionsValidationException failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SampleApp.StartAsync(settings =>
        {
            ModelSettings(settings, Primary)["MaxRetry"] = 3;
        }));

        Assert.Contains("Fallback:Chains:assistant:Models:openai/gpt-4o:MaxRetry is not a model setting", failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_content_filter_refusal_is_a_422_not_a_fallback()
    {
        await using SampleApp sample = await SampleApp.StartAsync();
        sample.App.Services.GetRequiredService<LocalEndpoints>().Servers["openai"].Script.Enqueue(Fault.ContentFiltered());

        using HttpResponseMessage response = await sample.Http.PostAsJsonAsync("chat", new { message = "Hello" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        JsonElement chain = await sample.ChainAsync();
        Assert.Equal(0, SampleApp.Model(chain, Secondary).GetProperty("attempts").GetInt64());
        Assert.Equal(0, chain.GetProperty("stats").GetProperty("fallbackCount").GetInt64());
    }

    [Fact]
    public async Task A_chat_without_a_message_is_a_bad_request()
    {
        await using SampleApp sample = await SampleApp.StartAsync();
        using HttpResponseMessage response = await sample.Http.PostAsJsonAsync("chat", new { message = " " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await sample.ChainAsync()).GetProperty("stats").GetProperty("totalRequests").GetInt64());
    }

    private static async Task<(string Status, HttpStatusCode Code)> HealthAsync(SampleApp sample)
    {
        (string status, HttpStatusCode code, _) = await HealthDetailAsync(sample);
        return (status, code);
    }

    private static async Task<(string Status, HttpStatusCode Code, string Description)> HealthDetailAsync(SampleApp sample)
    {
        using HttpResponseMessage response = await sample.Http.GetAsync("healthz");
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement check = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == FallbackHealthChecksBuilderExtensions.DefaultName);
        return (body.GetProperty("status").GetString()!, response.StatusCode, check.GetProperty("description").GetString() ?? string.Empty);
    }
}
