using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fallback.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.AI;

namespace Fallback.Analyzers.Tests.Infrastructure;

/// <summary>Real compilations of test sources against .NET reference assemblies and the Fallback runtime.</summary>
public static class TestCompilation
{
    /// <summary>The usings most test sources need; prepended unless a test opts out.</summary>
    public const string Usings =
        "using System.Collections.Generic;\n" +
        "using System.Threading;\n" +
        "using System.Threading.Tasks;\n" +
        "using Fallback;\n" +
        "using Microsoft.Extensions.AI;\n\n";

    public static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(FallbackChainAttribute).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(IChatClient).Assembly.Location))
        .Concat(new[]
        {
            // Registration code (FB0023, FB0024): DI, Microsoft.Extensions.AI's builder, the provider SDKs and the companions.
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
            typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection),
            typeof(Microsoft.Extensions.Hosting.IHostApplicationBuilder),
            typeof(Microsoft.Extensions.Configuration.IConfiguration),
            typeof(Microsoft.Extensions.Configuration.IConfigurationManager),
            typeof(Microsoft.Extensions.Diagnostics.Metrics.IMetricsBuilder),
            typeof(Microsoft.Extensions.Logging.ILoggingBuilder),
            typeof(ChatClientBuilder),
            typeof(OpenAIClientExtensions),
            typeof(global::OpenAI.OpenAIClient),
            typeof(System.ClientModel.ApiKeyCredential),
            typeof(global::Anthropic.AnthropicClient),
            typeof(global::Fallback.OpenAI.OpenAIChainClient),
            typeof(global::Fallback.Anthropic.AnthropicChainClient),
        }.Select(static t => t.Assembly.Location).Distinct().Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path)))
        .ToImmutableArray();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>Every analyzer the assembly ships, found the way a host finds them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } = typeof(DiagnosticDescriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every code fix provider the fix assembly exports.</summary>
    public static ImmutableArray<CodeFixProvider> AllCodeFixes { get; } = typeof(FallbackCodeFixProvider).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static CSharpCompilation Create(params string[] sources)
        => CSharpCompilation.Create(
            "TestProject",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Test{i}.cs")),
            References,
            CompilationOptions);

    /// <summary>Runs every analyzer over the compilation (concurrently, as hosts do) and returns the FB diagnostics.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, CancellationToken cancellationToken = default)
        => AnalyzeAsync(compilation, ImmutableArray<AdditionalText>.Empty, cancellationToken);

    /// <summary>
    /// Runs every analyzer over the compilation with <paramref name="additionalFiles"/> (a project's AdditionalFiles items)
    /// and returns the FB diagnostics, those in the additional files included.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken = default)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(AllAnalyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        var exceptions = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        Assert.True(exceptions.Length == 0, "An analyzer threw: " + string.Join("\n", exceptions.Select(d => d.GetMessage())));
        return diagnostics.Where(d => d.Id.StartsWith("FB", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Asserts the compiler itself reports no error: test sources are code a user could write.</summary>
    public static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }
}
