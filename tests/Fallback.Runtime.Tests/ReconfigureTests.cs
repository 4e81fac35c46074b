using System;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

public class ReconfigureTests
{
    private static ChainFixture Chain()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1, maxRetries: 2),
            new ModelDescriptor("anthropic", "claude", priority: 2),
            new ModelDescriptor("openai", "gpt-4o", priority: 3, client: "openai-eu"));
        f.Options.BaseDelay = TimeSpan.Zero;
        return f;
    }

    [Fact]
    public async Task New_priorities_reorder_the_routes_and_the_level_follows_the_new_order()
    {
        var f = Chain();
        var engine = f.Build();
        var options = new FallbackOptions { TimeProvider = f.Time };
        options.Models["anthropic/claude"] = new ModelOptions { Priority = 0 };

        engine.Reconfigure(options);
        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("anthropic", response.Text);
        Assert.Equal(0, response.AdditionalProperties!["fallback.level"]);
        Assert.Equal(0, f["openai"].Calls);
        Assert.Same(options, engine.Options);
        Assert.Equal((0, 0), (engine.Models[1].Priority, engine.Models[1].MaxRetries)); // the status shows what the chain runs with
        Assert.Equal((1, 2), (engine.Models[0].Priority, engine.Models[0].MaxRetries));
    }

    [Fact]
    public async Task Overrides_switch_models_and_change_retries_and_a_client_key_names_its_entry()
    {
        var f = Chain();
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();
        var options = new FallbackOptions { BaseDelay = TimeSpan.Zero, TimeProvider = f.Time };
        options.Models["openai/gpt-4o"] = new ModelOptions { MaxRetries = 0 };
        options.Models["ANTHROPIC/claude"] = new ModelOptions { Enabled = false }; // keys ignore case, as configuration's do
        engine.Reconfigure(options);

        ChatResponse response = await engine.GetResponseAsync(ChainFixture.Prompt());

        Assert.Equal("openai-eu", response.Text);
        Assert.Equal(1, f["openai"].Calls); // no retries any more
        Assert.Equal(0, f["anthropic"].Calls);
        Assert.False(engine.Models[1].Enabled);

        options.Models.Clear();
        options.Models["openai/gpt-4o@openai-eu"] = new ModelOptions { Enabled = false };
        engine.Reconfigure(options);
        Assert.False(engine.Models[2].Enabled);
        Assert.False(engine.Models[1].Enabled); // left as it was: an override that is gone changes nothing
    }

    [Fact]
    public void Invalid_options_or_unknown_model_keys_are_refused_whole_and_the_running_options_stay()
    {
        var f = Chain();
        var engine = f.Build();
        FallbackOptions running = engine.Options;
        var options = new FallbackOptions { MaxDelay = TimeSpan.FromSeconds(-1) };
        options.Models["openai/gpt-4"] = new ModelOptions { MaxRetries = 1 };
        options.Models["anthropic/claude"] = new ModelOptions { MaxRetries = -1, AttemptTimeout = TimeSpan.Zero };

        var ex = Assert.Throws<ArgumentException>(() => engine.Reconfigure(options));

        Assert.Contains("FallbackOptions.MaxDelay is", ex.Message);
        Assert.Contains("FallbackOptions.Models[\"openai/gpt-4\"] names no declared model; the chain declares openai/gpt-4o, anthropic/claude, openai/gpt-4o@openai-eu", ex.Message);
        Assert.Contains("FallbackOptions.Models[\"anthropic/claude\"] has MaxRetries -1; it must be 0 or more", ex.Message);
        Assert.Contains("FallbackOptions.Models[\"anthropic/claude\"].AttemptTimeout is", ex.Message);
        Assert.Same(running, engine.Options);
    }
}

public class DeclaredValuesSurviveReconfigureTests
{
    private sealed class FilterTolerantChain(ChainFixture f)
        : FallbackChainBase("tolerant", f.Models, key => f.Clients[key], f.Options, finalFallback: null, fallBackOnContentFilter: true, requestTimeout: TimeSpan.FromSeconds(40))
    {
    }

    [Fact]
    public void Declared_chain_values_are_kept_when_new_options_leave_them_unset()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o"));
        var chain = new FilterTolerantChain(f);

        chain.Engine.Reconfigure(new FallbackOptions { MaxRetryAfter = TimeSpan.FromSeconds(1) });

        Assert.True(chain.Engine.Options.FallBackOnContentFilter);
        Assert.Equal(TimeSpan.FromSeconds(40), chain.Engine.Options.RequestTimeout); // the declared RequestTimeoutMs, as new options set none
        Assert.Equal(TimeSpan.FromSeconds(1), chain.Engine.Options.MaxRetryAfter);

        chain.Engine.Reconfigure(new FallbackOptions { RequestTimeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(TimeSpan.FromSeconds(5), chain.Engine.Options.RequestTimeout); // set explicitly: it wins
    }
}

public class CooldownCapTests
{
    [Fact]
    public async Task A_cap_below_the_first_cooldown_keeps_the_cooldown_fixed()
    {
        var f = new ChainFixture(new ModelDescriptor("openai", "gpt-4o", priority: 1), new ModelDescriptor("anthropic", "claude", priority: 2));
        f.Options.CircuitBreakerThreshold = 1;
        f.Options.CircuitBreakerCooldown = TimeSpan.FromSeconds(30); // above the default 20 s cap: valid, and it stays 30 s
        f["openai"].Always(Steps.Throw(() => Steps.Status(503)));
        var engine = f.Build();

        await engine.GetResponseAsync(ChainFixture.Prompt());
        f.Time.Advance(TimeSpan.FromSeconds(30));
        await engine.GetResponseAsync(ChainFixture.Prompt()); // the failed trial

        Assert.Equal(f.Time.GetUtcNow().AddSeconds(30), engine.Models[0].OpenUntil);
    }
}
