// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): the one measure behind every "did you mean".
using System;

namespace Fallback.SourceGeneration;

/// <summary>How far apart two names are, for suggesting the one meant.</summary>
internal static class EditDistance
{
    /// <summary>
    /// The edits (insert, delete, replace, swap of two neighbours) that turn <paramref name="a"/> into <paramref name="b"/>,
    /// case ignored: optimal string alignment. Names are short, so the full table.
    /// </summary>
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
