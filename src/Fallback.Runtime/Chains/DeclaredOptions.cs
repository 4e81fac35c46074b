using System;
using System.Collections.Generic;

namespace Fallback;

/// <summary>
/// Applies what a chain's <see cref="FallbackChainAttribute"/> declares to the options it is built with. A declared
/// value is a floor, not a default: <c>FallBackOnContentFilter = true</c> on the chain routes around content filters
/// whatever the options say (options cannot turn a declared <c>true</c> off); left unset, the options decide. The
/// caller's instance is never changed: when a declared value differs from it, the chain runs on a copy, which
/// <see cref="FallbackEngine.Options"/> then returns.
/// A declared <see cref="FallbackChainAttribute.RequestTimeoutMs"/> is a default, not a floor: it applies only when the
/// options leave <see cref="FallbackOptions.RequestTimeout"/> null, so a timeout set in options or configuration wins.
/// </summary>
internal static class DeclaredOptions
{
    /// <summary>
    /// <paramref name="options"/> (or null) when it already agrees with the declaration; otherwise a copy of it (or of
    /// the defaults) with the declared values set.
    /// </summary>
    /// <param name="options">The options the chain is built with; null for the defaults. Not modified.</param>
    /// <param name="fallBackOnContentFilter">The chain's <see cref="FallbackChainAttribute.FallBackOnContentFilter"/>.</param>
    public static FallbackOptions? Apply(FallbackOptions? options, bool fallBackOnContentFilter)
        => Apply(options, fallBackOnContentFilter, requestTimeout: null);

    /// <summary>
    /// <paramref name="options"/> (or null) when it already agrees with the declaration; otherwise a copy of it (or of
    /// the defaults) with the declared values set: <paramref name="fallBackOnContentFilter"/> as a floor,
    /// <paramref name="requestTimeout"/> only where the options leave <see cref="FallbackOptions.RequestTimeout"/> null.
    /// </summary>
    /// <param name="options">The options the chain is built with; null for the defaults. Not modified.</param>
    /// <param name="fallBackOnContentFilter">The chain's <see cref="FallbackChainAttribute.FallBackOnContentFilter"/>.</param>
    /// <param name="requestTimeout">The chain's <see cref="FallbackChainAttribute.RequestTimeoutMs"/>; null when it declares none.</param>
    public static FallbackOptions? Apply(FallbackOptions? options, bool fallBackOnContentFilter, TimeSpan? requestTimeout)
    {
        bool setFilter = fallBackOnContentFilter && options is not { FallBackOnContentFilter: true };
        bool setTimeout = requestTimeout is not null && options?.RequestTimeout is null;
        if (!setFilter && !setTimeout)
        {
            return options;
        }

        FallbackOptions copy = options is null ? new FallbackOptions() : Copy(options);
        copy.FallBackOnContentFilter |= setFilter;
        copy.RequestTimeout ??= requestTimeout;
        return copy;
    }

    /// <summary>
    /// A copy of every setting of <paramref name="source"/> (a new <c>Classifiers</c> list with the same entries).
    /// <c>DeclaredOptionsTests</c> fails when <see cref="FallbackOptions"/> gains a property this does not copy.
    /// </summary>
    internal static FallbackOptions Copy(FallbackOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new FallbackOptions
        {
            BaseDelay = source.BaseDelay,
            MaxDelay = source.MaxDelay,
            JitterFactor = source.JitterFactor,
            MaxRetryAfter = source.MaxRetryAfter,
            AttemptTimeout = source.AttemptTimeout,
            RequestTimeout = source.RequestTimeout,
            FirstTokenTimeout = source.FirstTokenTimeout,
            RetryOnTimeout = source.RetryOnTimeout,
            FallBackOnContentFilter = source.FallBackOnContentFilter,
            StreamRecovery = source.StreamRecovery,
            CircuitBreakerThreshold = source.CircuitBreakerThreshold,
            CircuitBreakerCooldown = source.CircuitBreakerCooldown,
            CircuitBreakerMaxCooldown = source.CircuitBreakerMaxCooldown,
            RequireFinishReason = source.RequireFinishReason,
            StampResponses = source.StampResponses,
            FlowAttemptContext = source.FlowAttemptContext,
            TimeProvider = source.TimeProvider,
            Random = source.Random,
            LoggerFactory = source.LoggerFactory,
        };

        foreach (IFailureClassifier classifier in source.Classifiers)
        {
            copy.Classifiers.Add(classifier);
        }

        foreach (KeyValuePair<string, ModelOptions> model in source.Models)
        {
            copy.Models[model.Key] = model.Value;
        }

        copy.ConfigurationProblems = source.ConfigurationProblems;

        return copy;
    }
}
