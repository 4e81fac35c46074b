using System;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Fallback;

/// <summary>Settings of active probing (<see cref="FallbackProbingServiceCollectionExtensions.AddFallbackChainProbing"/>).</summary>
public sealed class FallbackProbingOptions
{
    /// <summary>The longest <see cref="Interval"/> (the timer's limit, about 49 days).</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>How often every chain's models are probed. Default 30 seconds; it must be more than zero.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether models whose circuit is closed are probed too (a request per model per interval, paid for even while
    /// users' requests flow). Default false: only models whose circuit is open or half-open are probed.
    /// </summary>
    public bool ProbeHealthyModels { get; set; }
}

/// <summary>Checks <see cref="FallbackProbingOptions"/> when they are first read (at host start), with a message that says what to fix.</summary>
internal sealed class FallbackProbingOptionsValidator : IValidateOptions<FallbackProbingOptions>
{
    public ValidateOptionsResult Validate(string? name, FallbackProbingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Interval <= TimeSpan.Zero || options.Interval > FallbackProbingOptions.MaxInterval)
        {
            return ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"FallbackProbingOptions.Interval is {options.Interval}; it must be more than zero and at most {FallbackProbingOptions.MaxInterval} (how often unhealthy models are probed)."));
        }

        return ValidateOptionsResult.Success;
    }
}
