using System;

namespace Fallback.Anthropic;

/// <summary>Turns a chain's options to Anthropic's SDK.</summary>
public static class AnthropicFallbackOptionsExtensions
{
    /// <summary>
    /// Registers <see cref="AnthropicFailureClassifier"/> (once) and turns <see cref="FallbackOptions.FlowAttemptContext"/>
    /// on, so <see cref="RetryAfterHandler"/> on the Anthropic client's HttpClient can report <c>Retry-After</c>.
    /// </summary>
    /// <returns>The same options, for chaining.</returns>
    public static FallbackOptions UseAnthropic(this FallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool present = false;
        foreach (IFailureClassifier classifier in options.Classifiers)
        {
            present |= classifier is AnthropicFailureClassifier;
        }

        if (!present)
        {
            options.Classifiers.Add(AnthropicFailureClassifier.Instance);
        }

        options.FlowAttemptContext = true;
        return options;
    }
}
