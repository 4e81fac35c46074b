using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fallback;

/// <summary>A chain registered with <c>AddXxxChain</c>: what the start-up check builds.</summary>
internal sealed record RegisteredFallbackChain(string Name, Func<IServiceProvider, IFallbackChain> Resolve);

/// <summary>
/// The start-up check: every registered chain is built (its options validated, its model overrides matched against
/// its declared models, every keyed client it needs resolved) and every <c>Fallback:Chains</c> section names a
/// registered chain. Runs when the host starts (through <c>ValidateOnStart</c>), or on demand with
/// <see cref="FallbackChainRegistration.ValidateFallbackChains"/>; reports every problem of every chain at once.
/// </summary>
internal sealed class FallbackStartupCheck(IServiceProvider services, IEnumerable<RegisteredFallbackChain> chains) : IValidateOptions<FallbackStartupCheck.Marker>
{
    /// <summary>The options type whose start-up validation runs the check (it holds nothing).</summary>
    internal sealed class Marker
    {
    }

    public ValidateOptionsResult Validate(string? name, Marker options)
    {
        List<string> problems = Run();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public List<string> Run()
    {
        var problems = new List<string>();
        var names = new List<string>();
        foreach (RegisteredFallbackChain chain in chains)
        {
            names.Add(chain.Name);
            try
            {
                _ = chain.Resolve(services);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OptionsValidationException)
            {
                problems.Add(ex.Message);
            }
        }

        if (services.GetService<IConfiguration>() is { } configuration)
        {
            foreach (IConfigurationSection section in configuration.GetSection(FallbackOptionsConfiguration.ChainsSection).GetChildren())
            {
                if (!names.Exists(n => string.Equals(n, section.Key, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{section.Path} configures no registered chain; the registered chains are {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
                }
            }
        }

        return problems;
    }
}
