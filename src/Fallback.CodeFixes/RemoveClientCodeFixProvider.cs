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

/// <summary>FB0017: removes an empty <c>Client = ""</c>, so the model uses its provider's client.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveClientCodeFixProvider))]
[Shared]
public sealed class RemoveClientCodeFixProvider : FallbackCodeFixProvider
{
    public const string EquivalenceKey = "Fallback.RemoveEmptyClient";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.Ids.EmptyClient);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { NameEquals.Name.Identifier.ValueText: "Client" })
        {
            yield return new FixAction("Remove the empty Client", EquivalenceKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        var argument = node.FirstAncestorOrSelf<AttributeArgumentSyntax>()!;
        if (handled.Add(argument) && argument.Parent is AttributeArgumentListSyntax list)
        {
            editor.ReplaceNode(list, (current, _) =>
            {
                var arguments = (AttributeArgumentListSyntax)current;
                foreach (AttributeArgumentSyntax candidate in arguments.Arguments)
                {
                    if (candidate.NameEquals?.Name.Identifier.ValueText == "Client")
                    {
                        return arguments.WithArguments(arguments.Arguments.Remove(candidate));
                    }
                }

                return arguments;
            });
        }

        return Task.CompletedTask;
    }
}
