using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Fallback.SourceGeneration.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Fallback.SourceGeneration;

/// <summary>
/// Turns a <c>[FallbackChain]</c> interface into a <see cref="ChainSpec"/>, or null when the generator cannot
/// implement it. Every validity decision comes from <see cref="ChainRules"/>, which the analyzers share: they
/// explain what this parser silently skips.
/// </summary>
internal static class Parser
{
    /// <summary>Types as the generated code writes them: <c>global::</c>-qualified, keywords for special types, nullability kept.</summary>
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Names the chain class already uses for its own members (its <c>ChainName</c> and the members of
    /// <c>Fallback.FallbackChainBase</c>, public and protected); a declared member with one is implemented explicitly.
    /// </summary>
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "ChainName", "Engine", "DefaultRoute", "Name", "Models", "GetStats", "ResetStats", "DisableModel", "EnableModel",
        "GetResponseAsync", "GetStreamingResponseAsync", "GetService", "Dispose",
    };

    public static ChainSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return context.TargetSymbol is INamedTypeSymbol { TypeKind: TypeKind.Interface } chainInterface
                ? ParseChain(chainInterface, context.Attributes, cancellationToken)
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The generator never throws: an interface it cannot read gets no output, and the analyzers,
            // which see the same rules, report what is wrong with it.
            return null;
        }
    }

    private static ChainSpec? ParseChain(INamedTypeSymbol chainInterface, ImmutableArray<AttributeData> chainAttributes, CancellationToken cancellationToken)
    {
        // One [FallbackChain] on the interface: on two partial declarations (CS0579) each would be a chain of its own.
        if (!ChainRules.ClassifyChainInterface(chainInterface).IsEmpty || chainAttributes.Length != 1 || CountAttributes(chainInterface, KnownNames.FallbackChainAttribute) != 1)
        {
            return null;
        }

        string? chainName = chainAttributes[0].ConstructorArguments is [{ Value: string name }] ? name : null;
        if (!ChainRules.IsValidChainName(chainName))
        {
            return null;
        }

        bool fallBackOnContentFilter = false;
        foreach (var named in chainAttributes[0].NamedArguments)
        {
            if (named.Key == "FallBackOnContentFilter" && named.Value.Value is bool value)
            {
                fallBackOnContentFilter = value;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The model table: interface-level models by (priority, declaration order), then members' own models.
        var table = new List<ModelValues>();
        if (!TryReadModels(chainInterface.GetAttributes(), table, repeatsMustAgree: false))
        {
            return null;
        }

        // The interface's IChatClient members and members without [Model]s of their own use the interface's models:
        // a chain needs some (FB0004) unless every member it implements brings its own.
        int interfaceModelCount = table.Count;
        if (interfaceModelCount == 0 && ChainRules.NeedsInterfaceModels(chainInterface))
        {
            return null;
        }

        FinalFallbackSpec? finalFallback = null;
        foreach (ISymbol member in chainInterface.GetMembers())
        {
            if (member is IMethodSymbol method && HasAttribute(method, KnownNames.FinalFallbackAttribute))
            {
                FinalFallbackReturn kind = ChainRules.ClassifyFinalFallback(method, out bool takesToken, out _);
                if (kind == FinalFallbackReturn.Invalid || finalFallback is not null)
                {
                    return null;
                }

                finalFallback = new FinalFallbackSpec(Escape(method.Name), kind, takesToken, HasNullableAnnotation(method.ReturnType));
            }
        }

        string chainClassName = ChainRules.ChainClassName(chainInterface.Name);
        var members = new List<MemberSpec>();

        // The chain class's own names: its fixed members, its name, and the interface's own members, which it
        // implements publicly. A private field takes its usual name unless one of these has it.
        var takenNames = new HashSet<string>(ReservedNames, StringComparer.Ordinal) { chainClassName };
        takenNames.UnionWith(chainInterface.MemberNames);
        var fields = new ChainFieldNames(
            Models: FreeName("s_models", takenNames),
            FinalFallback: FreeName("s_finalFallback", takenNames));

        // Own members first, in declaration order, then those of every inherited interface.
        var declaringInterfaces = new List<INamedTypeSymbol> { chainInterface };
        declaringInterfaces.AddRange(chainInterface.AllInterfaces);
        foreach (INamedTypeSymbol declaring in declaringInterfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (ISymbol member in declaring.GetMembers())
            {
                if (ChainRules.IsStaticAbstract(member))
                {
                    return null;
                }

                if (!ChainRules.IsImplementedByChain(chainInterface, member))
                {
                    continue;
                }

                if (member is not IMethodSymbol method)
                {
                    return null;
                }

                MemberShape shape = ChainRules.ClassifyMethod(method, out ImmutableArray<ParameterRole> roles, out _);
                if (shape == MemberShape.Unsupported)
                {
                    return null;
                }

                bool isOwn = SymbolEqualityComparer.Default.Equals(declaring, chainInterface);
                bool implementExplicitly = !isOwn || ReservedNames.Contains(method.Name) || method.Name == chainClassName;

                // A member's own [Model]s replace the interface's for that member: its own route, in its own order
                // (its priorities); a model the table already holds keeps that entry's values (FB0019 otherwise).
                var ownModels = new List<ModelValues>();
                if (!TryReadModels(method.GetAttributes(), ownModels, repeatsMustAgree: true))
                {
                    return null;
                }

                string? routeField = null;
                var routeModels = new List<int>(ownModels.Count);
                if (ownModels.Count > 0)
                {
                    foreach (ModelValues model in ownModels)
                    {
                        int index = IndexInTable(table, model);
                        if (index == -2)
                        {
                            return null;
                        }

                        if (index == -1)
                        {
                            index = table.Count;
                            table.Add(model);
                        }

                        routeModels.Add(index);
                    }

                    routeField = FreeName("_" + char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1) + "Route", takenNames);
                }

                members.Add(new MemberSpec(
                    Escape(method.Name),
                    shape,
                    method.ReturnType.ToDisplayString(TypeFormat),
                    ReadParameters(method, roles, implementExplicitly),
                    implementExplicitly ? declaring.ToDisplayString(TypeFormat) : null,
                    routeField,
                    new EquatableArray<int>(routeModels),
                    HasNullableAnnotation(method.ReturnType)));
            }
        }

        if (table.Count == 0)
        {
            return null;
        }

        return BuildSpec(chainInterface, chainName!, chainClassName, fallBackOnContentFilter, table, interfaceModelCount, finalFallback, members, fields);
    }

    private static ChainSpec BuildSpec(
        INamedTypeSymbol chainInterface,
        string chainName,
        string chainClassName,
        bool fallBackOnContentFilter,
        List<ModelValues> table,
        int interfaceModelCount,
        FinalFallbackSpec? finalFallback,
        List<MemberSpec> members,
        ChainFieldNames fields)
    {
        string? ns = chainInterface.ContainingNamespace is { IsGlobalNamespace: false } containing
            ? containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length)
            : null;

        // Outermost containing type first.
        var containingTypes = new List<ContainingTypeSpec>();
        bool everyTypePublic = chainInterface.DeclaredAccessibility == Accessibility.Public;
        for (INamedTypeSymbol? type = chainInterface.ContainingType; type is not null; type = type.ContainingType)
        {
            containingTypes.Insert(0, new ContainingTypeSpec(Keyword(type), Escape(type.Name)));
            everyTypePublic &= type.DeclaredAccessibility == Accessibility.Public;
        }

        // A nested chain's extension name joins the containing types' names and the chain class's with '_', so that
        // A.IBC and AB.IC do not both become ABCChain; UniqueNames settles what a separator alone cannot.
        var extensionName = new StringBuilder();
        var hint = new StringBuilder();
        if (ns is not null)
        {
            hint.Append(ns).Append('.');
        }

        foreach (ContainingTypeSpec type in containingTypes)
        {
            extensionName.Append(type.Name.TrimStart('@')).Append('_');
            hint.Append(type.Name.TrimStart('@')).Append('.');
        }

        hint.Append(chainInterface.Name).Append(".g.cs");

        string interfaceFullName = chainInterface.ToDisplayString(TypeFormat);
        string chainFullName = interfaceFullName.Substring(0, interfaceFullName.Length - Escape(chainInterface.Name).Length) + chainClassName;

        var models = new List<ModelSpec>(table.Count);
        foreach (ModelValues m in table)
        {
            models.Add(new ModelSpec(m.Provider!, m.Model!, m.Priority, m.MaxRetries, m.Enabled, m.Client, m.AttemptTimeoutMs, m.ContextWindow, m.FirstTokenTimeoutMs, m.SupportsPrefill));
        }

        extensionName.Append(chainClassName);
        return new ChainSpec(
            MetadataName: ChainRules.FullMetadataName(chainInterface),
            HintName: SanitizeHintName(hint.ToString()),
            Namespace: ns,
            ContainingTypes: new EquatableArray<ContainingTypeSpec>(containingTypes),
            InterfaceName: chainInterface.Name,
            InterfaceFullName: interfaceFullName,
            ChainClassName: chainClassName,
            ChainFullName: chainFullName,
            Accessibility: AccessibilityKeyword(chainInterface.DeclaredAccessibility),
            ExtensionAccessibility: everyTypePublic ? "public" : "internal",
            ExtensionName: extensionName.ToString(),
            ChainName: chainName,
            FallBackOnContentFilter: fallBackOnContentFilter,
            Models: new EquatableArray<ModelSpec>(models),
            InterfaceModelCount: interfaceModelCount,
            FinalFallback: finalFallback,
            Members: new EquatableArray<MemberSpec>(members),
            Fields: fields);
    }

    /// <summary>
    /// Reads the <c>[Model]</c> attributes among <paramref name="attributes"/> into <paramref name="models"/>,
    /// sorted by (priority, declaration order); false when one is invalid (FB0006).
    /// </summary>
    /// <remarks>
    /// A repeat of an entry already in the list (same provider, model and client key: FB0007, a warning) is
    /// dropped, and the first declaration keeps its values and its place, so the chain is still generated (the
    /// engine rejects a table that lists one model twice). On a member, where the analyzer also reports a repeat
    /// that disagrees on its values as FB0019 (an error), <paramref name="repeatsMustAgree"/> makes such a
    /// repeat skip the chain instead, as every other FB0019 case does.
    /// </remarks>
    private static bool TryReadModels(ImmutableArray<AttributeData> attributes, List<ModelValues> models, bool repeatsMustAgree)
    {
        int start = models.Count;
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is not { } attributeClass || !ChainRules.IsNamed(attributeClass, KnownNames.ModelAttribute))
            {
                continue;
            }

            ModelValues model = ChainRules.ReadModel(attribute);
            if (ChainRules.ValidateModel(model) is not null)
            {
                return false;
            }

            int first = IndexOfEntry(models, start, model);
            if (first >= 0)
            {
                if (repeatsMustAgree && !ChainRules.SameValues(models[first], model))
                {
                    return false;
                }

                continue;
            }

            // Stable insertion by priority: ties keep declaration order, as the engine's routes do.
            int at = models.Count;
            while (at > start && models[at - 1].Priority > model.Priority)
            {
                at--;
            }

            models.Insert(at, model);
        }

        return true;
    }

    /// <summary>The index of the same entry (FB0007) among <paramref name="models"/> from <paramref name="start"/> on, or -1.</summary>
    private static int IndexOfEntry(List<ModelValues> models, int start, in ModelValues model)
    {
        for (int i = start; i < models.Count; i++)
        {
            if (ChainRules.SameEntry(models[i], model))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of an identical entry in the table, -1 when there is none, -2 when a same entry disagrees on its values.</summary>
    private static int IndexInTable(List<ModelValues> table, in ModelValues model)
    {
        for (int i = 0; i < table.Count; i++)
        {
            if (ChainRules.SameEntry(table[i], model))
            {
                return ChainRules.SameValues(table[i], model) ? i : -2;
            }
        }

        return -1;
    }

    private static EquatableArray<ParameterSpec> ReadParameters(IMethodSymbol method, ImmutableArray<ParameterRole> roles, bool implementExplicitly)
    {
        var parameters = new List<ParameterSpec>(method.Parameters.Length);
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            ParameterRole role = roles[i];
            ITypeSymbol type = parameter.Type;

            // An explicit implementation cannot repeat default values (CS1066).
            string? defaultValue = null;
            if (parameter.HasExplicitDefaultValue && !implementExplicitly)
            {
                defaultValue = DefaultValue(parameter);

                // In a nullable-oblivious interface 'ChatOptions options = null' is fine; here it must say '?'.
                if (parameter.ExplicitDefaultValue is null && type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.Annotated)
                {
                    type = type.WithNullableAnnotation(NullableAnnotation.Annotated);
                }
            }

            // The engine takes non-null messages and prompt (and checks them); options may be null.
            bool suppress = role is ParameterRole.Messages or ParameterRole.Prompt && HasNullableAnnotation(parameter.Type);
            parameters.Add(new ParameterSpec(Escape(parameter.Name), type.ToDisplayString(TypeFormat), role, defaultValue, suppress));
        }

        return new EquatableArray<ParameterSpec>(parameters);
    }

    private static string DefaultValue(IParameterSymbol parameter)
    {
        object? value = parameter.ExplicitDefaultValue;
        return value switch
        {
            null => parameter.Type.IsReferenceType ? "null" : "default",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            bool b => b ? "true" : "false",
            _ => "default",
        };
    }

    private static int CountAttributes(ISymbol symbol, string metadataName)
    {
        int count = 0;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && ChainRules.IsNamed(attributeClass, metadataName))
            {
                count++;
            }
        }

        return count;
    }

    private static bool HasAttribute(ISymbol symbol, string metadataName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && ChainRules.IsNamed(attributeClass, metadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type or any of its type arguments carries a <c>?</c> on a reference type.</summary>
    private static bool HasNullableAnnotation(ITypeSymbol type)
    {
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                if (HasNullableAnnotation(argument))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><paramref name="core"/>, or the first of <c>core2</c>, <c>core3</c>, ... that no other name of the chain class takes.</summary>
    private static string FreeName(string core, HashSet<string> used)
    {
        string candidate = core;
        for (int n = 2; !used.Add(candidate); n++)
        {
            candidate = core + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.ProtectedOrInternal => "protected internal",
        _ => "internal",
    };

    private static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    private static string SanitizeHintName(string hint)
    {
        var builder = new StringBuilder(hint.Length);
        foreach (char c in hint)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
