using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Fallback.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the analyzers on marked-up source and asserts that exactly the marked diagnostics of the IDs under
/// test are reported: ID, severity (the descriptor's, as shipped) and span. Other IDs are ignored so that
/// a test states only what it is about.
/// </summary>
public static class AnalyzerVerifier
{
    public static async Task<IReadOnlyList<Diagnostic>> VerifyAsync(string markup, params string[] ids)
        => await VerifyAsync(markup, includeUsings: true, ids);

    public static async Task<IReadOnlyList<Diagnostic>> VerifyAsync(string markup, bool includeUsings, params string[] ids)
    {
        Assert.NotEmpty(ids);
        var (source, spans) = Markup.Parse((includeUsings ? TestCompilation.Usings : string.Empty) + markup);
        var compilation = TestCompilation.Create(source);
        TestCompilation.AssertCompiles(compilation);
        var actual = (await TestCompilation.AnalyzeAsync(compilation)).Where(d => ids.Contains(d.Id)).ToList();

        var expected = spans.Select(s => (Id: s.Id ?? ids[0], s.Span)).OrderBy(e => e.Span.Start).ThenBy(e => e.Id).ToList();
        string Describe(IEnumerable<(string Id, Microsoft.CodeAnalysis.Text.TextSpan Span)> items)
            => string.Join("\n", items.Select(i => $"{i.Id} at {i.Span} '{source.Substring(i.Span.Start, i.Span.Length)}'"));
        var actualPairs = actual.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        Assert.True(
            expected.SequenceEqual(actualPairs),
            $"Expected:\n{Describe(expected)}\nActual:\n{Describe(actualPairs)}\nMessages:\n{string.Join("\n", actual.Select(d => d.ToString()))}");

        var descriptors = TestCompilation.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).ToDictionary(d => d.Id);
        foreach (Diagnostic diagnostic in actual)
        {
            // The descriptor's severity, except the rules with an Info case (FB0020's model newer than the catalogue, FB0022's
            // unbounded chain), reported at Info through the diagnostic's effective severity (their tests say when).
            bool infoCase = diagnostic.Id is "FB0020" or "FB0022" && diagnostic.Severity == DiagnosticSeverity.Info;
            Assert.Equal(infoCase ? DiagnosticSeverity.Info : descriptors[diagnostic.Id].DefaultSeverity, diagnostic.Severity);
            Assert.True(diagnostic.Location.IsInSource);
        }

        return actual;
    }
}
