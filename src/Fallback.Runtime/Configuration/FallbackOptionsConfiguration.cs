using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fallback;

/// <summary>
/// Where a chain's named <see cref="FallbackOptions"/> come from, in order: the container's <see cref="TimeProvider"/>
/// and <see cref="ILoggerFactory"/> (defaults), the code given to <c>AddXxxChain</c>, then the configuration section
/// <c>Fallback:Chains:&lt;chain name&gt;</c> when an <see cref="IConfiguration"/> is registered: configuration wins,
/// so operators change a running app without recompiling it.
/// </summary>
internal sealed class FallbackOptionsConfiguration(IServiceProvider services) : IConfigureNamedOptions<FallbackOptions>, IPostConfigureOptions<FallbackOptions>
{
    /// <summary>The section that holds every chain's configuration.</summary>
    public const string ChainsSection = "Fallback:Chains";

    public void Configure(FallbackOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, FallbackOptions options) => ApplyContainerDefaults(services, options);

    /// <summary>The container's <see cref="TimeProvider"/> (else the system clock) and <see cref="ILoggerFactory"/>.</summary>
    public static void ApplyContainerDefaults(IServiceProvider services, FallbackOptions options)
    {
        options.TimeProvider = (TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System;
        options.LoggerFactory = (ILoggerFactory?)services.GetService(typeof(ILoggerFactory));
    }

    public void PostConfigure(string? name, FallbackOptions options)
    {
        if (string.IsNullOrEmpty(name) || services.GetService(typeof(IConfiguration)) is not IConfiguration configuration)
        {
            return;
        }

        IConfigurationSection section = configuration.GetSection(ChainsSection).GetSection(name);
        if (!section.Exists())
        {
            return;
        }

        List<string>? problems = UnknownKeys(section);
        var bound = new FallbackChainSection();
        var models = new Dictionary<string, ModelOptions>(StringComparer.OrdinalIgnoreCase);
        Bind(() => section.Bind(bound), section, ref problems);
        Bind(() => section.GetSection(FallbackChainSection.ModelsKey).Bind(models), section, ref problems);
        bound.ApplyTo(options, models); // what did bind; a problem fails validation anyway

        if (problems is not null)
        {
            options.ConfigurationProblems = problems;
        }
    }

    private static void Bind(Action bind, IConfigurationSection section, ref List<string>? problems)
    {
        try
        {
            bind();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message quotes the value, which may be a secret: keep only where it was and what it should be.
            Match where = Regex.Match(ex.Message, "at '(?<path>[^']*)' to type '(?<type>[^']*)'");
            (problems ??= []).Add(where.Success
                ? $"{where.Groups["path"].Value} could not be read as {where.Groups["type"].Value}"
                : $"{section.Path} holds a value that could not be read as its setting's type");
        }
    }

    /// <summary>Keys the section holds that no option has: a typo must not be ignored in silence.</summary>
    private static List<string>? UnknownKeys(IConfigurationSection section)
    {
        List<string>? problems = null;
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!Array.Exists(FallbackChainSection.Keys, key => string.Equals(key, child.Key, StringComparison.OrdinalIgnoreCase)))
            {
                (problems ??= []).Add($"{child.Path} is not a FallbackOptions setting; the settings are {string.Join(", ", FallbackChainSection.Keys)}");
            }
        }

        foreach (IConfigurationSection model in section.GetSection(FallbackChainSection.ModelsKey).GetChildren())
        {
            foreach (IConfigurationSection child in model.GetChildren())
            {
                if (!Array.Exists(FallbackChainSection.ModelKeys, key => string.Equals(key, child.Key, StringComparison.OrdinalIgnoreCase)))
                {
                    (problems ??= []).Add($"{child.Path} is not a model setting; the settings are {string.Join(", ", FallbackChainSection.ModelKeys)}");
                }
            }
        }

        return problems;
    }
}
