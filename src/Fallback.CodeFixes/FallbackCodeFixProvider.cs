using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Fallback.CodeFixes;

/// <summary>One code action a fixer offers for a diagnostic.</summary>
internal readonly struct FixAction
{
    public FixAction(string title, string equivalenceKey)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
    }

    public string Title { get; }

    public string EquivalenceKey { get; }
}

/// <summary>
/// Base of the Fallback fixers: each fix is an edit on a <see cref="DocumentEditor"/>, so one diagnostic and
/// Fix All (every diagnostic of a document, project or solution, batched per document) share one code
/// path. Edits that touch a whole declaration (renumbering, adding a chain) record it in the per-document
/// <c>handled</c> set so that Fix All applies them once.
/// </summary>
public abstract class FallbackCodeFixProvider : CodeFixProvider
{
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (FixAction action in GetActions(diagnostic, node))
            {
                Document document = context.Document;
                string key = action.EquivalenceKey;
                context.RegisterCodeFix(
                    CodeAction.Create(action.Title, ct => FixOneAsync(document, diagnostic, key, ct), key),
                    diagnostic);
            }
        }
    }

    /// <summary>The actions offered for <paramref name="diagnostic"/>, whose location covers <paramref name="node"/>.</summary>
    private protected abstract IEnumerable<FixAction> GetActions(Diagnostic diagnostic, SyntaxNode node);

    /// <summary>Records the edit of action <paramref name="equivalenceKey"/> for one diagnostic.</summary>
    private protected abstract Task ApplyAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, string equivalenceKey, HashSet<SyntaxNode> handled, CancellationToken cancellationToken);

    private async Task<Document> FixOneAsync(Document document, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
        => await FixAsync(document, ImmutableArray.Create(diagnostic), key, cancellationToken).ConfigureAwait(false) ?? document;

    private Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        => context.CodeActionEquivalenceKey is { } key ? FixAsync(document, diagnostics, key, context.CancellationToken) : Task.FromResult<Document?>(null);

    private async Task<Document?> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string key, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SyntaxNode root = editor.OriginalRoot;
        var handled = new HashSet<SyntaxNode>();
        bool any = false;
        foreach (Diagnostic diagnostic in diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (FixAction action in GetActions(diagnostic, node))
            {
                if (action.EquivalenceKey == key)
                {
                    await ApplyAsync(editor, node, diagnostic, key, handled, cancellationToken).ConfigureAwait(false);
                    any = true;
                }
            }
        }

        return any ? editor.GetChangedDocument() : null;
    }
}
