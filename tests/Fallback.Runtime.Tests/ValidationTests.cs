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

    private static ArgumentException BadOptions(FallbackOptions options)
        => Assert.Throws<ArgumentException>(() => new FallbackEngine("c", [new ModelDescriptor("p", "m")], Client, options));

    // The longest timer .NET accepts: uint.MaxValue - 1 ms, about 49.7 days.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static TheoryData<string, Action<FallbackOptions>, string> TooLongDurations => new()
    {
        { "AttemptTimeout", o => o.AttemptTimeout = TimeSpan.MaxValue, "10675199.02:48:05.4775807" },
        { "AttemptTimeout", o => o.AttemptTimeout = TimeSpan.FromDays(100), "100.00:00:00" },
        { "RequestTimeout", o => o.RequestTimeout = TimeSpan.MaxValue, "10675199.02:48:05.4775807" },
        { "RequestTimeout", o => o.RequestTimeout = TimeSpan.FromDays(100), "100.00:00:00" },
        { "BaseDelay", o => o.BaseDelay = TimeSpan.FromDays(100), "100.00:00:00" },
        { "MaxDelay", o => o.MaxDelay = TimeSpan.MaxValue, "10675199.02:48:05.4775807" },
        { "MaxRetryAfter", o => o.MaxRetryAfter = TimeSpan.MaxValue, "10675199.02:48:05.4775807" },
        { "CircuitBreakerCooldown", o => o.CircuitBreakerCooldown = TimeSpan.MaxValue, "10675199.02:48:05.4775807" },
    };

    [Theory]
    [MemberData(nameof(TooLongDurations))]
    public void A_duration_longer_than_a_timer_accepts_is_rejected_at_construction_naming_the_option_its_value_and_the_range(
        string option, Action<FallbackOptions> set, string value)
    {
        // Before, these passed validation and every request then threw ArgumentOutOfRangeException (Parameter 'delay'),
        // or the cooldown overflowed when added to the clock.
        var options = new FallbackOptions();
        set(options);

        ArgumentException ex = BadOptions(options);

        Assert.StartsWith($"Fallback chain 'c': FallbackOptions.{option} is {value} (", ex.Message);
        Assert.Contains("49.17:02:47.2940000 (4294967294 ms)", ex.Message);
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public async Task The_longest_durations_allowed_work()
    {
        // With a first-token limit a non-streaming request is streamed underneath.
        var client = new ScriptedChatClient("p") { Stream = (_, ct) => Steps.Updates(["p"], finish: true, cancellationToken: ct) };
        var engine = new FallbackEngine("c", [new ModelDescriptor("p", "m")], _ => client, new FallbackOptions
        {
            BaseDelay = LongestTimer,
            MaxDelay = LongestTimer,
            MaxRetryAfter = LongestTimer,
            AttemptTimeout = LongestTimer,
            RequestTimeout = LongestTimer,
            CircuitBreakerCooldown = LongestTimer,
            CircuitBreakerMaxCooldown = LongestTimer,
            FirstTokenTimeout = LongestTimer,
        });

        ChatResponse response = await engine.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("p", response.Text);
    }

    [Fact]
    public void A_null_classifier_is_rejected_at_construction_with_its_index()
    {
        var options = new FallbackOptions();
        options.Classifiers.Add(new NoOpinion());
        options.Classifiers.Add(null!);

        ArgumentException ex = BadOptions(options);

        Assert.Equal("Fallback chain 'c': FallbackOptions.Classifiers[1] is null; every entry must be an IFailureClassifier. (Parameter 'Classifiers')", ex.Message);
    }

    [Fact]
    public void Every_bad_option_is_reported_in_one_message()
    {
        var options = new FallbackOptions
        {
            AttemptTimeout = TimeSpan.MaxValue,
            RequestTimeout = TimeSpan.Zero,
            JitterFactor = double.NaN,
            CircuitBreakerThreshold = -1,
            CircuitBreakerCooldown = TimeSpan.FromSeconds(-1),
            TimeProvider = null!,
        };
        options.Classifiers.Add(null!);

        ArgumentException ex = BadOptions(options);

        Assert.StartsWith("Fallback chain 'c' has 7 invalid options:", ex.Message);
        foreach (string option in new[] { "JitterFactor is NaN", "AttemptTimeout is", "RequestTimeout is 00:00:00 (0 ms); it must be more than 0", "CircuitBreakerThreshold is -1", "CircuitBreakerCooldown is -00:00:01 (-1000 ms)", "Classifiers[0] is null", "TimeProvider is null" })
        {
            Assert.Contains("- FallbackOptions." + option, ex.Message);
        }

        Assert.Equal("options", ex.ParamName);
    }

    private sealed class NoOpinion : IFailureClassifier
    {
        public bool TryClassify(Exception exception, out FailureClassification classification)
        {
            classification = default;
            return false;
        }
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
