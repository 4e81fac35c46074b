using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Fallback.Tests.Support;

namespace Fallback.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the analyzers on C# source and a marked-up configuration file (an additional file) and asserts that exactly the
/// marked FB0025 diagnostics are reported in the file: span, line position, severity, and no AD0001.
/// </summary>
public static class ConfigurationVerifier
{
    public const string Id = "FB0025";

    /// <summary>Verifies the marked spans of <paramref name="jsonMarkup"/> (<c>[|...|]</c>) and returns the diagnostics, sorted by position.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> VerifyAsync(string source, string jsonMarkup, string fileName = "appsettings.json")
    {
        var (json, spans) = Markup.Parse(jsonMarkup);
        IReadOnlyList<Diagnostic> actual = await AnalyzeAsync(source, json, fileName);
        var expected = spans.Select(s => s.Span).OrderBy(s => s.Start).ToList();
        string Describe(IEnumerable<TextSpan> items) => string.Join("\n", items.Select(s => $"{s} '{json.Substring(s.Start, s.Length)}'"));
        Assert.True(
            expected.SequenceEqual(actual.Select(d => d.Location.SourceSpan)),
            $"Expected:\n{Describe(expected)}\nActual:\n{Describe(actual.Select(d => d.Location.SourceSpan))}\nMessages:\n{string.Join("\n", actual.Select(d => d.ToString()))}");

        SourceText text = SourceText.From(json);
        foreach (Diagnostic diagnostic in actual)
        {
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
            Assert.Equal("/project/" + fileName, diagnostic.Location.GetLineSpan().Path);
            Assert.Equal(text.Lines.GetLinePositionSpan(diagnostic.Location.SourceSpan), diagnostic.Location.GetLineSpan().Span);
        }

        return actual;
    }

    /// <summary>The FB0025 diagnostics for one configuration file beside <paramref name="source"/>, sorted by position.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source, string json, string fileName = "appsettings.json")
    {
        var compilation = TestCompilation.Create(TestCompilation.Usings + source);
        TestCompilation.AssertCompiles(compilation);
        var files = ImmutableArray.Create<AdditionalText>(new TestAdditionalText("/project/" + fileName, json));
        return (await TestCompilation.AnalyzeAsync(compilation, files)).Where(d => d.Id == Id).OrderBy(d => d.Location.SourceSpan.Start).ToList();
    }
}
