using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Fallback.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Fallback.CodeFixes;

/// <summary>
/// FB0023's second fix: turns the SDK's retries off in the client creation itself, where the analyzer found an edit that
/// keeps everything else (<see cref="RegistrationAnalyzer.RetriesOffProperty"/>): <c>RetryPolicy = new
/// ClientRetryPolicy(maxRetries: 0)</c> in the OpenAI options created there (or options passed where there were none),
/// <c>MaxRetries = 0</c> on the Anthropic client or the options created there.
/// </summary>
internal static class SdkRetriesOff
{
    private const string RetryPolicyValue = "new global::System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0)";

    public static (string Property, RetriesOffTarget Target, int Argument)? Read(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(RegistrationAnalyzer.RetriesOffProperty, out string? property) || property is not ("RetryPolicy" or "MaxRetries")
            || !diagnostic.Properties.TryGetValue(RegistrationAnalyzer.RetriesOffTargetProperty, out string? target) || !Enum.TryParse(target, out RetriesOffTarget where)
            || !diagnostic.Properties.TryGetValue(RegistrationAnalyzer.RetriesOffArgumentProperty, out string? argument)
            || !int.TryParse(argument, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
        {
            return null;
        }

        return (property!, where, index);
    }

    public static string Title(string property)
        => property == "RetryPolicy" ? "Turn the SDK's retries off (RetryPolicy = new ClientRetryPolicy(maxRetries: 0))" : "Turn the SDK's retries off (MaxRetries = 0)";

    public static void Apply(DocumentEditor editor, Diagnostic diagnostic, HashSet<SyntaxNode> handled)
    {
        if (Read(diagnostic) is not { } edit
            || editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
            || !handled.Add(creation))
        {
            return;
        }

        SyntaxTrivia endOfLine = FixSyntax.EndOfLine(editor.OriginalRoot);
        bool openAI = edit.Property == "RetryPolicy";
        ExpressionSyntax value = openAI
            ? Annotate(SyntaxFactory.ParseExpression(RetryPolicyValue))
            : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0));
        ArgumentListSyntax? arguments = creation.ArgumentList;
        switch (edit.Target)
        {
            // Preprocessor directives where the edit goes: the analyzer offers no such edit; a stale diagnostic gets none either.
            case RetriesOffTarget.Initializer when creation.Initializer?.ContainsDirectives != true:
                editor.ReplaceNode(creation, (current, _) => Set((BaseObjectCreationExpressionSyntax)current, edit.Property, value, endOfLine));
                break;

            case RetriesOffTarget.Argument when arguments is not null && edit.Argument < arguments.Arguments.Count
                && arguments.Arguments[edit.Argument].Expression is BaseObjectCreationExpressionSyntax options && options.Initializer?.ContainsDirectives != true:
                editor.ReplaceNode(options, (current, _) => Set((BaseObjectCreationExpressionSyntax)current, edit.Property, value, endOfLine));
                break;

            case RetriesOffTarget.NewOptions when openAI && arguments is not null && edit.Argument < arguments.Arguments.Count && !arguments.ContainsDirectives:
                editor.ReplaceNode(arguments, (current, _) => AddOptions((ArgumentListSyntax)current, edit.Argument));
                FixSyntax.EnsureUsing(editor, creation.SpanStart, "OpenAI", "OpenAIClientOptions");
                if (edit.Argument >= 0)
                {
                    FixSyntax.EnsureUsing(editor, creation.SpanStart, "System.ClientModel", "ApiKeyCredential");
                }

                break;

            default:
                return;
        }

        if (openAI)
        {
            FixSyntax.EnsureUsing(editor, creation.SpanStart, "System.ClientModel.Primitives", "ClientRetryPolicy");
        }
    }

    /// <summary>
    /// <c>property = value</c> in the creation's object initializer: the value replaced where the property is assigned,
    /// else the assignment added last, laid out as the others are; an initializer added where there is none.
    /// </summary>
    private static BaseObjectCreationExpressionSyntax Set(BaseObjectCreationExpressionSyntax creation, string property, ExpressionSyntax value, SyntaxTrivia endOfLine)
    {
        AssignmentExpressionSyntax assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(property),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
            value);

        InitializerExpressionSyntax? initializer = creation.Initializer;
        if (initializer is null)
        {
            // new AnthropicClient() becomes new AnthropicClient() { MaxRetries = 0 }.
            InitializerExpressionSyntax added = SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
            return creation.WithoutTrailingTrivia().WithInitializer(added).WithTrailingTrivia(creation.GetTrailingTrivia());
        }

        SeparatedSyntaxList<ExpressionSyntax> expressions = initializer.Expressions;
        foreach (ExpressionSyntax expression in expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } existing && name.Identifier.ValueText == property)
            {
                return creation.ReplaceNode(existing.Right, value.WithTriviaFrom(existing.Right));
            }
        }

        if (expressions.Count == 0)
        {
            return creation.WithInitializer(IntoEmpty(initializer, assignment, endOfLine));
        }

        // The new item gets the layout of the last one, never its comments: its indentation, and end-of-line or spacing after the comma.
        int count = expressions.Count;
        ExpressionSyntax last = expressions[count - 1];
        SyntaxTriviaList indentation = FixSyntax.LineIndentation(last.GetLeadingTrivia());
        var items = new List<SyntaxNodeOrToken>();
        if (expressions.SeparatorCount == count)
        {
            // A trailing comma: the new line goes after it, with one of its own.
            items.AddRange(expressions.GetWithSeparators());
            items.Add(assignment.WithLeadingTrivia(indentation));
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(FixSyntax.LayoutOnly(expressions.GetSeparator(count - 1).TrailingTrivia)));
        }
        else
        {
            // The comma goes right after the last assignment, which hands it its trailing trivia (a comment stays on its line);
            // the new assignment ends as the last one did, without the comment.
            SyntaxTriviaList trailing = last.GetTrailingTrivia();
            bool multiline = initializer.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia) || last.GetLeadingTrivia().Any(SyntaxKind.EndOfLineTrivia);
            SyntaxTriviaList afterComma = trailing.Count > 0
                ? trailing
                : count >= 2
                    ? FixSyntax.LayoutOnly(expressions.GetSeparator(count - 2).TrailingTrivia)
                    : SyntaxFactory.TriviaList(multiline ? endOfLine : SyntaxFactory.Space);
            items.AddRange(expressions.Replace(last, last.WithoutTrailingTrivia()).GetWithSeparators());
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(afterComma));
            items.Add(assignment.WithLeadingTrivia(indentation).WithTrailingTrivia(FixSyntax.LayoutOnly(trailing)));
        }

        return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items)));
    }

    /// <summary>
    /// <paramref name="assignment"/> as the only item of an empty initializer, its comments kept: on one line,
    /// <c>{ /* c */ }</c> becomes <c>{ /* c */ X = v }</c>; over several, the item goes on a line of its own, one level in
    /// from the closing brace, after any comment lines.
    /// </summary>
    private static InitializerExpressionSyntax IntoEmpty(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax assignment, SyntaxTrivia endOfLine)
    {
        SyntaxToken open = initializer.OpenBraceToken;
        SyntaxToken close = initializer.CloseBraceToken;
        if (!open.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia) && !close.LeadingTrivia.Any(SyntaxKind.EndOfLineTrivia))
        {
            bool spaced = open.TrailingTrivia.Count > 0 && open.TrailingTrivia[open.TrailingTrivia.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia);
            return initializer
                .WithOpenBraceToken(spaced ? open : open.WithTrailingTrivia(open.TrailingTrivia.Add(SyntaxFactory.Space)))
                .WithExpressions(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment.WithTrailingTrivia(close.LeadingTrivia.Count > 0 ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }

        // The closing brace's comment lines go before the item, its indentation stays its own.
        SyntaxTriviaList indentation = FixSyntax.LineIndentation(close.LeadingTrivia);
        SyntaxTriviaList lines = indentation.Count > 0 ? SyntaxFactory.TriviaList(close.LeadingTrivia.Take(close.LeadingTrivia.Count - 1)) : close.LeadingTrivia;
        string outer = indentation.Count > 0 ? indentation[0].ToString() : string.Empty;
        SyntaxTrivia inner = SyntaxFactory.Whitespace(outer + (outer.Contains("\t") ? "\t" : "    "));
        return initializer
            .WithExpressions(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment.WithLeadingTrivia(lines.Add(inner)).WithTrailingTrivia(endOfLine)))
            .WithCloseBraceToken(close.WithLeadingTrivia(indentation));
    }

    /// <summary>
    /// <c>(key)</c> becomes <c>(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = ... })</c>: the SDK's overload
    /// with options; the argument at <paramref name="key"/> (a string key) is wrapped, -1 for none (already a credential).
    /// </summary>
    private static ArgumentListSyntax AddOptions(ArgumentListSyntax list, int key)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = list.Arguments;
        if (key >= 0)
        {
            ArgumentSyntax written = arguments[key];
            ExpressionSyntax credential = Annotate(SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.ParseTypeName("global::System.ClientModel.ApiKeyCredential"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(written.Expression.WithoutTrivia()))),
                initializer: null));
            arguments = arguments.Replace(written, written.WithExpression(credential.WithTriviaFrom(written.Expression)));
        }

        ExpressionSyntax options = Annotate(SyntaxFactory.ParseExpression("new global::OpenAI.OpenAIClientOptions { RetryPolicy = " + RetryPolicyValue + " }"));
        var items = new List<SyntaxNodeOrToken>(arguments.GetWithSeparators())
        {
            SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Argument(options),
        };
        return list.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(items));
    }

    /// <summary>Marks the fully qualified type names of the creations in <paramref name="expression"/> for the clean-up to reduce.</summary>
    private static ExpressionSyntax Annotate(ExpressionSyntax expression)
        => expression.ReplaceNodes(
            expression.DescendantNodesAndSelf().OfType<ObjectCreationExpressionSyntax>().Select(static c => c.Type),
            static (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
}
