using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Fallback;

/// <summary>
/// What the generated <c>AddXxxChain</c> extensions call: registration of a chain as a singleton for its
/// interface, for itself, as a keyed <see cref="IChatClient"/> under its name and as an <see cref="IFallbackChain"/>
/// (plainly and keyed by name). Its options are the named <see cref="FallbackOptions"/> of the chain's name, bound
/// from <c>Fallback:Chains:&lt;name&gt;</c> when an <c>IConfiguration</c> is registered and applied to the running
/// chain when they change. No reflection: the chain is built by the generated factory.
/// </summary>
public static class FallbackChainRegistration
{
    /// <summary>Registers a generated chain.</summary>
    /// <typeparam name="TInterface">The annotated interface.</typeparam>
    /// <typeparam name="TChain">The generated chain class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="chainName">The chain's name: the key of its keyed <see cref="IChatClient"/> registration and of its named options.</param>
    /// <param name="factory">Builds the chain from the provider and the options.</param>
    /// <param name="configure">Adjusts the chain's named options in code; configuration, when present, is applied after it.</param>
    /// <returns>The chain's builder: the service collection, and the chain's middleware (<see cref="FallbackChainBuilder.Use(Func{IChatClient, IServiceProvider, IChatClient})"/>).</returns>
    public static FallbackChainBuilder AddFallbackChain<TInterface, TChain>(
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
        AddOptionsServices(services);
        if (configure is not null)
        {
            services.Configure(chainName, configure);
        }

        var builder = new FallbackChainBuilder(services, chainName);
        services.AddSingleton<IOptionsChangeTokenSource<FallbackOptions>>(sp => new ConfigurationChangeTokens(chainName, sp));
        services.AddSingleton(sp => Build(sp, chainName, factory, builder));
        services.AddSingleton<TInterface>(static sp => sp.GetRequiredService<TChain>());
        services.AddKeyedSingleton<IChatClient>(chainName, static (sp, _) => sp.GetRequiredService<TChain>());

        // Every generated chain is also an IFallbackChain (plainly, and keyed by name): health checks and dashboards find them all.
        if (typeof(IFallbackChain).IsAssignableFrom(typeof(TChain)))
        {
            services.AddSingleton(static sp => (IFallbackChain)sp.GetRequiredService<TChain>());
            services.AddKeyedSingleton(chainName, static (sp, _) => (IFallbackChain)sp.GetRequiredService<TChain>());
            services.AddSingleton(new RegisteredFallbackChain(chainName, static sp => (IFallbackChain)sp.GetRequiredService<TChain>()));
        }

        return builder;
    }

    /// <summary>
    /// Builds every registered chain now and checks the <c>Fallback:Chains</c> configuration against them, as the
    /// host does when it starts: for apps without a generic host. Every problem of every chain in one exception.
    /// </summary>
    /// <exception cref="OptionsValidationException">A chain cannot be built, or configuration names what no chain declares.</exception>
    public static void ValidateFallbackChains(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        List<string> problems = services.GetRequiredService<FallbackStartupCheck>().Run();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Fallback", typeof(FallbackOptions), problems);
        }
    }

    /// <summary>
    /// Options for a chain built from a container: its <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/>
    /// when registered, then <paramref name="configure"/>.
    /// </summary>
    public static FallbackOptions CreateOptions(IServiceProvider services, Action<FallbackOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FallbackOptions();
        FallbackOptionsConfiguration.ApplyContainerDefaults(services, options);
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// Resolves model clients as keyed <see cref="IChatClient"/> services, keyed by each model's client key. A key with
    /// no client is reported with the registered keys that nearly match it (another case, a typo).
    /// </summary>
    public static Func<string, IChatClient> KeyedClients(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return key => services.GetKeyedService<IChatClient>(key)
            ?? throw new ClientKeyNotFoundException(key, services.GetService<RegisteredClientKeys>()?.NearMisses(key) ?? []);
    }

    private static void AddOptionsServices(IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<FallbackOptions>, FallbackOptionsConfiguration>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<FallbackOptions>, FallbackOptionsConfiguration>());
        services.TryAddSingleton(new RegisteredClientKeys(services));
        services.TryAddSingleton<ReloadSubscriptions>();
        services.TryAddSingleton<FallbackStartupCheck>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FallbackStartupCheck.Marker>, FallbackStartupCheck>(static sp => sp.GetRequiredService<FallbackStartupCheck>()));
        services.AddOptions<FallbackStartupCheck.Marker>().ValidateOnStart();
    }

    private static TChain Build<TChain>(IServiceProvider services, string chainName, Func<IServiceProvider, FallbackOptions, TChain> factory, FallbackChainBuilder builder)
        where TChain : class, IChatClient
    {
        IOptionsMonitor<FallbackOptions> monitor = services.GetRequiredService<IOptionsMonitor<FallbackOptions>>();
        TChain chain = factory(services, monitor.Get(chainName));
        (chain as FallbackChainBase)?.UseMiddleware(builder, services);
        if (chain.GetService(typeof(FallbackEngine)) is FallbackEngine engine)
        {
            ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger("Fallback.Chain") ?? NullLogger.Instance;
            services.GetRequiredService<ReloadSubscriptions>().Add(monitor.OnChange((options, name) =>
            {
                if (!string.Equals(name, chainName, StringComparison.Ordinal))
                {
                    return;
                }

                try
                {
                    engine.Reconfigure(options);
                }
                catch (ArgumentException ex)
                {
                    Log.ReloadRejected(logger, chainName, ex.Message); // the chain keeps the options it runs with
                }
            }));
        }

        return chain;
    }

    /// <summary>Tells the options monitor when a chain's configuration section changed.</summary>
    private sealed class ConfigurationChangeTokens(string name, IServiceProvider services) : IOptionsChangeTokenSource<FallbackOptions>
    {
        private static readonly IChangeToken s_never = new CancellationChangeToken(System.Threading.CancellationToken.None);

        public string Name => name;

        public IChangeToken GetChangeToken()
            => services.GetService<Microsoft.Extensions.Configuration.IConfiguration>() is { } configuration
                ? configuration.GetReloadToken()
                : s_never;
    }

    /// <summary>The chains' reload subscriptions, ended with the container.</summary>
    private sealed class ReloadSubscriptions : IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void Add(IDisposable? subscription)
        {
            if (subscription is not null)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(subscription);
                }
            }
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(static s => s.Dispose());
                _subscriptions.Clear();
            }
        }
    }
}
