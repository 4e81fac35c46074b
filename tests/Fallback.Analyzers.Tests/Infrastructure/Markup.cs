using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Fallback.Analyzers.Tests.Infrastructure;

/// <summary>A span a test expects a diagnostic on.</summary>
public sealed record ExpectedSpan(string? Id, TextSpan Span);

/// <summary>
/// Test source with markers: <c>[|text|]</c> expects a diagnostic of the test's ID on <c>text</c>;
/// <c>{|FB0002:text|}</c> expects FB0002 there. Markers nest.
/// </summary>
public static class Markup
{
    public static (string Source, List<ExpectedSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        var open = new Stack<(string? Id, int Start, char Closer)>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, text.Length, ']'));
                i++;
            }
            else if (Starts(markup, i, "{|") && markup.IndexOf(':', i) is var colon and > 0 && IsId(markup, i + 2, colon))
            {
                open.Push((markup.Substring(i + 2, colon - i - 2), text.Length, '}'));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && (markup[i + 1] == ']' || markup[i + 1] == '}') && open.Count > 0 && open.Peek().Closer == markup[i + 1])
            {
                var (id, start, _) = open.Pop();
                spans.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, text.Length)));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new ArgumentException("Unclosed marker in test source.");
        }

        return (text.ToString(), spans);
    }

    private static bool Starts(string s, int i, string prefix) => string.CompareOrdinal(s, i, prefix, 0, prefix.Length) == 0;

    private static bool IsId(string s, int start, int end)
    {
        if (end - start < 3 || end - start > 8)
        {
            return false;
        }

        for (int i = start; i < end; i++)
        {
            if (!char.IsLetterOrDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
