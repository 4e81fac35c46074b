using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Fallback.Benchmarks;

/// <summary>
/// The generator itself, driven in-process with <see cref="CSharpGeneratorDriver"/> as the compiler and the IDE
/// drive it: a first run over 200 chain interfaces (one file each, plus one unrelated file and the project's
/// fallback.models.json, so the model catalogue is loaded and fills every table), and an incremental
/// run after an edit to the unrelated file. Source files are parsed once in the setup. The first run builds a new
/// compilation each time, so it pays for binding the references and the 200 interfaces as a cold build does. The
/// incremental run gets what the compiler server and the IDE give a generator after an edit: the previous compilation
/// with one tree replaced (referenced assemblies' symbols reused, the edited compilation's semantic models new).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int ChainCount = 200;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable);

    private ImmutableArray<MetadataReference> _references;
    private SyntaxTree[] _trees = null!;
    private SyntaxTree _unrelated = null!;
    private SourceText[] _edits = null!;
    private CSharpCompilation _baseline = null!;
    private GeneratorDriver _warmDriver = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _references = Net100.References.All
            .Cast<MetadataReference>()
            .Concat(new[]
            {
                typeof(FallbackEngine).Assembly.Location,
                typeof(IChatClient).Assembly.Location,
                typeof(IServiceCollection).Assembly.Location,
                typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly.Location,
            }.Distinct(StringComparer.Ordinal).Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path)))
            .ToImmutableArray();

        var trees = new List<SyntaxTree>(ChainCount + 1);
        for (int i = 0; i < ChainCount; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(ChainSource(i), ParseOptions, $"Chains/IChain{i:000}.cs"));
        }

        _unrelated = CSharpSyntaxTree.ParseText(UnrelatedSource(0), ParseOptions, "Unrelated.cs");
        trees.Add(_unrelated);
        _trees = [.. trees];
        _edits = [SourceText.From(UnrelatedSource(1)), SourceText.From(UnrelatedSource(2))];

        // A broken generator must not look fast: the first run implements all 200 chains, with no error anywhere, and fills
        // their tables from the catalogue: the pinned one, and the project's file for the model only it knows.
        GeneratorDriver tracked = CreateDriver(track: true).RunGeneratorsAndUpdateCompilation(NewCompilation(), out Compilation output, out _);
        GeneratorRunResult first = tracked.GetRunResult().Results.Single();
        Workload.Check(first.Exception is null && first.GeneratedSources.Length == ChainCount, $"the generator produced {first.GeneratedSources.Length} sources, expected {ChainCount}.");
        string sample = first.GeneratedSources[0].SourceText.ToString();
        Workload.Check(
            sample.Contains("\"gpt-4o\", priority: 1, maxRetries: 2, contextWindow: 128000", StringComparison.Ordinal)
            && sample.Contains("\"house-model\", priority: 4, contextWindow: 64000", StringComparison.Ordinal),
            "the generated tables are not filled from the catalogue and the project's fallback.models.json.");
        Diagnostic[] errors = output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Workload.Check(errors.Length == 0, "the generated chains do not compile: " + string.Join("; ", errors.Take(3)));

        // ...and the incremental run after the unrelated edit writes nothing again.
        _baseline = NewCompilation();
        tracked = CreateDriver(track: true).RunGenerators(_baseline);
        GeneratorRunResult second = tracked.RunGenerators(Edited()).GetRunResult().Results.Single();
        Workload.Check(second.GeneratedSources.Length == ChainCount, "the incremental run lost sources.");
        Workload.Check(
            second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs).All(static o => o.Reason == IncrementalStepRunReason.Cached),
            "the incremental run after an unrelated edit regenerated a chain.");

        _baseline = NewCompilation();
        _warmDriver = CreateDriver(track: false).RunGenerators(_baseline);
    }

    /// <summary>A first run: a new driver over a new compilation of 200 chain interfaces.</summary>
    [Benchmark(Description = "Generate 200 chains")]
    public GeneratorDriver Generate() => CreateDriver(track: false).RunGenerators(NewCompilation());

    /// <summary>The warm driver (it has seen the 200 chains) runs on the previous compilation with the unrelated file edited.</summary>
    [Benchmark(Description = "Incremental, unrelated edit")]
    public GeneratorDriver Incremental() => _warmDriver.RunGenerators(Edited());

    private CSharpCompilation NewCompilation() => CSharpCompilation.Create("Fallback.Bench.Generated", _trees, _references, CompilationOptions);

    private CSharpCompilation Edited()
    {
        SourceText text = _edits[_edit++ & 1];
        return _baseline.ReplaceSyntaxTree(_unrelated, _unrelated.WithChangedText(text));
    }

    private static GeneratorDriver CreateDriver(bool track)
        => CSharpGeneratorDriver.Create(
            new[] { new FallbackGenerator().AsSourceGenerator() },
            additionalTexts: new[] { new CatalogueText() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private static string ChainSource(int i) => $$"""
        using System.Collections.Generic;
        using Fallback;
        using Microsoft.Extensions.AI;

        namespace Bench.Scenario{{i / 20:00}}
        {
            [FallbackChain("scenario_{{i:000}}")]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 3)]
            [Model("house", "house-model", Priority = 4)]
            public partial interface IChain{{i:000}} : IChatClient
            {
                [FinalFallback]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new(new ChatMessage(ChatRole.Assistant, "busy"));
            }
        }
        """;

    private static string UnrelatedSource(int version) => $$"""
        namespace Bench.Unrelated
        {
            public sealed class Clock
            {
                public int Now => {{version}};
            }
        }
        """;

    /// <summary>The project's fallback.models.json, as the build passes it: one model of its own and a few corrections.</summary>
    private sealed class CatalogueText : AdditionalText
    {
        private static readonly SourceText Text = SourceText.From("""
            {
              "models": {
                "house/house-model": { "contextWindow": 64000, "maxOutputTokens": 8000, "inputPricePerMillionTokens": 0.2, "outputPricePerMillionTokens": 0.8 },
                "openai/gpt-9": { "contextWindow": 2000000 },
                "anthropic/claude-next": { "contextWindow": 1000000, "supportsPrefill": true }
              }
            }
            """);

        public override string Path => "/bench/fallback.models.json";

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => Text;
    }
}
