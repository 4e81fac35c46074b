using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Fallback.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies code fixes in an <see cref="AdhocWorkspace"/> as an IDE would (the code action's own clean-up,
/// simplification and formatting included) and compares the exact resulting text.
/// </summary>
public static class CodeFixVerifier
{
    /// <summary>Applies the action <paramref name="equivalenceKey"/> to the first <paramref name="id"/> diagnostic.</summary>
    public static async Task<string> FixOneAsync(string source, string id, string equivalenceKey, bool includeUsings = true)
    {
        var document = CreateDocument(WithUsings(source, includeUsings));
        var diagnostic = (await AnalyzeAsync(document.Project)).First(d => d.Id == id);
        CodeFixProvider provider = ProviderFor(id, equivalenceKey);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        CodeAction chosen = Assert.Single(actions, a => a.EquivalenceKey == equivalenceKey);
        return await ApplyAsync(document, chosen);
    }

    /// <summary>
    /// The equivalence keys of every action any provider offers for the first <paramref name="id"/> diagnostic, compiled
    /// against <paramref name="references"/> (the usual ones when null).
    /// </summary>
    public static async Task<string[]> OfferedAsync(string source, string id, IEnumerable<MetadataReference>? references = null, bool includeUsings = true)
    {
        var document = CreateDocument(WithUsings(source, includeUsings), references);
        var diagnostic = (await AnalyzeAsync(document.Project)).First(d => d.Id == id);
        var actions = new List<CodeAction>();
        foreach (CodeFixProvider provider in TestCompilation.AllCodeFixes.Where(p => p.FixableDiagnosticIds.Contains(id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        }

        return actions.Select(a => a.EquivalenceKey!).ToArray();
    }

    /// <summary>Runs the provider's Fix All on every <paramref name="id"/> diagnostic of the document.</summary>
    public static async Task<string> FixAllAsync(string source, string id, string equivalenceKey, bool includeUsings = true)
    {
        var document = CreateDocument(WithUsings(source, includeUsings));
        CodeFixProvider provider = ProviderFor(id, equivalenceKey);
        FixAllProvider fixAll = provider.GetFixAllProvider()!;
        Assert.NotNull(fixAll);
        var context = new FixAllContext(document, provider, FixAllScope.Document, equivalenceKey, new[] { id }, new ProjectDiagnostics(), CancellationToken.None);
        CodeAction? action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(document, action!);
    }

    /// <summary>
    /// Asserts the fixed text equals <paramref name="expected"/> (usings prepended the same way), that it
    /// compiles without errors, and that the fixed diagnostic is gone.
    /// </summary>
    public static async Task AssertFixedAsync(string actual, string expected, string fixedId, bool includeUsings = true)
    {
        string want = WithUsings(expected, includeUsings).ReplaceLineEndings("\n");
        string got = actual.ReplaceLineEndings("\n");
        Assert.True(want == got, $"The fixed text differs.\n--- expected ---\n{want}\n--- actual ---\n{got}\n---");
        var compilation = TestCompilation.Create(actual);
        TestCompilation.AssertCompiles(compilation);
        var remaining = (await TestCompilation.AnalyzeAsync(compilation)).Where(d => d.Id == fixedId).ToArray();
        Assert.True(remaining.Length == 0, "Still reported after the fix:\n" + string.Join("\n", remaining.Select(d => d.ToString())));
    }

    private static string WithUsings(string source, bool includeUsings) => includeUsings ? TestCompilation.Usings + source : source;

    private static CodeFixProvider ProviderFor(string id, string equivalenceKey)
    {
        // The provider that both fixes the ID and offers the action; its key is unique among all providers.
        var candidates = TestCompilation.AllCodeFixes.Where(p => p.FixableDiagnosticIds.Contains(id)).ToArray();
        Assert.NotEmpty(candidates);
        var owner = candidates.Where(p => p.GetType().GetFields().Any(f => f.IsLiteral && (string?)f.GetRawConstantValue() == equivalenceKey)).ToArray();
        return Assert.Single(owner);
    }

    private static Document CreateDocument(string source, IEnumerable<MetadataReference>? references = null)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            compilationOptions: TestCompilation.CompilationOptions,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: references ?? TestCompilation.References));
        return workspace.AddDocument(project.Id, "Test0.cs", SourceText.From(source));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
        => await TestCompilation.AnalyzeAsync((await project.GetCompilationAsync())!);

    private static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        var changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private sealed class ProjectDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await AnalyzeAsync(document.Project)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => (await AnalyzeAsync(project)).Where(d => !d.Location.IsInSource);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => await AnalyzeAsync(project);
    }
}
