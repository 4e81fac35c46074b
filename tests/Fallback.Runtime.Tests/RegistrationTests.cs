using System;
using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fallback.Runtime.Tests;

public class RegistrationTests
{
    private interface IHandWritten : IChatClient
    {
    }

    // What a generated chain looks like to the registration helper.
    private sealed class HandWrittenChain(FallbackEngine engine) : DelegatingChatClient(engine), IHandWritten
    {
        public FallbackEngine Engine => engine;
    }

    [Fact]
    public async Task Chain_is_registered_for_interface_itself_and_keyed_client_with_container_services()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddKeyedChatClient("openai", new ScriptedChatClient("openai", Steps.Reply("from openai")));
        FallbackChainRegistration.AddFallbackChain<IHandWritten, HandWrittenChain>(
            services,
            "hand_written",
            static (sp, options) => new HandWrittenChain(new FallbackEngine("hand_written", [new ModelDescriptor("openai", "gpt-4o")], FallbackChainRegistration.KeyedClients(sp), options)),
            options => options.MaxRetryAfter = TimeSpan.FromSeconds(3));
        using ServiceProvider provider = services.BuildServiceProvider();

        var chain = provider.GetRequiredService<HandWrittenChain>();
        Assert.Same(chain, provider.GetRequiredService<IHandWritten>());
        Assert.Same(chain, provider.GetRequiredKeyedService<IChatClient>("hand_written"));
        Assert.Same(time, chain.Engine.Options.TimeProvider);
        Assert.Equal(TimeSpan.FromSeconds(3), chain.Engine.Options.MaxRetryAfter);
        Assert.Equal("from openai", (await chain.GetResponseAsync("hi")).Text);
    }

    [Fact]
    public void Missing_keyed_client_fails_when_the_chain_is_built_with_a_clear_message()
    {
        var services = new ServiceCollection();
        FallbackChainRegistration.AddFallbackChain<IHandWritten, HandWrittenChain>(
            services,
            "no_clients",
            static (sp, options) => new HandWrittenChain(new FallbackEngine("no_clients", [new ModelDescriptor("anthropic", "claude")], FallbackChainRegistration.KeyedClients(sp), options)),
            null);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IHandWritten>());
        Assert.Contains("client key 'anthropic'", ex.Message);
    }
}
