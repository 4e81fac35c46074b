using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Fallback.Analyzers.Tests;

/// <summary>The shipped table: IDs, severities fixed by the issue, help pages and release tracking.</summary>
public class DescriptorTests
{
    public static TheoryData<string, Microsoft.CodeAnalysis.DiagnosticSeverity> Severities => new()
    {
        { "FB0001", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0002", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0004", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0005", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0006", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0007", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0008", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0009", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0010", Microsoft.CodeAnalysis.DiagnosticSeverity.Info },
        { "FB0011", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0012", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0013", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0014", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0015", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0016", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0017", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0018", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0019", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0020", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0021", Microsoft.CodeAnalysis.DiagnosticSeverity.Info },
        { "FB0022", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0023", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0024", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0025", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning },
        { "FB0026", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
        { "FB0027", Microsoft.CodeAnalysis.DiagnosticSeverity.Error },
    };

    [Theory]
    [MemberData(nameof(Severities))]
    public void Descriptor_HasIssueSeverity_HelpPage_AndReleaseEntry(string id, Microsoft.CodeAnalysis.DiagnosticSeverity severity)
    {
        var descriptor = Infrastructure.TestCompilation.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Single(d => d.Id == id);
        Assert.Equal(severity, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal($"https://github.com/fallback-dotnet/fallback/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);

        string root = Root();
        string page = File.ReadAllText(Path.Combine(root, "docs", "diagnostics", id + ".md"));
        Assert.StartsWith("# " + id + ":", page);
        Assert.Contains("Severity: " + severity, page);
        Assert.Contains("```csharp", page);
        Assert.Matches(new Regex("## Bad"), page);
        Assert.Matches(new Regex("## Good"), page);

        string unshipped = File.ReadAllText(Path.Combine(root, "src", "Fallback.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {severity} |", unshipped);
    }

    [Fact]
    public void EveryShippedDescriptor_IsInTheTable()
    {
        var ids = Infrastructure.TestCompilation.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(i => i).ToArray();
        Assert.Equal(Severities.Select(row => (string)row[0]).OrderBy(i => i).ToArray(), ids);
    }

    [Fact]
    public void EveryFixableId_IsReportedByAnAnalyzer_AndEquivalenceKeysAreUnique()
    {
        var ids = Infrastructure.TestCompilation.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        foreach (var provider in Infrastructure.TestCompilation.AllCodeFixes)
        {
            Assert.All(provider.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(provider.GetFixAllProvider());
        }

        var keys = Infrastructure.TestCompilation.AllCodeFixes
            .SelectMany(p => p.GetType().GetFields().Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!))
            .ToArray();
        Assert.True(keys.Length >= 9);
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fallback.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Fallback.slnx not found");
    }
}
