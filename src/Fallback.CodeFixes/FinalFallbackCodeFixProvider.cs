using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Analyzers;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Fallback.CodeFixes;

/// <summary>
/// FB0003: either adds a <c>[FinalFallback]</c> stub that answers "service unavailable", or states on the
/// chain attribute that the chain throws when exhausted (<c>ThrowWhenExhausted = true</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FinalFallbackCodeFixProvider))]
[Shared]
public sealed class FinalFallbackCodeFixProvider : FallbackCodeFixProvider
{
    public const string AddStubKey = "Fallback.AddFinalFallback";
    public const string ThrowKey = "Fallback.ThrowWhenExhausted";
    public const string StubName = "ServiceUnavailable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.Ids.NoFinalFallback);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        if (node.FirstAncestorOrSelf<InterfaceDeclarationSyntax>() is not null)
        {
            yield return new FixAction("Add a [FinalFallback] method", AddStubKey);
            yield return new FixAction("Set ThrowWhenExhausted = true", ThrowKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        var declaration = node.FirstAncestorOrSelf<InterfaceDeclarationSyntax>()!;
        if (!handled.Add(declaration))
        {
            return Task.CompletedTask;
        }

        if (equivalenceKey == ThrowKey)
        {
            foreach (AttributeSyntax chain in FixSyntax.Find(editor.SemanticModel, declaration, KnownNames.FallbackChainAttribute, cancellationToken))
            {
                editor.ReplaceNode(chain, FixSyntax.SetNamedArgument(chain, "ThrowWhenExhausted", SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)));
            }

            return Task.CompletedTask;
        }

        string name = StubName;
        if (editor.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is { } type)
        {
            for (int i = 2; type.MemberNames.Contains(name); i++)
            {
                name = StubName + i.ToString(CultureInfo.InvariantCulture);
            }
        }

        MemberDeclarationSyntax stub = CreateStub(name);
        SyntaxTrivia endOfLine = FixSyntax.EndOfLine(declaration);
        editor.ReplaceNode(declaration, (current, _) =>
        {
            var chain = (InterfaceDeclarationSyntax)current;
            if (chain.Members.Count > 0)
            {
                // A blank line between the last member and the stub, as between any two members.
                return chain.AddMembers(stub.WithLeadingTrivia(endOfLine));
            }

            // `interface IChat { }` becomes a block, braces on their own lines.
            SyntaxTriviaList indentation = FixSyntax.Indentation(chain.GetFirstToken());
            SyntaxToken beforeBrace = chain.OpenBraceToken.GetPreviousToken();
            chain = chain.ReplaceToken(beforeBrace, beforeBrace.WithTrailingTrivia(endOfLine));
            return chain
                .WithOpenBraceToken(chain.OpenBraceToken.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine))
                .WithCloseBraceToken(chain.CloseBraceToken.WithLeadingTrivia(indentation))
                .AddMembers(stub);
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// The stub, written with fully qualified names that the code action's clean-up reduces as far as the
    /// file's usings allow (to <c>ChatResponse</c> under <c>using Microsoft.Extensions.AI;</c>, else to
    /// <c>Microsoft.Extensions.AI.ChatResponse</c>), then formats to the document's style.
    /// </summary>
    private static MemberDeclarationSyntax CreateStub(string name)
    {
        string text =
            "[global::Fallback.FinalFallback]\n" +
            "static global::Microsoft.Extensions.AI.ChatResponse " + name + "(global::System.Collections.Generic.IEnumerable<global::Microsoft.Extensions.AI.ChatMessage> messages, global::Fallback.AllModelsFailedException failure)\n" +
            "    => new global::Microsoft.Extensions.AI.ChatResponse(new global::Microsoft.Extensions.AI.ChatMessage(global::Microsoft.Extensions.AI.ChatRole.Assistant, \"The service is unavailable; please try again later.\"));\n";
        return SyntaxFactory.ParseMemberDeclaration(text)!.WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }
}
