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
        : base(BuildMessage(chainName, attempts, reason), attempts.Count > 0 ? attempts[attempts.Count - 1].Exception : null)
    {
        ChainName = chainName;
        Attempts = attempts;
    }

    /// <summary>The chain's name.</summary>
    public string ChainName { get; }

    /// <summary>Every attempt, in the order made.</summary>
    public IReadOnlyList<FallbackAttempt> Attempts { get; }

    private static string BuildMessage(string chainName, IReadOnlyList<FallbackAttempt> attempts, string? reason)
    {
        var message = new StringBuilder();
        message.Append("Every model of fallback chain '").Append(chainName).Append("' failed");
        if (reason is not null)
        {
            message.Append(" (").Append(reason).Append(')');
        }

        if (attempts.Count == 0)
        {
            return message.Append(": no model was tried.").ToString();
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

        return message.Append('.').ToString();
    }
}
