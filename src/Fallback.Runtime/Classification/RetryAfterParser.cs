using System;
using System.Globalization;

namespace Fallback;

/// <summary>Reads <c>Retry-After</c> (seconds or an HTTP date) and <c>retry-after-ms</c> header values.</summary>
public static class RetryAfterParser
{
    /// <summary>Parses a <c>retry-after-ms</c> value: milliseconds, possibly fractional.</summary>
    public static TimeSpan? ParseMilliseconds(string? value)
    {
        if (value is null || !double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) || ms < 0 || double.IsInfinity(ms))
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>Parses a <c>Retry-After</c> value: delta seconds, or an HTTP date measured from <paramref name="now"/>.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan delta = date - now;
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        return null;
    }
}
