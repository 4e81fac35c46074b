using System;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class ValidationTests
{
    private static IChatClient Client(string key) => new ScriptedChatClient(key);

    [Fact]
    public void Empty_table_is_rejected_at_construction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [], Client));
        Assert.Contains("declares no models", ex.Message);
    }

    [Fact]
    public void Negative_retries_are_rejected_at_construction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [new ModelDescriptor("openai", "gpt-4o", maxRetries: -1)], Client));
        Assert.Contains("MaxRetries must not be negative", ex.Message);
    }

    [Fact]
    public void Duplicate_model_is_rejected_but_region_failover_is_not()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FallbackEngine("c",
            [new ModelDescriptor("openai", "gpt-4o", 1), new ModelDescriptor("openai", "gpt-4o", 2)], Client));
        Assert.Contains("lists openai/gpt-4o twice", ex.Message);

        _ = new FallbackEngine("c", [new ModelDescriptor("openai", "gpt-4o", 1), new ModelDescriptor("openai", "gpt-4o", 2, client: "openai-eu")], Client);
    }

    [Theory]
    [InlineData("", "m")]
    [InlineData("p", " ")]
    public void Empty_provider_or_model_is_rejected(string provider, string model)
        => Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [new ModelDescriptor(provider, model)], Client));

    [Fact]
    public void Missing_client_is_reported_with_the_key_and_the_fix()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new FallbackEngine("c", [new ModelDescriptor("openai", "gpt-4o")], _ => null!));
        Assert.Contains("client key 'openai'", ex.Message);
        Assert.Contains("AddKeyedChatClient", ex.Message);
    }

    [Fact]
    public void Bad_options_are_rejected_at_construction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [new ModelDescriptor("p", "m")], Client, new FallbackOptions { JitterFactor = 2 }));
        Assert.Contains("JitterFactor", ex.Message);
        Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [new ModelDescriptor("p", "m")], Client, new FallbackOptions { AttemptTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [new ModelDescriptor("p", "m")], Client, new FallbackOptions { MaxDelay = TimeSpan.FromMilliseconds(1) }));
    }

    [Fact]
    public async Task Null_messages_throw_before_any_model_is_called()
    {
        var client = new ScriptedChatClient("p");
        var engine = new FallbackEngine("c", [new ModelDescriptor("p", "m")], _ => client);
        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.GetResponseAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => engine.GetTextAsync(engine.DefaultRoute, null!));
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public void Routes_are_validated_and_sorted_by_priority()
    {
        var engine = new FallbackEngine("c", [new ModelDescriptor("p", "a", 3), new ModelDescriptor("p", "b", 1), new ModelDescriptor("p", "c", 2)], Client);
        Assert.Equal(3, engine.CreateRoute(0, 1, 2).Count);
        Assert.Throws<ArgumentException>(() => engine.CreateRoute(0, 0));
        Assert.Throws<ArgumentException>(() => engine.CreateRoute(3));
        Assert.Throws<ArgumentException>(() => engine.CreateRoute());
    }

    [Fact]
    public async Task Text_helper_sends_the_prompt_as_one_user_message()
    {
        var client = new ScriptedChatClient("p", Steps.Reply("answer"));
        var engine = new FallbackEngine("c", [new ModelDescriptor("p", "m")], _ => client);
        Assert.Equal("answer", await engine.GetTextAsync(engine.DefaultRoute, "question"));
    }

    [Fact]
    public void Engine_is_an_IChatClient_that_exposes_itself_and_metadata()
    {
        var engine = new FallbackEngine("c", [new ModelDescriptor("p", "m2", 2), new ModelDescriptor("p", "m1", 1)], Client);
        IChatClient chat = engine;
        Assert.Same(engine, chat.GetService<IFallbackChain>());
        Assert.Equal("m1", chat.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Null(chat.GetService(typeof(IFallbackChain), "key"));
    }
}
