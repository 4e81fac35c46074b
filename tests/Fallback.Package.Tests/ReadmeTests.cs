using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Fallback.Analyzers;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback.Package.Tests;

/// <summary>
/// The README is what a new user copies from: its C# blocks compile as written (all together, as one console
/// app, with the real generator and analyzers, against the runtime and both companions), and its reference
/// tables name every option, attribute property, diagnostic and instrument the code has.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Repository.ReadmePath);

    [Fact]
    public async Task CSharpBlocks_CompileAsWritten_WithTheGeneratorAndNoDiagnostics()
    {
        string[] blocks = CSharpBlock().Matches(Readme).Select(static m => m.Groups["code"].Value).ToArray();
        Assert.True(blocks.Length >= 5, $"expected the README's C# blocks, found {blocks.Length}");

        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeQuickstart",
            blocks.Select((code, i) => CSharpSyntaxTree.ParseText(code, parseOptions, $"README.block{i + 1}.cs")),
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // The SDK's own defaults: unification of System.Runtime 8.0 (the runtime's target) with the 10.0 references.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new FallbackGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Equal(3, driver.GetRunResult().GeneratedTrees.Length); // IContentGenerator, IAnalyst, IRegionalChat

        ImmutableArray<DiagnosticAnalyzer> analyzers =
        [
            new ChainDeclarationAnalyzer(), new ChainModelsAnalyzer(), new ChainNameAnalyzer(), new MisplacedAttributeAnalyzer(),
        ];
        ImmutableArray<Diagnostic> diagnostics = await generated.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();
        Diagnostic[] problems = diagnostics.Where(static d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToArray();
        Assert.True(problems.Length == 0, "README code does not compile cleanly:\n" + string.Join('\n', problems.Select(static d => d.ToString())));
    }

    [Fact]
    public void OptionsTable_NamesEveryFallbackOption()
    {
        foreach (string name in typeof(FallbackOptions).GetProperties().Select(static p => p.Name))
        {
            Assert.Contains($"| `{name}` |", Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AttributeTables_NameEveryAttributeProperty()
    {
        foreach (Type attribute in new[] { typeof(FallbackChainAttribute), typeof(ModelAttribute) })
        {
            foreach (string name in attribute.GetProperties().Select(static p => p.Name).Where(static n => n != nameof(Attribute.TypeId)))
            {
                Assert.Matches($@"\| `{name}`( \(constructor\))? \|", Readme);
            }
        }
    }

    [Fact]
    public void DiagnosticsTable_ListsEveryDiagnostic_WithItsSeverity_AndAnExistingHelpPage()
    {
        DiagnosticDescriptor[] descriptors = new DiagnosticAnalyzer[] { new ChainDeclarationAnalyzer(), new ChainModelsAnalyzer(), new ChainNameAnalyzer(), new MisplacedAttributeAnalyzer() }
            .SelectMany(static a => a.SupportedDiagnostics)
            .DistinctBy(static d => d.Id)
            .ToArray();
        Assert.True(descriptors.Length >= 19);
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            string severity = descriptor.DefaultSeverity switch
            {
                DiagnosticSeverity.Error => "Error",
                DiagnosticSeverity.Warning => "Warning",
                _ => "Info",
            };
            Assert.Contains($"| [{descriptor.Id}](docs/diagnostics/{descriptor.Id}.md) | {severity} |", Readme, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "diagnostics", descriptor.Id + ".md")), $"no help page for {descriptor.Id}");
        }
    }

    [Fact]
    public void TelemetrySection_NamesTheMeterAndEveryInstrument()
    {
        Assert.Contains($"named `\"{FallbackTelemetry.Name}\"`", Readme, StringComparison.Ordinal);
        RuntimeHelpers.RunClassConstructor(typeof(FallbackTelemetry).TypeHandle);
        var instruments = new List<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == FallbackTelemetry.Name)
                {
                    instruments.Add(instrument.Name);
                }
            };
            listener.Start();
        }

        Assert.NotEmpty(instruments);
        foreach (string name in instruments)
        {
            Assert.Contains($"| `{name}` |", Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FailureTable_CoversEveryFailureKind()
    {
        foreach (string kind in Enum.GetNames<FailureKind>())
        {
            Assert.Contains($"| `{kind}` |", Readme, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<MetadataReference> References()
        => Net100.References.All.Cast<MetadataReference>().Concat(new[]
            {
                typeof(FallbackEngine).Assembly,
                typeof(IChatClient).Assembly,
                typeof(ChatClientBuilder).Assembly,
                typeof(IServiceCollection).Assembly,
                typeof(ServiceProvider).Assembly,
                typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly,
                typeof(IHealthChecksBuilder).Assembly,
                typeof(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus).Assembly,
                typeof(Microsoft.Extensions.Hosting.IHostApplicationBuilder).Assembly,
                typeof(Microsoft.Extensions.Hosting.Host).Assembly,
                typeof(Microsoft.Extensions.Hosting.HostApplicationBuilder).Assembly,
                typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
                typeof(System.ClientModel.ApiKeyCredential).Assembly,
                typeof(Fallback.OpenAI.OpenAIChainClient).Assembly,
                typeof(global::OpenAI.OpenAIClientOptions).Assembly,
                typeof(Fallback.Anthropic.AnthropicChainClient).Assembly,
                typeof(global::Anthropic.AnthropicClient).Assembly,
            }
            .Select(static a => a.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(static path => MetadataReference.CreateFromFile(path)));

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
