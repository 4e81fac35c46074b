using System.Collections.Immutable;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Fallback.Analyzers;

/// <summary>Chain facts that the analyzers share: names, descriptions and precise locations.</summary>
internal static class ChainFacts
{
    private static readonly SymbolDisplayFormat TypeNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>A type's name with its containing types and type parameters: <c>Outer.IChat&lt;T&gt;</c>.</summary>
    public static string TypeName(INamedTypeSymbol type) => type.ToDisplayString(TypeNameFormat);

    /// <summary>The chain name written in <c>[FallbackChain("name")]</c>, or empty.</summary>
    public static string ChainName(AttributeData chainAttribute)
        => chainAttribute.ConstructorArguments.Length > 0 && chainAttribute.ConstructorArguments[0].Value is string name ? name : string.Empty;

    /// <summary>Whether the chain says <c>ThrowWhenExhausted = true</c>.</summary>
    public static bool ThrowsWhenExhausted(AttributeData chainAttribute)
    {
        foreach (var named in chainAttribute.NamedArguments)
        {
            if (named.Key == "ThrowWhenExhausted" && named.Value.Value is true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>provider/model</c>, plus the client when it is not the provider.</summary>
    public static string Describe(ModelSpec model)
    {
        string text = (model.Provider ?? string.Empty) + "/" + (model.Model ?? string.Empty);
        return string.IsNullOrEmpty(model.Client) || model.Client == model.Provider ? text : text + " (client '" + model.Client + "')";
    }

    /// <summary>The attributes' models, described and joined with commas.</summary>
    public static string DescribeAll(ImmutableArray<AttributeData> models)
    {
        var parts = new string[models.Length];
        for (int i = 0; i < models.Length; i++)
        {
            parts[i] = Describe(ChainRules.ReadModel(models[i]));
        }

        return string.Join(", ", parts);
    }

    /// <summary>The whole attribute, as written.</summary>
    public static Location AttributeLocation(AttributeData attribute, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;

    /// <summary>
    /// The argument that sets <paramref name="name"/>: a named property (<c>Priority = 1</c>), a named
    /// constructor argument (<c>provider: "x"</c>) or the positional one at <paramref name="position"/>;
    /// the whole attribute when it is not written.
    /// </summary>
    public static Location ArgumentLocation(AttributeData attribute, string name, int position, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return Location.None;
        }

        if (syntax.ArgumentList is { } list)
        {
            int index = 0;
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals is { } equals)
                {
                    if (equals.Name.Identifier.ValueText == name)
                    {
                        return argument.GetLocation();
                    }

                    continue;
                }

                if (argument.NameColon is { } colon)
                {
                    if (string.Equals(colon.Name.Identifier.ValueText, name, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return argument.Expression.GetLocation();
                    }
                }
                else if (index == position)
                {
                    return argument.GetLocation();
                }

                index++;
            }
        }

        return syntax.GetLocation();
    }

    /// <summary>The identifier of the interface declaration that carries <paramref name="chainAttribute"/>.</summary>
    public static Location ChainLocation(INamedTypeSymbol chainInterface, AttributeData chainAttribute, CancellationToken cancellationToken)
    {
        if (chainAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).Parent?.Parent is BaseTypeDeclarationSyntax declaration)
        {
            return declaration.Identifier.GetLocation();
        }

        return chainInterface.Locations.IsEmpty ? Location.None : chainInterface.Locations[0];
    }

    /// <summary>The identifier of a source symbol, or <paramref name="fallback"/> when it has none in source.</summary>
    public static Location IdentifierLocation(ISymbol symbol, Location fallback)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return fallback;
    }
}
