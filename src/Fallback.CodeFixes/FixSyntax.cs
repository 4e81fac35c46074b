using System.Linq;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Fallback.CodeFixes;

/// <summary>Syntax edits the fixers share.</summary>
internal static class FixSyntax
{
    /// <summary>Whether <paramref name="attribute"/> binds to the attribute type with this metadata name.</summary>
    public static bool Is(SemanticModel model, AttributeSyntax attribute, string metadataName, CancellationToken cancellationToken)
        => model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol { ContainingType: { } type }
        && ChainRules.IsNamed(type, metadataName);

    /// <summary>The attributes of <paramref name="declaration"/> that bind to <paramref name="metadataName"/>, in order.</summary>
    public static AttributeSyntax[] Find(SemanticModel model, MemberDeclarationSyntax declaration, string metadataName, CancellationToken cancellationToken)
        => declaration.AttributeLists.SelectMany(list => list.Attributes).Where(a => Is(model, a, metadataName, cancellationToken)).ToArray();

    /// <summary>Sets the named argument <c>name = value</c>, replacing the value when it is already written.</summary>
    public static AttributeSyntax SetNamedArgument(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        AttributeArgumentListSyntax? list = attribute.ArgumentList;
        if (list is not null)
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return attribute.ReplaceNode(argument.Expression, value.WithTriviaFrom(argument.Expression));
                }
            }
        }

        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(
                SyntaxFactory.IdentifierName(name),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
            nameColon: null,
            value);
        if (list is null || list.Arguments.Count == 0)
        {
            return attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(added)));
        }

        var nodes = list.Arguments.ToList();
        var separators = list.Arguments.GetSeparators().ToList();
        separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        nodes.Add(added);
        return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));
    }

    /// <summary>
    /// Removes one attribute of <paramref name="declaration"/>, and its list when it was the only one. A
    /// removed first list hands its leading trivia (documentation comments, indentation) to what follows.
    /// </summary>
    public static MemberDeclarationSyntax RemoveAttribute(MemberDeclarationSyntax declaration, AttributeSyntax attribute)
    {
        var list = (AttributeListSyntax)attribute.Parent!;
        if (list.Attributes.Count > 1)
        {
            return declaration.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
        }

        int index = declaration.AttributeLists.IndexOf(list);
        MemberDeclarationSyntax result = declaration.WithAttributeLists(declaration.AttributeLists.RemoveAt(index));
        return index == 0 ? result.WithLeadingTrivia(list.GetLeadingTrivia()) : result;
    }

    /// <summary>Adds <c>partial</c> just before the type keyword, keeping the declaration's leading trivia in place.</summary>
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }

        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count > 0)
        {
            return declaration.WithModifiers(declaration.Modifiers.Add(partial));
        }

        SyntaxToken keyword = declaration.Keyword;
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }

    /// <summary>The end-of-line the document already uses around <paramref name="node"/>, else LF.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        foreach (SyntaxTrivia trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.LineFeed;
    }

    /// <summary>The whitespace that indents the line <paramref name="token"/> starts.</summary>
    public static SyntaxTriviaList Indentation(SyntaxToken token)
    {
        SyntaxTriviaList leading = token.LeadingTrivia;
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    /// <summary>
    /// The indentation in <paramref name="leading"/> trivia: its last whitespace where that starts a line (first in the list,
    /// or after an end-of-line); nothing where it follows a comment or a directive on the same line.
    /// </summary>
    public static SyntaxTriviaList LineIndentation(SyntaxTriviaList leading)
    {
        int last = leading.Count - 1;
        return last >= 0 && leading[last].IsKind(SyntaxKind.WhitespaceTrivia) && (last == 0 || leading[last - 1].IsKind(SyntaxKind.EndOfLineTrivia))
            ? SyntaxFactory.TriviaList(leading[last])
            : SyntaxFactory.TriviaList();
    }

    /// <summary>
    /// The layout in <paramref name="trailing"/> trivia without its comments: its end-of-line where it has one, else its
    /// first whitespace, else nothing.
    /// </summary>
    public static SyntaxTriviaList LayoutOnly(SyntaxTriviaList trailing)
    {
        foreach (SyntaxTrivia trivia in trailing)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return SyntaxFactory.TriviaList(trivia);
            }
        }

        foreach (SyntaxTrivia trivia in trailing)
        {
            if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                return SyntaxFactory.TriviaList(trivia);
            }
        }

        return SyntaxFactory.TriviaList();
    }

    /// <summary>
    /// Adds <c>using <paramref name="ns"/>;</c> when <paramref name="typeName"/> means nothing at <paramref name="position"/>
    /// (the fix writes the type fully qualified and the code action's clean-up reduces it to what the usings allow; where the
    /// name means something else, no using is added and the name stays qualified). Written here, not left to
    /// <c>Simplifier.AddImportsAnnotation</c>, which did not add it for these fixes.
    /// </summary>
    public static void EnsureUsing(DocumentEditor editor, int position, string ns, string typeName)
    {
        SyntaxNode root = editor.OriginalRoot;
        if (root is CompilationUnitSyntax && editor.SemanticModel.LookupNamespacesAndTypes(position, name: typeName).IsEmpty)
        {
            SyntaxTrivia endOfLine = EndOfLine(root);
            editor.ReplaceNode(root, (current, _) => AddUsing((CompilationUnitSyntax)current, ns, endOfLine));
        }
    }

    /// <summary>
    /// Adds <c>using <paramref name="ns"/>;</c> to the file's usings (once: Fix All asks for each registration): after
    /// the global usings, in order when the others are sorted, else after the last.
    /// </summary>
    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string ns, SyntaxTrivia endOfLine)
    {
        SyntaxList<UsingDirectiveSyntax> usings = unit.Usings;
        foreach (UsingDirectiveSyntax existing in usings)
        {
            if (existing.Alias is null && existing.StaticKeyword.IsKind(SyntaxKind.None) && existing.Name?.ToString() == ns)
            {
                return unit;
            }
        }

        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns).WithLeadingTrivia(SyntaxFactory.Space)).WithTrailingTrivia(endOfLine);
        if (usings.Count == 0)
        {
            // Above the first member, a blank line between. The file's header (up to its last directive or blank line: #define,
            // #nullable, a copyright comment) moves above the new using; the member keeps the comments right above it.
            SyntaxToken first = unit.GetFirstToken(includeZeroWidth: true);
            SyntaxTriviaList leading = first.LeadingTrivia;
            int split = HeaderLength(leading);
            if (IfDepth(leading, split) != 0)
            {
                // The header opens a conditional (#if around the whole file): a using there would be conditional too.
                return unit;
            }

            directive = directive.WithLeadingTrivia(leading.Take(split)).WithTrailingTrivia(endOfLine, endOfLine);
            unit = unit.ReplaceToken(first, first.WithLeadingTrivia(leading.Skip(split)));
            return unit.WithUsings(SyntaxFactory.SingletonList(directive));
        }

        // Global usings must come first (CS8915): the new one goes after the last of them, sorted among the others only.
        int start = 0;
        for (int i = 0; i < usings.Count; i++)
        {
            if (usings[i].GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
            {
                start = i + 1;
            }
        }

        int index = usings.Count;
        if (IsSorted(usings, start))
        {
            index = start;
            while (index < usings.Count && Compare(usings[index], ns) < 0)
            {
                index++;
            }
        }

        // Never inside a conditional: where usings are wrapped in #if ... #endif, the new one goes where no #if is open,
        // else after the last using, else wherever one is closed; with none, it is not added (the name stays qualified).
        if (!Unconditional(usings, index))
        {
            index = usings.Count;
            while (index >= start && !Unconditional(usings, index))
            {
                index--;
            }

            if (index < start)
            {
                return unit;
            }
        }

        if (index == 0)
        {
            // The first using carries the file's leading trivia (a header comment): the new one takes it over.
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    /// <summary>
    /// Whether a using inserted at <paramref name="index"/> is outside every <c>#if</c>: it goes after the leading trivia of
    /// the usings before it (of the first, which it takes over, at 0) and before the rest.
    /// </summary>
    private static bool Unconditional(SyntaxList<UsingDirectiveSyntax> usings, int index)
    {
        int depth = 0;
        for (int i = 0; i < System.Math.Max(index, 1) && i < usings.Count; i++)
        {
            SyntaxTriviaList leading = usings[i].GetLeadingTrivia();
            depth = IfDepth(leading, leading.Count, depth);
        }

        return depth == 0;
    }

    /// <summary>How much of <paramref name="leading"/> is the file's header: up to its last directive or blank line.</summary>
    private static int HeaderLength(SyntaxTriviaList leading)
    {
        int length = 0;
        bool lineStart = true;
        for (int i = 0; i < leading.Count; i++)
        {
            SyntaxTrivia trivia = leading[i];
            if (trivia.IsDirective || trivia.IsKind(SyntaxKind.EndOfLineTrivia) && lineStart)
            {
                length = i + 1;
            }

            // A directive holds its own end-of-line.
            lineStart = trivia.IsDirective || trivia.IsKind(SyntaxKind.EndOfLineTrivia) || lineStart && trivia.IsKind(SyntaxKind.WhitespaceTrivia);
        }

        return length;
    }

    /// <summary>How many <c>#if</c> are open after the first <paramref name="count"/> trivia of <paramref name="trivia"/>.</summary>
    private static int IfDepth(SyntaxTriviaList trivia, int count, int depth = 0)
    {
        for (int i = 0; i < count; i++)
        {
            if (trivia[i].IsKind(SyntaxKind.IfDirectiveTrivia))
            {
                depth++;
            }
            else if (trivia[i].IsKind(SyntaxKind.EndIfDirectiveTrivia))
            {
                depth--;
            }
        }

        return depth;
    }

    private static bool IsSorted(SyntaxList<UsingDirectiveSyntax> usings, int start)
    {
        for (int i = start + 1; i < usings.Count; i++)
        {
            if (Compare(usings[i], usings[i - 1].Name?.ToString() ?? string.Empty) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The order of plain usings, System first (the .NET default of <c>dotnet_sort_system_directives_first</c>).</summary>
    private static int Compare(UsingDirectiveSyntax directive, string ns)
    {
        string name = directive.Name?.ToString() ?? string.Empty;
        bool system = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
        bool otherSystem = ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal);
        return system != otherSystem ? (system ? -1 : 1) : string.CompareOrdinal(name, ns);
    }
}
