using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Fallback;

/// <summary>
/// Every model of a chain failed (or none was enabled). The message names the models, attempts and failure
/// kinds; it never carries prompt text, provider messages or keys. The attempts keep the exceptions.
/// </summary>
public sealed class AllModelsFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AllModelsFailedException(string chainName, IReadOnlyList<FallbackAttempt> attempts, string? reason = null)
        : this(chainName, attempts, [], reason)
    {
    }

    /// <summary>Creates the exception, naming the models the request passed over and why.</summary>
    public AllModelsFailedException(string chainName, IReadOnlyList<FallbackAttempt> attempts, IReadOnlyList<SkippedModel> skipped, string? reason = null)
        : base(BuildMessage(chainName, attempts, skipped, reason), attempts.Count > 0 ? attempts[attempts.Count - 1].Exception : null)
    {
        ChainName = chainName;
        Attempts = attempts;
        Skipped = skipped;
    }

    /// <summary>The chain's name.</summary>
    public string ChainName { get; }

    /// <summary>Every attempt, in the order made.</summary>
    public IReadOnlyList<FallbackAttempt> Attempts { get; }

    /// <summary>The models of the route the request did not try, in route order, each with the reason.</summary>
    public IReadOnlyList<SkippedModel> Skipped { get; }

    private static string BuildMessage(string chainName, IReadOnlyList<FallbackAttempt> attempts, IReadOnlyList<SkippedModel> skipped, string? reason)
    {
        var message = new StringBuilder();
        message.Append("Every model of fallback chain '").Append(chainName).Append("' failed");
        if (reason is not null)
        {
            message.Append(" (").Append(reason).Append(')');
        }

        if (attempts.Count == 0)
        {
            message.Append(": no model was tried");
            return AppendSkipped(message, skipped).Append('.').ToString();
        }

        message.Append(": ");
        string? current = null;
        foreach (FallbackAttempt attempt in attempts)
        {
            string id = attempt.Client == attempt.Provider
                ? attempt.Provider + "/" + attempt.Model
                : attempt.Provider + "/" + attempt.Model + " via " + attempt.Client;
            if (id != current)
            {
                if (current is not null)
                {
                    message.Append("; ");
                }

                message.Append(id).Append(' ');
                current = id;
            }
            else
            {
                message.Append(", ");
            }

            message.Append('#').Append(attempt.AttemptNumber.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(attempt.Kind);
            if (attempt.StatusCode is { } status)
            {
                message.Append(" (").Append(status.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
        }

        return AppendSkipped(message, skipped).Append('.').ToString();
    }

    private static StringBuilder AppendSkipped(StringBuilder message, IReadOnlyList<SkippedModel> skipped)
    {
        for (int i = 0; i < skipped.Count; i++)
        {
            SkippedModel model = skipped[i];
            message.Append(i == 0 ? "; skipped: " : ", ").Append(model.Provider).Append('/').Append(model.Model);
            if (model.Client != model.Provider)
            {
                message.Append(" via ").Append(model.Client);
            }

            message.Append(" (").Append(model.Reason switch
            {
                SkipReason.Disabled => "disabled",
                SkipReason.ContextWindow => "context window too small",
                SkipReason.CircuitOpen => "circuit open",
                SkipReason.NoPrefill => "no prefill support",
                _ => "not reached",
            }).Append(')');
        }

        return message;
    }
}

/// <summary>A model a request passed over, and why.</summary>
public sealed record SkippedModel(string Provider, string Model, string Client, SkipReason Reason);
