using System.Collections.Generic;
using System.Linq;

namespace Fallback.Generator.Tests;

public sealed class SnapshotTests
{
    public static TheoryData<string> CaseNames => new(Cases.Sources.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_source_matches_the_golden_file(string name)
    {
        string generated = GeneratorHarness.GenerateSingle(Cases.Sources[name]);

        Snapshot.Verify(name, generated);
    }

    [Fact]
    public void Every_golden_file_belongs_to_a_case()
    {
        IEnumerable<string> verified = System.IO.Directory.GetFiles(Snapshot.Directory, "*.verified.cs")
            .Select(static path => System.IO.Path.GetFileName(path)[..^".verified.cs".Length]);

        Assert.Equal(Cases.Sources.Keys.OrderBy(static k => k, System.StringComparer.Ordinal), verified.OrderBy(static k => k, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Output_is_deterministic_and_uses_lf_line_endings()
    {
        string source = Cases.Sources["MethodLevelModels"];

        string first = GeneratorHarness.GenerateSingle(source);
        string second = GeneratorHarness.GenerateSingle(source);

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first, System.StringComparison.Ordinal);
    }
}
