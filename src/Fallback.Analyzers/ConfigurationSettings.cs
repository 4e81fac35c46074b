using System;
using System.Collections.Immutable;
using System.Globalization;

namespace Fallback.Analyzers;

/// <summary>How the configuration binder reads a setting's value.</summary>
internal enum SettingType
{
    /// <summary><c>TimeSpan.Parse(value, CultureInfo.InvariantCulture)</c>.</summary>
    TimeSpan,

    /// <summary><c>bool.Parse(value)</c>.</summary>
    Boolean,

    /// <summary><c>int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)</c>.</summary>
    Int32,

    /// <summary><c>double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)</c>.</summary>
    Double,

    /// <summary><c>Enum.Parse&lt;StreamRecovery&gt;(value, ignoreCase: true)</c>.</summary>
    StreamRecovery,

    /// <summary>A section of its own (<c>Models</c>), not a value.</summary>
    Section,
}

/// <summary>The range rule <c>FallbackOptions.Validate</c> applies to a setting, where one value is enough to judge it.</summary>
internal enum SettingRange
{
    None,

    /// <summary>0 to <see cref="ConfigurationSettings.MaxDuration"/>.</summary>
    Duration,

    /// <summary>More than 0, at most <see cref="ConfigurationSettings.MaxDuration"/>.</summary>
    Timeout,

    /// <summary>0 or more.</summary>
    NonNegative,

    /// <summary>0 to 1.</summary>
    Fraction,

    /// <summary>0 (no circuit breaker) or more.</summary>
    Threshold,

    /// <summary>Report, Continue or Buffer.</summary>
    Defined,
}

/// <summary>One key of a chain's section or of a model's.</summary>
internal sealed class ConfigurationSetting
{
    public ConfigurationSetting(string name, SettingType type, SettingRange range, string note = "")
    {
        Name = name;
        Type = type;
        Range = range;
        Note = note;
    }

    public string Name { get; }

    public SettingType Type { get; }

    public SettingRange Range { get; }

    /// <summary>What the run time adds to its range message.</summary>
    public string Note { get; }
}

/// <summary>
/// What the run time accepts in <c>Fallback:Chains:&lt;chain&gt;</c>, stated for the analyzer: the keys of
/// <c>FallbackChainSection.Keys</c> and <c>.ModelKeys</c>, the binder's parsing of each type and the rules of
/// <c>FallbackOptions.Validate</c> that one value decides (a rule between two values, <c>MaxDelay</c> at least
/// <c>BaseDelay</c>, is left to the run time: code or another file may set the other one). The runtime cannot be
/// linked here; a test compares these tables with its own.
/// </summary>
internal static class ConfigurationSettings
{
    /// <summary>The section that holds every chain's configuration.</summary>
    public const string Root = "Fallback";

    public const string Chains = "Chains";

    public const string Models = "Models";

    /// <summary><c>FallbackOptions.MaxDuration</c>: 4,294,967,294 ms, the longest .NET timers take.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>The chain settings (<c>FallbackChainSection.Keys</c>), in its order.</summary>
    public static readonly ImmutableArray<ConfigurationSetting> ChainSettings = ImmutableArray.Create(
        new ConfigurationSetting("BaseDelay", SettingType.TimeSpan, SettingRange.Duration),
        new ConfigurationSetting("MaxDelay", SettingType.TimeSpan, SettingRange.Duration),
        new ConfigurationSetting("JitterFactor", SettingType.Double, SettingRange.Fraction),
        new ConfigurationSetting("MaxRetryAfter", SettingType.TimeSpan, SettingRange.Duration),
        new ConfigurationSetting("AttemptTimeout", SettingType.TimeSpan, SettingRange.Timeout),
        new ConfigurationSetting("RequestTimeout", SettingType.TimeSpan, SettingRange.Timeout),
        new ConfigurationSetting("FirstTokenTimeout", SettingType.TimeSpan, SettingRange.Timeout),
        new ConfigurationSetting("RetryOnTimeout", SettingType.Boolean, SettingRange.None),
        new ConfigurationSetting("FallBackOnContentFilter", SettingType.Boolean, SettingRange.None),
        new ConfigurationSetting("StreamRecovery", SettingType.StreamRecovery, SettingRange.Defined),
        new ConfigurationSetting("CircuitBreakerThreshold", SettingType.Int32, SettingRange.Threshold),
        new ConfigurationSetting("CircuitBreakerCooldown", SettingType.TimeSpan, SettingRange.Duration, "; to take a model out for longer, use IFallbackChain.DisableModel"),
        new ConfigurationSetting("CircuitBreakerMaxCooldown", SettingType.TimeSpan, SettingRange.Duration),
        new ConfigurationSetting("RequireFinishReason", SettingType.Boolean, SettingRange.None),
        new ConfigurationSetting("StampResponses", SettingType.Boolean, SettingRange.None),
        new ConfigurationSetting("FlowAttemptContext", SettingType.Boolean, SettingRange.None),
        new ConfigurationSetting(Models, SettingType.Section, SettingRange.None));

    /// <summary>The model settings (<c>FallbackChainSection.ModelKeys</c>), in its order.</summary>
    public static readonly ImmutableArray<ConfigurationSetting> ModelSettings = ImmutableArray.Create(
        new ConfigurationSetting("Enabled", SettingType.Boolean, SettingRange.None),
        new ConfigurationSetting("Priority", SettingType.Int32, SettingRange.None),
        new ConfigurationSetting("MaxRetries", SettingType.Int32, SettingRange.NonNegative),
        new ConfigurationSetting("AttemptTimeout", SettingType.TimeSpan, SettingRange.Timeout),
        new ConfigurationSetting("FirstTokenTimeout", SettingType.TimeSpan, SettingRange.Timeout));

    private static readonly string[] StreamRecoveryNames = { "Report", "Continue", "Buffer" };

    /// <summary>The setting named <paramref name="key"/>, ignoring case as configuration does; null when there is none.</summary>
    public static ConfigurationSetting? Find(ImmutableArray<ConfigurationSetting> settings, string key)
    {
        foreach (ConfigurationSetting setting in settings)
        {
            if (string.Equals(setting.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return setting;
            }
        }

        return null;
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> for <paramref name="setting"/>, worded after the run time, or null when
    /// it binds and passes validation. Null and empty values bind to nothing (the value from code stays), so they pass.
    /// A value that does not parse is not quoted (the run time does not quote it either); one out of range is. One more
    /// value is reported that the run time takes: a duration written as a bare number of days (<see cref="BareDays"/>).
    /// </summary>
    public static string? Check(ConfigurationSetting setting, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        switch (setting.Type)
        {
            case SettingType.TimeSpan:
                if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan duration))
                {
                    return Unreadable("System.TimeSpan", "durations are written [d.]hh:mm:ss[.fffffff], such as 00:00:05");
                }

                if (BareDays(value!, setting.Note) is { } days)
                {
                    return days;
                }

                return setting.Range switch
                {
                    SettingRange.Duration when duration < TimeSpan.Zero || duration > MaxDuration
                        => $"is {Format(duration)}; it must be between {Format(TimeSpan.Zero)} and {Format(MaxDuration)}{setting.Note}",
                    SettingRange.Timeout when duration <= TimeSpan.Zero || duration > MaxDuration
                        => $"is {Format(duration)}; it must be more than 0 and at most {Format(MaxDuration)}",
                    _ => null,
                };

            case SettingType.Boolean:
                return bool.TryParse(value, out _) ? null : Unreadable("System.Boolean", "write true or false");

            case SettingType.Int32:
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
                {
                    return Unreadable("System.Int32", "write a whole number");
                }

                return setting.Range switch
                {
                    SettingRange.NonNegative when number < 0 => $"is {number.ToString(CultureInfo.InvariantCulture)}; it must be 0 or more",
                    SettingRange.Threshold when number < 0 => $"is {number.ToString(CultureInfo.InvariantCulture)}; it must be 0 (no circuit breaker) or more",
                    _ => null,
                };

            case SettingType.Double:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
                {
                    return Unreadable("System.Double", "write a number such as 0.2");
                }

                return setting.Range == SettingRange.Fraction && !(fraction >= 0 && fraction <= 1)
                    ? $"is {fraction.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 1"
                    : null;

            case SettingType.StreamRecovery:
                if (ParseStreamRecovery(value!) is not { } recovery)
                {
                    return Unreadable("Fallback.StreamRecovery", "the values are Report, Continue and Buffer");
                }

                return recovery < StreamRecoveryNames.Length
                    ? null
                    : $"is {recovery.ToString(CultureInfo.InvariantCulture)}; it must be Report, Continue or Buffer";

            default:
                return null;
        }
    }

    /// <summary>
    /// A duration written as a whole number (a JSON number, or a string of digits; white space around it is allowed):
    /// <c>TimeSpan.Parse</c>, which the binder calls, reads it as that many days, so <c>"AttemptTimeout": 30</c> is 30 days,
    /// which a timeout takes without complaint. What to write instead, or null for anything else (0 is the same in every
    /// unit; a decimal point, an exponent or a plus sign does not parse at all and is reported as unreadable; a minus sign
    /// makes a negative duration, reported as out of range). Where the days are out of range the message ends with
    /// <paramref name="note"/> (the setting's <see cref="ConfigurationSetting.Note"/>), and where the number is out of range
    /// as seconds too (4,294,968 and more), no duration is suggested.
    /// </summary>
    internal static string? BareDays(string value, string note = "")
    {
        string text = value.Trim();
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        // TimeSpan.Parse takes at most 10,675,199 days (TimeSpan.MaxValue); a larger number is unreadable, not days.
        if (text.Length == 0 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number == 0 || number > TimeSpan.MaxValue.Days)
        {
            return null;
        }

        string n = number.ToString(CultureInfo.InvariantCulture);
        string seconds = TimeSpan.FromSeconds(number).ToString("c", CultureInfo.InvariantCulture);
        string days = n + (number == 1 ? " day" : " days");
        string forSeconds = $"write \"{seconds}\" for {n} {(number == 1 ? "second" : "seconds")}";
        string tooLong = $"is read as {days}, more than the {Format(MaxDuration)} the run time accepts";
        return number <= MaxDuration.TotalDays
            ? $"is read as {days}; {forSeconds}, or \"{n}.00:00:00\" if you mean days"
            : number <= MaxDuration.TotalSeconds
                ? $"{tooLong}; {forSeconds}{note}"
                : $"{tooLong}; as {n} seconds it would be out of range too{note}";
    }

    /// <summary>
    /// <c>Enum.Parse&lt;StreamRecovery&gt;(value, ignoreCase: true)</c> for the byte enum: a number in the byte's range
    /// (defined or not: <c>Validate</c> judges that), or names separated by commas, OR-ed; null when it throws.
    /// </summary>
    internal static int? ParseStreamRecovery(string value)
    {
        string text = value.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (char.IsDigit(text[0]) || text[0] is '-' or '+')
        {
            return byte.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out byte number) ? number : null;
        }

        int result = 0;
        foreach (string part in text.Split(','))
        {
            int index = Array.FindIndex(StreamRecoveryNames, name => string.Equals(name, part.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            result |= index;
        }

        return result;
    }

    private static string Unreadable(string type, string hint) => $"could not be read as {type}; {hint}";

    // "00:00:00.5000000 (500 ms)": as FallbackOptions prints a duration in its messages.
    private static string Format(TimeSpan value)
        => string.Format(CultureInfo.InvariantCulture, "{0:c} ({1:0.###} ms)", value, value.TotalMilliseconds);
}
