using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fallback;

/// <summary>Opt-in active probing of fallback chains.</summary>
public static class FallbackProbingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FallbackProbingService"/> as a hosted service (and as itself): every
    /// <see cref="FallbackProbingOptions.Interval"/>, one minimal request to each model of each registered chain whose
    /// circuit is not closed, outside user traffic, so a recovered model is found without spending a user's request.
    /// The interval runs on the container's <see cref="TimeProvider"/> when one is registered. The options are
    /// validated when the host starts. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options; null for the defaults.</param>
    public static IServiceCollection AddFallbackChainProbing(this IServiceCollection services, Action<FallbackProbingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<FallbackProbingOptions> options = services.AddOptions<FallbackProbingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FallbackProbingOptions>, FallbackProbingOptionsValidator>(static _ => new FallbackProbingOptionsValidator()));
        services.TryAddSingleton(static sp => new FallbackProbingService(
            sp,
            sp.GetRequiredService<IOptions<FallbackProbingOptions>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        services.AddHostedService(static sp => sp.GetRequiredService<FallbackProbingService>());
        return services;
    }
}
