using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Analyzers;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Fallback.CodeFixes;

/// <summary>
/// Removes an attribute that repeats or has no effect: a duplicate <c>[Model]</c> (FB0007), a
/// <c>[Model]</c> outside a chain (FB0011), a <c>[FinalFallback]</c> outside a chain (FB0015), a
/// <c>[Model]</c> on a member the chain does not implement (FB0018).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveAttributeCodeFixProvider))]
[Shared]
public sealed class RemoveAttributeCodeFixProvider : FallbackCodeFixProvider
{
    public const string RemoveDuplicateModelKey = "Fallback.RemoveDuplicateModel";
    public const string RemoveStrayModelKey = "Fallback.RemoveStrayModel";
    public const string RemoveFinalFallbackKey = "Fallback.RemoveStrayFinalFallback";
    public const string RemoveIneffectiveModelKey = "Fallback.RemoveIneffectiveModel";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.Ids.DuplicateModel,
        DiagnosticDescriptors.Ids.ModelOutsideChain,
        DiagnosticDescriptors.Ids.FinalFallbackOutsideChain,
        DiagnosticDescriptors.Ids.ModelOnUnimplementedMember);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        switch (diagnostic.Id)
        {
            case DiagnosticDescriptors.Ids.DuplicateModel when node is AttributeSyntax:
                yield return new FixAction("Remove the duplicate [Model]", RemoveDuplicateModelKey);
                break;
            case DiagnosticDescriptors.Ids.ModelOutsideChain when node is AttributeSyntax:
                yield return new FixAction("Remove the [Model]", RemoveStrayModelKey);
                break;
            case DiagnosticDescriptors.Ids.ModelOnUnimplementedMember when node is AttributeSyntax:
                yield return new FixAction("Remove the [Model]", RemoveIneffectiveModelKey);
                break;
            case DiagnosticDescriptors.Ids.FinalFallbackOutsideChain when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not null:
                yield return new FixAction("Remove [FinalFallback]", RemoveFinalFallbackKey);
                break;
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        IEnumerable<AttributeSyntax> targets = equivalenceKey == RemoveFinalFallbackKey
            ? FixSyntax.Find(editor.SemanticModel, node.FirstAncestorOrSelf<MethodDeclarationSyntax>()!, KnownNames.FinalFallbackAttribute, cancellationToken)
            : new[] { (AttributeSyntax)node };
        foreach (AttributeSyntax attribute in targets.Where(handled.Add))
        {
            if (attribute.Parent?.Parent is not MemberDeclarationSyntax declaration)
            {
                continue;
            }

            // Edits of one declaration compose (Fix All removes several of its attributes): each edit finds
            // its attribute in the current declaration through node tracking.
            editor.TrackNode(attribute);
            editor.ReplaceNode(declaration, (current, _) =>
                current.GetCurrentNode(attribute) is { } tracked ? FixSyntax.RemoveAttribute((MemberDeclarationSyntax)current, tracked) : current);
        }

        return Task.CompletedTask;
    }
}
