using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback;

/// <summary>
/// What <c>AddXxxChain</c> returns: the service collection (so registrations chain on as before) and the chain's
/// middleware. Middleware added with <c>Use</c> wraps the chain however it is resolved (its interface, its class,
/// its keyed <see cref="IChatClient"/>) and its typed members too: put function invocation, caching, logging and
/// OpenTelemetry here, around the chain, never inside a model's client. Any Microsoft.Extensions.AI
/// <c>ChatClientBuilder</c> pipeline plugs in as one step: <c>.Use((inner, sp) => inner.AsBuilder().UseLogging().Build(sp))</c>.
/// </summary>
public sealed class FallbackChainBuilder : IServiceCollection
{
    private readonly IServiceCollection _services;
    private readonly List<Func<IChatClient, IServiceProvider, IChatClient>> _middleware = [];

    internal FallbackChainBuilder(IServiceCollection services, string name)
    {
        _services = services;
        Name = name;
    }

    /// <summary>The chain's name.</summary>
    public string Name { get; }

    /// <summary>The service collection the chain is registered in.</summary>
    public IServiceCollection Services => _services;

    /// <summary>Adds middleware around the chain. The first added is the outermost, as in <c>ChatClientBuilder</c>.</summary>
    /// <returns>This builder, for chaining.</returns>
    public FallbackChainBuilder Use(Func<IChatClient, IServiceProvider, IChatClient> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Adds middleware around the chain. The first added is the outermost.</summary>
    public FallbackChainBuilder Use(Func<IChatClient, IChatClient> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        return Use((inner, _) => middleware(inner));
    }

    /// <summary>The pipeline over <paramref name="chain"/>, or null when no middleware was added.</summary>
    internal IChatClient? BuildPipeline(IChatClient chain, IServiceProvider services)
    {
        if (_middleware.Count == 0)
        {
            return null;
        }

        IChatClient pipeline = chain;
        for (int i = _middleware.Count - 1; i >= 0; i--)
        {
            pipeline = _middleware[i](pipeline, services)
                ?? throw new InvalidOperationException($"Middleware {i} of fallback chain '{Name}' returned null.");
        }

        return pipeline;
    }

    /// <inheritdoc />
    public ServiceDescriptor this[int index] { get => _services[index]; set => _services[index] = value; }

    /// <inheritdoc />
    public int Count => _services.Count;

    /// <inheritdoc />
    public bool IsReadOnly => _services.IsReadOnly;

    /// <inheritdoc />
    public void Add(ServiceDescriptor item) => _services.Add(item);

    /// <inheritdoc />
    public void Clear() => _services.Clear();

    /// <inheritdoc />
    public bool Contains(ServiceDescriptor item) => _services.Contains(item);

    /// <inheritdoc />
    public void CopyTo(ServiceDescriptor[] array, int arrayIndex) => _services.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<ServiceDescriptor> GetEnumerator() => _services.GetEnumerator();

    /// <inheritdoc />
    public int IndexOf(ServiceDescriptor item) => _services.IndexOf(item);

    /// <inheritdoc />
    public void Insert(int index, ServiceDescriptor item) => _services.Insert(index, item);

    /// <inheritdoc />
    public bool Remove(ServiceDescriptor item) => _services.Remove(item);

    /// <inheritdoc />
    public void RemoveAt(int index) => _services.RemoveAt(index);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
