using System;
using System.Globalization;

namespace Fallback;

/// <summary>
/// A streaming response broke after part of it had reached the caller, so the chain could not fall back
/// without repeating output. The caller holds a truncated answer and must treat it as failed.
/// </summary>
public sealed class StreamInterruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamInterruptedException(string chainName, string provider, string model, int updatesDelivered, FailureKind kind, Exception? innerException)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"The stream from {provider}/{model} in fallback chain '{chainName}' was cut ({kind}) after {updatesDelivered} update(s) reached the caller; the response is incomplete."),
            innerException)
    {
        ChainName = chainName;
        Provider = provider;
        Model = model;
        UpdatesDelivered = updatesDelivered;
        Kind = kind;
    }

    /// <summary>The chain's name.</summary>
    public string ChainName { get; }

    /// <summary>The provider of the model whose stream broke.</summary>
    public string Provider { get; }

    /// <summary>The model whose stream broke.</summary>
    public string Model { get; }

    /// <summary>How many updates the caller had received.</summary>
    public int UpdatesDelivered { get; }

    /// <summary>How the stream broke: <see cref="FailureKind.StreamInterrupted"/> when it ended without a finish reason.</summary>
    public FailureKind Kind { get; }
}
