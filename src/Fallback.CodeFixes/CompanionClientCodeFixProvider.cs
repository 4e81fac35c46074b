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
using Microsoft.CodeAnalysis.Simplification;

namespace Fallback.CodeFixes;

/// <summary>
/// FB0023, two fixes, in this order where both apply. The first replaces a provider SDK client built in the registration
/// with the companion's factory, which builds the same client with the SDK's retries off:
/// <c>new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient()</c> becomes
/// <c>OpenAIChainClient.Create(key, defaultModelId: "gpt-4o")</c>, and <c>using Fallback.OpenAI;</c> is added. Offered
/// only where the analyzer found the rewrite exact and the companion referenced (<see cref="RegistrationAnalyzer.CreateArgumentsProperty"/>).
/// The second turns the retries off in the creation itself (<see cref="SdkRetriesOff"/>), where the analyzer found that
/// edit local and exact (<see cref="RegistrationAnalyzer.RetriesOffProperty"/>). One provider offers both so that every
/// host lists them in this order.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CompanionClientCodeFixProvider))]
[Shared]
public sealed class CompanionClientCodeFixProvider : FallbackCodeFixProvider
{
    public const string EquivalenceKey = "Fallback.UseCompanionCreate";

    public const string RetriesOffKey = "Fallback.TurnOffSdkRetries";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.Ids.SdkRetriesOn);

    private protected override IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node)
    {
        if (Read(diagnostic) is { } fix)
        {
            yield return new FixAction("Use " + fix.Companion + ".Create (SDK retries off)", EquivalenceKey);
        }

        if (SdkRetriesOff.Read(diagnostic) is { } edit)
        {
            yield return new FixAction(SdkRetriesOff.Title(edit.Property), RetriesOffKey);
        }
    }

    private protected override Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken)
    {
        if (equivalenceKey == RetriesOffKey)
        {
            SdkRetriesOff.Apply(editor, diagnostic, handled);
            return Task.CompletedTask;
        }

        if (Read(diagnostic) is not { } fix)
        {
            return Task.CompletedTask;
        }

        SyntaxNode root = editor.OriginalRoot;
        if (Expression(root, diagnostic.AdditionalLocations[0]) is not { } client || !handled.Add(client))
        {
            return Task.CompletedTask;
        }

        // apiKey first and positional when it comes first; every other argument by name.
        var arguments = new List<ArgumentSyntax>(fix.Parameters.Length);
        for (int i = 0; i < fix.Parameters.Length; i++)
        {
            if (Expression(root, diagnostic.AdditionalLocations[i + 1]) is not { } value)
            {
                return Task.CompletedTask;
            }

            ArgumentSyntax argument = SyntaxFactory.Argument(value.WithoutTrivia());
            if (i > 0 || fix.Parameters[i] != "apiKey")
            {
                argument = argument.WithNameColon(SyntaxFactory.NameColon(
                    SyntaxFactory.IdentifierName(fix.Parameters[i]),
                    SyntaxFactory.Token(SyntaxKind.ColonToken).WithTrailingTrivia(SyntaxFactory.Space)));
            }

            arguments.Add(argument);
        }

        var separators = new List<SyntaxToken>();
        for (int i = 1; i < arguments.Count; i++)
        {
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        }

        // Written fully qualified; the code action's clean-up reduces it to what the usings allow.
        ExpressionSyntax companion = SyntaxFactory.ParseName("global::" + fix.Namespace + "." + fix.Companion).WithAdditionalAnnotations(Simplifier.Annotation);
        InvocationExpressionSyntax create = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, companion, SyntaxFactory.IdentifierName("Create")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments, separators)));
        editor.ReplaceNode(client, create.WithTriviaFrom(client));

        // using Fallback.OpenAI; unless the name already means the companion there, or means something else (then it stays qualified).
        FixSyntax.EnsureUsing(editor, client.SpanStart, fix.Namespace, fix.Companion);

        return Task.CompletedTask;
    }

    private static ExpressionSyntax? Expression(SyntaxNode root, Location location)
        => location.IsInSource && location.SourceTree == root.SyntaxTree
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax
            : null;

    private static (string Companion, string Namespace, string[] Parameters)? Read(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(RegistrationAnalyzer.CreateArgumentsProperty, out string? names) || string.IsNullOrEmpty(names)
            || !diagnostic.Properties.TryGetValue(RegistrationAnalyzer.CompanionProperty, out string? companion))
        {
            return null;
        }

        string? ns = companion switch
        {
            "OpenAIChainClient" => "Fallback.OpenAI",
            "AnthropicChainClient" => "Fallback.Anthropic",
            _ => null,
        };
        string[] parameters = names!.Split(',');
        return ns is not null && diagnostic.AdditionalLocations.Count == parameters.Length + 1 ? (companion!, ns, parameters) : null;
    }
}
