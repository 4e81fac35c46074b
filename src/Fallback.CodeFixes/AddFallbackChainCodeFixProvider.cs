using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Fallback.CodeFixes;

/// <summary>
/// FB0011 on an interface or its member: declares the interface a chain, <c>[FallbackChain("name")]</c>
/// with the interface's name in snake case (<c>IContentGenerator</c> becomes <c>content_generator</c>),
/// and makes it partial. The alternative, removing the <c>[Model]</c>, is <see cref="RemoveAttributeCodeFixProvider"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFallbackChainCodeFixProvider))]
[Shared]
public sealed class AddFallbackChainCodeFixProvider : FallbackCodeFixProvider
{
    public const string EquivalenceKey = "Fallback.AddFallbackChain";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.Ids.ModelOutsideChain);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        if (node is AttributeSyntax && node.FirstAncestorOrSelf<InterfaceDeclarationSyntax>() is { } declaration)
        {
            yield return new FixAction("Declare '" + declaration.Identifier.ValueText + "' a fallback chain", EquivalenceKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        var declaration = node.FirstAncestorOrSelf<InterfaceDeclarationSyntax>()!;
        if (handled.Add(declaration))
        {
            string name = ChainNameFor(declaration.Identifier.ValueText);
            SyntaxTrivia endOfLine = FixSyntax.EndOfLine(declaration);
            editor.ReplaceNode(declaration, (current, _) => AddChain((InterfaceDeclarationSyntax)current, name, endOfLine));
        }

        return Task.CompletedTask;
    }

    private static InterfaceDeclarationSyntax AddChain(InterfaceDeclarationSyntax declaration, string name, SyntaxTrivia endOfLine)
    {
        SyntaxToken first = declaration.GetFirstToken();
        AttributeListSyntax chain = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::Fallback.FallbackChain").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))))))))
            .WithLeadingTrivia(first.LeadingTrivia)
            .WithTrailingTrivia(endOfLine);

        // The old first token keeps only its indentation; comments and blank lines move above the new attribute.
        InterfaceDeclarationSyntax rest = declaration.ReplaceToken(first, first.WithLeadingTrivia(FixSyntax.Indentation(first)));
        rest = (InterfaceDeclarationSyntax)FixSyntax.AddPartial(rest);
        return rest.WithAttributeLists(rest.AttributeLists.Insert(0, chain));
    }

    /// <summary><c>IContentGenerator</c> becomes <c>content_generator</c>.</summary>
    internal static string ChainNameFor(string interfaceName)
    {
        string core = interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1]) ? interfaceName.Substring(1) : interfaceName;
        var builder = new StringBuilder(core.Length + 4);
        for (int i = 0; i < core.Length; i++)
        {
            char c = core[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(core[i - 1]) || (i + 1 < core.Length && char.IsLower(core[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
