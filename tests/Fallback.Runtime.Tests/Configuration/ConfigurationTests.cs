using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Operation;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fallback.Runtime.Tests.Configuration;

public class ConfigurationTests
{
    private static readonly ModelDescriptor[] s_models =
    [
        new("openai", "gpt-4o", priority: 1, maxRetries: 2),
        new("anthropic", "claude", priority: 2),
    ];

    private static (ServiceCollection Services, IConfigurationRoot Configuration) Host(Dictionary<string, string?> settings, bool clients = true)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (clients)
        {
            services.AddKeyedChatClient("openai", new ScriptedChatClient("openai"));
            services.AddKeyedChatClient("anthropic", new ScriptedChatClient("anthropic"));
        }

        FallbackChainRegistration.AddFallbackChain<ITestChain, TestChain>(
            services,
            "writing",
            static (sp, options) => new TestChain(new FallbackEngine("writing", s_models, FallbackChainRegistration.KeyedClients(sp), options)),
            options => options.MaxRetryAfter = TimeSpan.FromSeconds(3));
        return (services, configuration);
    }

    [Fact]
    public void The_chain_section_binds_onto_the_named_options_over_code_and_Configure_by_name_is_honoured()
    {
        (ServiceCollection services, _) = Host(new()
        {
            ["Fallback:Chains:writing:MaxRetryAfter"] = "00:00:07",
            ["Fallback:Chains:writing:StreamRecovery"] = "Buffer",
            ["Fallback:Chains:writing:Models:openai/gpt-4o:MaxRetries"] = "0",
            ["Fallback:Chains:writing:Models:anthropic/claude:Enabled"] = "false",
        });
        services.Configure<FallbackOptions>("writing", o => o.JitterFactor = 0.1);
        using ServiceProvider provider = services.BuildServiceProvider();

        var chain = provider.GetRequiredService<TestChain>();
        FallbackOptions options = ((FallbackEngine)chain.GetService(typeof(FallbackEngine))!).Options;

        Assert.Equal(TimeSpan.FromSeconds(7), options.MaxRetryAfter); // configuration over the code in AddXxxChain
        Assert.Equal(0.1, options.JitterFactor);
        Assert.Equal(StreamRecovery.Buffer, options.StreamRecovery);
        Assert.Equal(0, options.Models["openai/gpt-4o"].MaxRetries);
        Assert.False(chain.Models[1].Enabled);
        Assert.Same(chain, provider.GetRequiredKeyedService<IFallbackChain>("writing"));
        Assert.Same(chain, Assert.Single(provider.GetServices<IFallbackChain>()));
    }

    [Fact]
    public async Task A_change_in_configuration_applies_to_the_running_chain_without_a_restart()
    {
        (ServiceCollection services, IConfigurationRoot configuration) = Host(new());
        using ServiceProvider provider = services.BuildServiceProvider();
        var chain = provider.GetRequiredService<ITestChain>();
        Assert.Equal("openai", (await chain.GetResponseAsync("hi")).Text);

        configuration["Fallback:Chains:writing:Models:anthropic/claude:Priority"] = "0";
        configuration.Reload();

        ChatResponse response = await chain.GetResponseAsync("hi");
        Assert.Equal("anthropic", response.Text);
        Assert.Equal(0, response.AdditionalProperties!["fallback.level"]);

        // A bad value is refused whole: the chain keeps running on what it had.
        configuration["Fallback:Chains:writing:Models:anthropic/claude:Priority"] = "5";
        configuration["Fallback:Chains:writing:MaxDelay"] = "-00:00:01";
        configuration.Reload();
        Assert.Equal("anthropic", (await chain.GetResponseAsync("hi")).Text);
    }

    [Fact]
    public void Every_configuration_and_registration_problem_is_reported_at_once_at_start()
    {
        (ServiceCollection services, _) = Host(new()
        {
            ["Fallback:Chains:writing:MaxRetrys"] = "1",
            ["Fallback:Chains:writing:BaseDelay"] = "soon",
            ["Fallback:Chains:writing:Models:openai/gpt-4:MaxRetries"] = "1",
            ["Fallback:Chains:writng:MaxRetryAfter"] = "00:00:01",
        }, clients: false);
        services.AddKeyedChatClient("OpenAI", new ScriptedChatClient("openai"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.ValidateFallbackChains);

        string message = string.Join("\n", ex.Failures);
        Assert.Contains("Fallback:Chains:writing:MaxRetrys is not a FallbackOptions setting", message);
        Assert.Contains("Fallback:Chains:writing:BaseDelay", message);
        Assert.Contains("FallbackOptions.Models[\"openai/gpt-4\"] names no declared model; the chain declares openai/gpt-4o, anthropic/claude", message);
        Assert.Contains("Fallback:Chains:writng configures no registered chain; the registered chains are writing.", message);
        Assert.DoesNotContain("soon", message); // values are not echoed: they may be secrets

        // With the options fixed, the missing client is named, with the near miss.
        (services, _) = Host(new(), clients: false);
        services.AddKeyedChatClient("OpenAI", new ScriptedChatClient("openai"));
        services.AddKeyedChatClient("anthropic", new ScriptedChatClient("anthropic"));
        using ServiceProvider second = services.BuildServiceProvider();
        var missing = Assert.Throws<OptionsValidationException>(second.ValidateFallbackChains);
        Assert.Contains("client key 'openai'", missing.Message);
        Assert.Contains("did you mean 'OpenAI'?", missing.Message);
    }

    [Fact]
    public void The_host_runs_the_same_check_when_it_starts()
    {
        (ServiceCollection services, _) = Host(new() { ["Fallback:Chains:other:BaseDelay"] = "00:00:01" });
        using ServiceProvider provider = services.BuildServiceProvider();

        // What Host.StartAsync calls: every ValidateOnStart registration, ours included.
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Fallback:Chains:other configures no registered chain", ex.Message);
    }
}
