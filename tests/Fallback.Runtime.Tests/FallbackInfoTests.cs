using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

/// <summary><see cref="FallbackResponseExtensions.GetFallbackInfo(ChatResponse)"/>: who served, wherever the stamp ended up.</summary>
public class FallbackInfoTests
{
    private static ChainFixture PrimaryDown()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2));
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        f["openai"].Stream = (_, _) => throw Steps.Status(503);
        f["anthropic"].Stream = (_, ct) => Steps.Updates(["from ", "backup"], finish: true, cancellationToken: ct);
        return f;
    }

    private static ChainFixture EveryModelDown()
    {
        var f = PrimaryDown();
        f["anthropic"].Always(Steps.Throw(() => Steps.Status(503)));
        f["anthropic"].Stream = (_, _) => throw Steps.Status(503);
        f.FinalFallback = (_, _, _) => new ValueTask<ChatResponse>(new ChatResponse(new ChatMessage(ChatRole.Assistant, "busy")));
        return f;
    }

    private static ChatResponse RoundTrip(ChatResponse response)
        => JsonSerializer.Deserialize<ChatResponse>(JsonSerializer.Serialize(response, AIJsonUtilities.DefaultOptions), AIJsonUtilities.DefaultOptions)!;

    [Fact]
    public async Task A_response_says_who_served_it()
    {
        ChatResponse response = await PrimaryDown().Build().GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal(new FallbackInfo("anthropic/claude", 1), response.GetFallbackInfo());
        Assert.True(response.TryGetFallbackInfo(out FallbackInfo info));
        Assert.Equal(("anthropic/claude", 1, true, false), (info.Model, info.Level, info.FellBack, info.IsFinalFallback));
    }

    [Fact]
    public async Task The_first_model_serves_at_level_zero()
    {
        var f = PrimaryDown();
        f["openai"].Always(Steps.Reply("primary"));

        FallbackInfo info = (await f.Build().GetResponseAsync(ChainFixture.Prompt())).GetFallbackInfo()!.Value;

        Assert.Equal(new FallbackInfo("openai/gpt-4o", 0), info);
        Assert.False(info.FellBack);
    }

    [Fact]
    public async Task A_collected_stream_says_who_served_it_as_the_response_does()
    {
        // The stamp is on the first update; ToChatResponseAsync merges update properties into what it builds.
        IAsyncEnumerable<ChatResponseUpdate> stream = PrimaryDown().Build().GetStreamingResponseAsync(ChainFixture.Prompt());
        ChatResponse response = await stream.ToChatResponseAsync();

        Assert.Equal("from backup", response.Text);
        Assert.Equal(new FallbackInfo("anthropic/claude", 1), response.GetFallbackInfo());
    }

    [Fact]
    public async Task The_first_update_of_a_stream_says_who_serves_and_later_updates_do_not()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in PrimaryDown().Build().GetStreamingResponseAsync(ChainFixture.Prompt()))
        {
            updates.Add(update);
        }

        Assert.Equal(new FallbackInfo("anthropic/claude", 1), updates[0].GetFallbackInfo());
        Assert.All(updates.Skip(1), static u => Assert.Null(u.GetFallbackInfo()));
    }

    [Fact]
    public void The_stamp_is_found_on_a_message_when_the_response_has_none()
    {
        // What a collector that groups updates by message builds: the properties on the message, none on the response.
        var message = new ChatMessage(ChatRole.Assistant, "hi")
        {
            AdditionalProperties = new() { [FallbackInfo.ModelPropertyName] = "openai/gpt-4o", [FallbackInfo.LevelPropertyName] = 2 },
        };
        var response = new ChatResponse([new ChatMessage(ChatRole.Tool, "no stamp"), message]);

        Assert.Equal(new FallbackInfo("openai/gpt-4o", 2), response.GetFallbackInfo());

        // And after a JSON round trip, where the level is a JsonElement on the message.
        Assert.Equal(new FallbackInfo("openai/gpt-4o", 2), RoundTrip(response).GetFallbackInfo());
    }

    [Fact]
    public async Task A_response_read_back_from_json_still_says_who_served_it()
    {
        ChatResponse response = await PrimaryDown().Build().GetResponseAsync(ChainFixture.Prompt());

        ChatResponse cached = RoundTrip(response);

        Assert.IsType<JsonElement>(cached.AdditionalProperties![FallbackInfo.LevelPropertyName]); // not an int any more
        Assert.Equal(new FallbackInfo("anthropic/claude", 1), cached.GetFallbackInfo());
    }

    [Fact]
    public async Task A_collected_stream_read_back_from_json_still_says_who_served_it()
    {
        ChatResponse collected = await PrimaryDown().Build().GetStreamingResponseAsync(ChainFixture.Prompt()).ToChatResponseAsync();

        ChatResponse cached = RoundTrip(collected);

        Assert.Equal(new FallbackInfo("anthropic/claude", 1), cached.GetFallbackInfo());
    }

    [Fact]
    public async Task An_update_read_back_from_json_still_says_who_serves()
    {
        ChatResponseUpdate first = await PrimaryDown().Build().GetStreamingResponseAsync(ChainFixture.Prompt()).FirstAsync();

        ChatResponseUpdate cached = JsonSerializer.Deserialize<ChatResponseUpdate>(
            JsonSerializer.Serialize(first, AIJsonUtilities.DefaultOptions), AIJsonUtilities.DefaultOptions)!;

        Assert.Equal(new FallbackInfo("anthropic/claude", 1), cached.GetFallbackInfo());
    }

    [Fact]
    public async Task The_final_fallback_is_reported_as_such_streamed_or_not()
    {
        var f = EveryModelDown();
        var engine = f.Build();

        FallbackInfo answered = (await engine.GetResponseAsync(ChainFixture.Prompt())).GetFallbackInfo()!.Value;
        FallbackInfo streamed = (await engine.GetStreamingResponseAsync(ChainFixture.Prompt()).ToChatResponseAsync()).GetFallbackInfo()!.Value;

        Assert.Equal(new FallbackInfo(FallbackInfo.FinalFallbackModel, 2), answered);
        Assert.Equal("fallback/final", answered.Model);
        Assert.True(answered.IsFinalFallback);
        Assert.True(answered.FellBack);
        Assert.Equal(answered, streamed);
        Assert.Equal(answered, RoundTrip(await engine.GetResponseAsync(ChainFixture.Prompt())).GetFallbackInfo());
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(3.0)]
    [InlineData("3")]
    public void A_level_stored_as_long_double_or_string_is_read(object level)
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi"))
        {
            AdditionalProperties = new() { ["fallback.model"] = "p/m", ["fallback.level"] = level },
        };

        Assert.Equal(new FallbackInfo("p/m", 3), response.GetFallbackInfo());
    }

    [Fact]
    public void Json_levels_stored_as_a_number_or_a_string_are_read()
    {
        foreach (string json in new[] { """{"fallback.model":"p/m","fallback.level":3}""", """{"fallback.model":"p/m","fallback.level":"3"}""" })
        {
            using var document = JsonDocument.Parse(json);
            var update = new ChatResponseUpdate
            {
                AdditionalProperties = new()
                {
                    ["fallback.model"] = document.RootElement.GetProperty("fallback.model").Clone(),
                    ["fallback.level"] = document.RootElement.GetProperty("fallback.level").Clone(),
                },
            };

            Assert.Equal(new FallbackInfo("p/m", 3), update.GetFallbackInfo());
        }
    }

    [Fact]
    public async Task Nothing_is_found_when_absent_incomplete_or_invalid()
    {
        Assert.Null(new ChatResponse(new ChatMessage(ChatRole.Assistant, "plain")).GetFallbackInfo());
        Assert.Null(new ChatResponse().GetFallbackInfo());
        Assert.Null(new ChatResponseUpdate(ChatRole.Assistant, "plain").GetFallbackInfo());
        Assert.False(new ChatResponseUpdate().TryGetFallbackInfo(out FallbackInfo none));
        Assert.Equal(default, none);

        foreach (AdditionalPropertiesDictionary properties in new AdditionalPropertiesDictionary[]
        {
            new() { ["fallback.model"] = "p/m" },                                 // no level
            new() { ["fallback.level"] = 0 },                                     // no model
            new() { ["fallback.model"] = "", ["fallback.level"] = 0 },            // empty model
            new() { ["fallback.model"] = 42, ["fallback.level"] = 0 },            // not a string
            new() { ["fallback.model"] = "p/m", ["fallback.level"] = -1 },        // negative
            new() { ["fallback.model"] = "p/m", ["fallback.level"] = 1.5 },       // not whole
            new() { ["fallback.model"] = "p/m", ["fallback.level"] = "one" },     // not a number
            new() { ["fallback.model"] = "p/m", ["fallback.level"] = null },
        })
        {
            Assert.Null(new ChatResponse { AdditionalProperties = properties }.GetFallbackInfo());
        }

        // With stamping off, nothing says who served (ModelId still does).
        var f = PrimaryDown();
        f.Options.StampResponses = false;
        ChatResponse unstamped = await f.Build().GetResponseAsync(ChainFixture.Prompt());
        Assert.Null(unstamped.GetFallbackInfo());
        Assert.Equal("claude", unstamped.ModelId);

        Assert.Throws<ArgumentNullException>(() => ((ChatResponse)null!).GetFallbackInfo());
        Assert.Throws<ArgumentNullException>(() => ((ChatResponseUpdate)null!).GetFallbackInfo());
    }

    [Fact]
    public void The_property_names_are_the_engines()
    {
        Assert.Equal("fallback.model", FallbackInfo.ModelPropertyName);
        Assert.Equal("fallback.level", FallbackInfo.LevelPropertyName);
        Assert.Equal("fallback/final", FallbackInfo.FinalFallbackModel);
    }
}
