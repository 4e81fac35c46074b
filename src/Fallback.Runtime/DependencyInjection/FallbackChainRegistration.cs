using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fallback;

/// <summary>
/// What the generated <c>AddXxxChain</c> extensions call: registration of a chain as a singleton for its
/// interface, for itself, as a keyed <see cref="IChatClient"/> under its name and as an <see cref="IFallbackChain"/>
/// (plainly and keyed by name). No reflection: the chain is built by the generated factory.
/// </summary>
public static class FallbackChainRegistration
{
    /// <summary>Registers a generated chain.</summary>
    /// <typeparam name="TInterface">The annotated interface.</typeparam>
    /// <typeparam name="TChain">The generated chain class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="chainName">The chain's name: the key of its keyed <see cref="IChatClient"/> registration.</param>
    /// <param name="factory">Builds the chain from the provider and the options.</param>
    /// <param name="configure">Adjusts the options after they are read from the container.</param>
    public static IServiceCollection AddFallbackChain<TInterface, TChain>(
        IServiceCollection services,
        string chainName,
        Func<IServiceProvider, FallbackOptions, TChain> factory,
        Action<FallbackOptions>? configure)
        where TInterface : class
        where TChain : class, TInterface, IChatClient
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(chainName);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(sp => factory(sp, CreateOptions(sp, configure)));
        services.AddSingleton<TInterface>(static sp => sp.GetRequiredService<TChain>());
        services.AddKeyedSingleton<IChatClient>(chainName, static (sp, _) => sp.GetRequiredService<TChain>());

        // Every generated chain is also an IFallbackChain (plainly, and keyed by name): health checks and dashboards find them all.
        if (typeof(IFallbackChain).IsAssignableFrom(typeof(TChain)))
        {
            services.AddSingleton(static sp => (IFallbackChain)sp.GetRequiredService<TChain>());
            services.AddKeyedSingleton(chainName, static (sp, _) => (IFallbackChain)sp.GetRequiredService<TChain>());
        }

        return services;
    }

    /// <summary>
    /// Options for a chain built from a container: its <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/>
    /// when registered, then <paramref name="configure"/>.
    /// </summary>
    public static FallbackOptions CreateOptions(IServiceProvider services, Action<FallbackOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FallbackOptions
        {
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
            LoggerFactory = services.GetService<ILoggerFactory>(),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Resolves model clients as keyed <see cref="IChatClient"/> services, keyed by each model's client key.</summary>
    public static Func<string, IChatClient> KeyedClients(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return key => services.GetRequiredKeyedService<IChatClient>(key);
    }
}
