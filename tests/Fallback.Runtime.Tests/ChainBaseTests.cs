using System.Threading.Tasks;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests;

/// <summary><see cref="FallbackChainBase"/>: the surface every generated chain inherits, here under a hand-written chain.</summary>
public class ChainBaseTests
{
    private static ChainFixture Fixture()
    {
        var f = new ChainFixture(
            new ModelDescriptor("openai", "gpt-4o", priority: 1),
            new ModelDescriptor("anthropic", "claude", priority: 2),
            new ModelDescriptor("google", "gemini", priority: 3));
        f["openai"].Always(Steps.Reply("openai"));
        f["anthropic"].Always(Steps.Reply("anthropic"));
        f["google"].Always(Steps.Reply("google"));
        return f;
    }

    [Fact]
    public async Task The_IChatClient_surface_uses_the_default_route_a_derived_constructor_sets()
    {
        var f = Fixture();
        var chain = new HandWrittenChain(f, defaultRoute: [1, 2]);
        var whole = new HandWrittenChain(Fixture(), defaultRoute: null);

        ChatResponse response = await chain.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
        ChatResponse fromWhole = await whole.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("anthropic/claude", response.GetFallbackInfo()?.Model);
        Assert.Equal("openai/gpt-4o", fromWhole.GetFallbackInfo()?.Model);
        Assert.Equal(0, f["openai"].Calls);
    }

    [Fact]
    public async Task Management_members_and_GetService_answer_from_the_engine_and_the_chain_itself()
    {
        var chain = new HandWrittenChain(Fixture(), defaultRoute: null);
        IFallbackChain managed = chain;

        chain.DisableModel("openai", "gpt-4o");
        ChatResponse response = await chain.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("hand_written", managed.Name);
        Assert.Equal("anthropic/claude", response.GetFallbackInfo()?.Model);
        Assert.False(managed.Models[0].Enabled);
        Assert.Equal(1, managed.GetStats().SuccessfulRequests);
        managed.ResetStats();
        Assert.Equal(0, managed.GetStats().TotalRequests);
        chain.EnableModel("openai", "gpt-4o");
        Assert.True(managed.Models[0].Enabled);

        Assert.Same(chain, chain.GetService(typeof(HandWrittenChain)));
        Assert.Same(chain, chain.GetService(typeof(IFallbackChain)));
        Assert.Same(chain.Engine, chain.GetService(typeof(FallbackEngine)));
        Assert.NotNull(chain.GetService(typeof(ChatClientMetadata)));
        Assert.Null(chain.GetService(typeof(IFallbackChain), serviceKey: "other"));
    }

    private sealed class HandWrittenChain : FallbackChainBase
    {
        public HandWrittenChain(ChainFixture f, int[]? defaultRoute)
            : base("hand_written", f.Models, key => f.Clients[key], f.Options, finalFallback: null)
        {
            if (defaultRoute is not null)
            {
                DefaultRoute = Engine.CreateRoute(defaultRoute);
            }
        }
    }
}
