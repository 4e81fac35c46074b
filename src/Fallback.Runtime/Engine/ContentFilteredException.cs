using System;
using System.Globalization;

namespace Fallback;

/// <summary>
/// A model refused the request by its content filter, and the chain does not route around safety rejections
/// (<see cref="FallbackOptions.FallBackOnContentFilter"/> is off): no retry, no next model, no final-fallback
/// answer. The message names the model and the provider's reason code, never prompt text; the provider's own
/// exception is the inner exception.
/// </summary>
public sealed class ContentFilteredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentFilteredException(string chainName, string provider, string model, string? reason, int? statusCode, Exception? innerException)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{provider}/{model} in fallback chain '{chainName}' refused the request by its content filter{(reason is null ? "" : " (" + reason + ")")}; the chain does not route around content filters unless FallBackOnContentFilter is on."),
            innerException)
    {
        ChainName = chainName;
        Provider = provider;
        Model = model;
        Reason = reason;
        StatusCode = statusCode;
    }

    /// <summary>The chain's name.</summary>
    public string ChainName { get; }

    /// <summary>The provider of the model that refused.</summary>
    public string Provider { get; }

    /// <summary>The model that refused.</summary>
    public string Model { get; }

    /// <summary>The provider's reason code, such as <c>content_filter</c> or <c>content_policy_violation</c>; null when it gave none.</summary>
    public string? Reason { get; }

    /// <summary>The HTTP status of the rejection, when there was one.</summary>
    public int? StatusCode { get; }
}
