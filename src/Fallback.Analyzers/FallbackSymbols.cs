using System.Collections.Immutable;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Fallback.Analyzers;

/// <summary>
/// The Fallback attribute types of one compilation, resolved once in the compilation-start action and
/// captured by the actions registered there (analyzers hold no state in fields).
/// </summary>
internal sealed class FallbackSymbols
{
    private FallbackSymbols(INamedTypeSymbol chain, INamedTypeSymbol model, INamedTypeSymbol finalFallback)
    {
        ChainAttribute = chain;
        ModelAttribute = model;
        FinalFallbackAttribute = finalFallback;
    }

    public INamedTypeSymbol ChainAttribute { get; }

    public INamedTypeSymbol ModelAttribute { get; }

    public INamedTypeSymbol FinalFallbackAttribute { get; }

    /// <summary>The symbols, or null when the compilation does not reference the Fallback runtime.</summary>
    public static FallbackSymbols? Create(Compilation compilation)
    {
        INamedTypeSymbol? chain = compilation.GetTypeByMetadataName(KnownNames.FallbackChainAttribute);
        INamedTypeSymbol? model = compilation.GetTypeByMetadataName(KnownNames.ModelAttribute);
        INamedTypeSymbol? finalFallback = compilation.GetTypeByMetadataName(KnownNames.FinalFallbackAttribute);
        return chain is null || model is null || finalFallback is null ? null : new FallbackSymbols(chain, model, finalFallback);
    }

    /// <summary>The <c>[FallbackChain]</c> on <paramref name="type"/>, when it is an interface that has one.</summary>
    public AttributeData? GetChainAttribute(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface)
        {
            return null;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ChainAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    public bool IsModel(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ModelAttribute);

    public bool IsFinalFallback(AttributeData attribute) => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, FinalFallbackAttribute);

    public bool HasFinalFallback(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (IsFinalFallback(attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>[Model]</c> attributes on <paramref name="symbol"/>, in declaration order.</summary>
    public ImmutableArray<AttributeData> GetModels(ISymbol symbol)
    {
        var builder = ImmutableArray.CreateBuilder<AttributeData>();
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (IsModel(attribute))
            {
                builder.Add(attribute);
            }
        }

        return builder.ToImmutable();
    }
}
