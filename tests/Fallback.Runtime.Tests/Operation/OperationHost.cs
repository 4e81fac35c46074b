using System;
using System.Collections.Generic;
using System.Linq;
using Fallback.Runtime.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback.Runtime.Tests.Operation;

/// <summary>What a generated chain looks like to the registration helper: an IChatClient over the engine that is also an IFallbackChain.</summary>
public interface ITestChain : IChatClient
{
}

public sealed class TestChain(FallbackEngine engine) : DelegatingChatClient(engine), ITestChain, IFallbackChain
{
    public string Name => engine.Name;

    public IReadOnlyList<ModelStatus> Models => engine.Models;

    public FallbackStats GetStats() => engine.GetStats();

    public void ResetStats() => engine.ResetStats();

    public void DisableModel(string provider, string model) => engine.DisableModel(provider, model);

    public void EnableModel(string provider, string model) => engine.EnableModel(provider, model);
}

/// <summary>A chain no engine backs, whose every member throws: what probing and health checks must survive.</summary>
public sealed class BrokenChain : IChatClient, IFallbackChain
{
    public string Name => "broken";

    public IReadOnlyList<ModelStatus> Models => throw new InvalidOperationException("models unavailable");

    public FallbackStats GetStats() => throw new InvalidOperationException("stats unavailable");

    public void ResetStats() => throw new InvalidOperationException();

    public void DisableModel(string provider, string model) => throw new InvalidOperationException();

    public void EnableModel(string provider, string model) => throw new InvalidOperationException();

    public System.Threading.Tasks.Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        => throw new InvalidOperationException();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        => throw new InvalidOperationException();

    public object? GetService(Type serviceType, object? serviceKey = null) => throw new InvalidOperationException("no services here");

    public void Dispose()
    {
    }
}

public static class OperationHost
{
    /// <summary>A container with the fixture's clock as its TimeProvider and the fixture's engine registered as a chain, the way generated chains are.</summary>
    public static (ServiceCollection Services, TestChain Chain) WithChain(ChainFixture fixture)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(fixture.Time);
        services.AddLogging();
        TestChain chain = new(fixture.Build());
        FallbackChainRegistration.AddFallbackChain<ITestChain, TestChain>(services, chain.Name, (_, _) => chain, configure: null);
        return (services, chain);
    }

    /// <summary>The entries of a health result's data, ordered by key, for exact comparison.</summary>
    public static KeyValuePair<string, object>[] Sorted(IReadOnlyDictionary<string, object> data)
        => data.OrderBy(static e => e.Key, StringComparer.Ordinal).ToArray();

    public static KeyValuePair<string, object> Entry(string key, object value) => new(key, value);
}
