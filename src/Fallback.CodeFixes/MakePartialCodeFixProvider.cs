using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Fallback.CodeFixes;

/// <summary>FB0001 and FB0012: adds <c>partial</c> to the chain interface or to the type that contains it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
[Shared]
public sealed class MakePartialCodeFixProvider : FallbackCodeFixProvider
{
    public const string EquivalenceKey = "Fallback.MakePartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.Ids.InterfaceNotPartial,
        DiagnosticDescriptors.Ids.ContainingTypeNotPartial);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        if (node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
        {
            yield return new FixAction("Make '" + declaration.Identifier.ValueText + "' partial", EquivalenceKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        var declaration = node.FirstAncestorOrSelf<TypeDeclarationSyntax>()!;
        if (handled.Add(declaration))
        {
            editor.ReplaceNode(declaration, (current, _) => FixSyntax.AddPartial((TypeDeclarationSyntax)current));
        }

        return Task.CompletedTask;
    }
}
