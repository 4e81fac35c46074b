using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Analyzers;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Fallback.CodeFixes;

/// <summary>
/// FB0002: gives the <c>[Model]</c>s of the declaration that holds the tie (the interface, or one member's
/// own list) priorities 1, 2, 3, ... in declaration order, which is the order the chain already used.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenumberPrioritiesCodeFixProvider))]
[Shared]
public sealed class RenumberPrioritiesCodeFixProvider : FallbackCodeFixProvider
{
    public const string EquivalenceKey = "Fallback.RenumberPriorities";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.Ids.DuplicatePriority);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        if (Owner(node) is not null)
        {
            yield return new FixAction("Renumber the chain's priorities in declaration order", EquivalenceKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        MemberDeclarationSyntax owner = Owner(node)!;
        if (!handled.Add(owner))
        {
            return Task.CompletedTask;
        }

        AttributeSyntax[] models = FixSyntax.Find(editor.SemanticModel, owner, KnownNames.ModelAttribute, cancellationToken);
        for (int i = 0; i < models.Length; i++)
        {
            ExpressionSyntax priority = SyntaxFactory.LiteralExpression(
                SyntaxKind.NumericLiteralExpression,
                SyntaxFactory.Literal((i + 1).ToString(CultureInfo.InvariantCulture), i + 1));
            editor.ReplaceNode(models[i], FixSyntax.SetNamedArgument(models[i], "Priority", priority));
        }

        return Task.CompletedTask;
    }

    private static MemberDeclarationSyntax? Owner(SyntaxNode node)
        => node.FirstAncestorOrSelf<AttributeSyntax>()?.Parent?.Parent as MemberDeclarationSyntax;
}
