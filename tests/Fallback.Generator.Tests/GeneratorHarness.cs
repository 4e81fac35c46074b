using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback.Generator.Tests;

/// <summary>Builds real compilations against .NET 10 reference assemblies and the real runtime, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999)
        .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
        // The SDK's own defaults: unification of System.Runtime 8.0 (the runtime's target) with the 10.0 references.
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        })
        .WithDeterministic(true);

    /// <summary>.NET 10 reference assemblies plus the assemblies generated code needs: the runtime and the abstractions it builds on.</summary>
    public static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Concat(new[]
        {
            typeof(FallbackEngine).Assembly.Location,
            typeof(IChatClient).Assembly.Location,
            typeof(IServiceCollection).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly.Location,
        }.Distinct(StringComparer.Ordinal).Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path)))
        .ToImmutableArray();

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CreateCompilation(sources.Select((source, i) => (source, $"Source{i}.cs")).ToArray());

    public static CSharpCompilation CreateCompilation(params (string Source, string Path)[] sources)
        => CSharpCompilation.Create(
            "Fallback.Generated.Tests",
            sources.Select(static s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, s.Path)),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            new[] { new FallbackGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the compilation with the generated trees added and the run's result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result, GeneratorDriver Driver) Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Assert.Null(result.Results.Single().Exception);
        return (output, result, driver);
    }

    /// <summary>The generated source of a one-chain compilation.</summary>
    public static string GenerateSingle(string source)
    {
        (_, GeneratorDriverRunResult result, _) = Run(CreateCompilation(source));
        GeneratedSourceResult generated = Assert.Single(result.Results.Single().GeneratedSources);
        return generated.SourceText.ToString();
    }

    /// <summary>Every diagnostic at warning level or above, except missing XML docs on the test's own (hand-written) declarations.</summary>
    public static IReadOnlyList<Diagnostic> WarningsAndErrors(Compilation compilation, IEnumerable<SyntaxTree> generatedTrees)
    {
        var generated = new HashSet<SyntaxTree>(generatedTrees);
        return compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .Where(d => !(d.Id == "CS1591" && !generated.Contains(d.Location.SourceTree!)))
            .ToList();
    }
}
