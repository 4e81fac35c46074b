using System;

namespace Fallback;

/// <summary>
/// Failures after which no model is tried and no final fallback answers: a content-filter rejection, unless the
/// chain routes around them (<see cref="FallbackOptions.FallBackOnContentFilter"/>). Routing around a safety
/// rejection is the caller's explicit choice, as LiteLLM's <c>content_policy_fallbacks</c> is.
/// </summary>
internal static class StopPolicy
{
    /// <summary>The exception that ends the request, or null when the chain goes on.</summary>
    public static Exception? Stops(EngineSettings settings, string chain, ModelDescriptor model, in FailureClassification failure, Exception error)
        => failure.Kind == FailureKind.ContentFiltered && !settings.FallBackOnContentFilter
            ? new ContentFilteredException(chain, model.Provider, model.Model, failure.ErrorCode, failure.StatusCode, error)
            : null;
}
