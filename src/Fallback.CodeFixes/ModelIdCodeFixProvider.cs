using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Fallback.CodeFixes;

/// <summary>FB0020: replaces a model id that looks like a typo with the catalogue's id it is closest to.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelIdCodeFixProvider))]
[Shared]
public sealed class ModelIdCodeFixProvider : FallbackCodeFixProvider
{
    public const string EquivalenceKey = "Fallback.UseCatalogueModelId";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.Ids.UnknownModelId);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        // Only where the analyzer named an id (a likely typo) and the id is written as a plain string literal.
        if (diagnostic.Properties.TryGetValue(ModelCatalogueAnalyzer.SuggestionProperty, out string? suggestion) && suggestion is not null
            && Literal(node) is not null)
        {
            yield return new FixAction($"Use '{suggestion}'", EquivalenceKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        if (Literal(node) is { } literal && handled.Add(literal)
            && diagnostic.Properties.TryGetValue(ModelCatalogueAnalyzer.SuggestionProperty, out string? suggestion) && suggestion is not null)
        {
            editor.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion)).WithTriviaFrom(literal));
        }

        return Task.CompletedTask;
    }

    /// <summary>The string literal the diagnostic points at: the argument's expression, or the argument itself.</summary>
    private static LiteralExpressionSyntax? Literal(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal,
        AttributeArgumentSyntax { Expression: LiteralExpressionSyntax literal } when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal,
        _ => null,
    };
}
