using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Fallback.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Fallback.Tests.Support;

namespace Fallback.Analyzers.Tests;

/// <summary>
/// The help pages' examples are real: the bad one compiles and raises its ID, the good one does not. An example whose
/// section also holds a <c>json</c> block (FB0025) passes it to the analyzers as the project's <c>appsettings.json</c>.
/// </summary>
public class DocsExampleTests
{
    public static TheoryData<string> Ids => new(Enumerable.Range(1, 27).Select(i => $"FB{i:0000}"));

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task BadExampleRaisesTheRule_GoodExampleDoesNot(string id)
    {
        string page = File.ReadAllText(Path.Combine(Root(), "docs", "diagnostics", id + ".md"));
        string bad = Example(page, "Bad");
        string good = Example(page, "Good");

        var badCompilation = TestCompilation.Create(bad);
        TestCompilation.AssertCompiles(badCompilation);
        Assert.Contains(await TestCompilation.AnalyzeAsync(badCompilation, Settings(page, "Bad")), d => d.Id == id);

        var goodCompilation = TestCompilation.Create(good);
        TestCompilation.AssertCompiles(goodCompilation);
        Assert.DoesNotContain(await TestCompilation.AnalyzeAsync(goodCompilation, Settings(page, "Good")), d => d.Id == id);
    }

    /// <summary>The section's <c>json</c> block, if it has one, as the project's appsettings.json.</summary>
    private static ImmutableArray<AdditionalText> Settings(string page, string section)
    {
        var match = Regex.Match(page, "## " + section + "\\s+```csharp\\n.*?```\\s+```json\\n(?<json>.*?)```", RegexOptions.Singleline);
        return match.Success
            ? ImmutableArray.Create<AdditionalText>(new TestAdditionalText("/project/appsettings.json", match.Groups["json"].Value))
            : ImmutableArray<AdditionalText>.Empty;
    }

    private static string Example(string page, string section)
    {
        var match = Regex.Match(page, "## " + section + "\\s+```csharp\\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"No '{section}' example.");
        return match.Groups["code"].Value;
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
