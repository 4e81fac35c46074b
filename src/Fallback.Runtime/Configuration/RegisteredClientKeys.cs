using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback;

/// <summary>
/// The keys under which <see cref="IChatClient"/>s are registered, read from the service collection when a key is
/// missing: the container cannot list its keyed services, and a near miss is the likeliest mistake.
/// </summary>
internal sealed class RegisteredClientKeys(IServiceCollection services)
{
    /// <summary>Registered keys that differ from <paramref name="key"/> only in case, or by at most two edits.</summary>
    public List<string> NearMisses(string key)
    {
        var near = new List<string>();
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.IsKeyedService && descriptor.ServiceType == typeof(IChatClient) && descriptor.ServiceKey is string registered
                && !near.Contains(registered) && Distance(registered.ToLowerInvariant(), key.ToLowerInvariant()) <= 2)
            {
                near.Add(registered);
            }
        }

        return near;
    }

    /// <summary>Levenshtein distance: keys are short, so the plain two-row table.</summary>
    private static int Distance(string a, string b)
    {
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>No <see cref="IChatClient"/> is registered under a model's client key.</summary>
internal sealed class ClientKeyNotFoundException(string key, List<string> nearMisses)
    : InvalidOperationException($"No keyed IChatClient is registered under '{key}'" + (nearMisses.Count == 0 ? "." : $"; did you mean {string.Join(" or ", nearMisses.ConvertAll(static k => "'" + k + "'"))}?"))
{
    public string Key => key;
}
