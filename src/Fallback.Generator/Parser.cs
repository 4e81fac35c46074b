using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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

    /// <summary>The chain class's own constants; the rest of its names come from <c>Fallback.FallbackChainBase</c>.</summary>
    private static readonly string[] ChainConstants = { "ChainName", "WorstCaseAttempts", "WorstCaseMilliseconds" };

    public static ChainSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            // The base class ships in the same package as the generator; without it there is nothing to derive from.
            return context.TargetSymbol is INamedTypeSymbol { TypeKind: TypeKind.Interface } chainInterface
                && context.SemanticModel.Compilation.GetTypeByMetadataName(KnownNames.FallbackChainBase) is { } chainBase
                ? ParseChain(chainInterface, context.Attributes, ReservedNames(chainBase), cancellationToken)
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The generator never throws: an interface it cannot read gets no output, and the analyzers,
            // which see the same rules, report what is wrong with it.
            return null;
        }
    }

    private static ChainSpec? ParseChain(INamedTypeSymbol chainInterface, ImmutableArray<AttributeData> chainAttributes, HashSet<string> reservedNames, CancellationToken cancellationToken)
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

        // A negative RequestTimeoutMs (FB0027) would fail when the chain is built; a class name another chain or another
        // declaration beside it already takes (FB0026) would not compile. Either costs only this chain its output.
        if (ChainRules.ValidateChain(chainAttributes[0], out _) is not null || ChainRules.ChainClassNameTaker(chainInterface) is not null)
        {
            return null;
        }

        bool fallBackOnContentFilter = false;
        int requestTimeoutMs = 0;
        foreach (var named in chainAttributes[0].NamedArguments)
        {
            if (named.Key == "FallBackOnContentFilter" && named.Value.Value is bool value)
            {
                fallBackOnContentFilter = value;
            }
            else if (named.Key == "RequestTimeoutMs" && named.Value.Value is int timeout)
            {
                requestTimeoutMs = timeout;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The model table: interface-level models by (priority, declaration order), then members' own models; one
        // merge that the analyzers share, so what skips the chain here is what they report (FB0006, FB0019).
        ModelTable table = ChainRules.MergeModels(chainInterface);
        if (!table.IsValid)
        {
            return null;
        }

        // The interface's IChatClient members and members without [Model]s of their own use the interface's models:
        // a chain needs some (FB0004) unless every member it implements brings its own.
        if (table.InterfaceModelCount == 0 && ChainRules.NeedsInterfaceModels(chainInterface))
        {
            return null;
        }

        FinalFallbackSpec? finalFallback = null;
        IMethodSymbol? finalFallbackMethod = null;
        foreach (ISymbol member in chainInterface.GetMembers())
        {
            if (member is IMethodSymbol method && ChainRules.HasAttribute(method, KnownNames.FinalFallbackAttribute))
            {
                FinalFallbackReturn kind = ChainRules.ClassifyFinalFallback(method, out bool takesToken, out _);
                if (kind == FinalFallbackReturn.Invalid || finalFallback is not null)
                {
                    return null;
                }

                finalFallback = new FinalFallbackSpec(Escape(method.Name), kind, takesToken, HasNullableAnnotation(method.ReturnType));
                finalFallbackMethod = method;
            }
        }

        string chainClassName = ChainRules.ChainClassName(chainInterface.Name);
        var members = new List<MemberSpec>();

        // The chain class's own names: its fixed members, its name, and the interface's own members, which it
        // implements publicly. A private field takes its usual name unless one of these has it.
        var takenNames = new HashSet<string>(reservedNames, StringComparer.Ordinal) { chainClassName };
        takenNames.UnionWith(chainInterface.MemberNames);
        var fields = new ChainFieldNames(
            Models: FreeName("s_models", takenNames),
            FinalFallback: FreeName("s_finalFallback", takenNames));

        // Own members first, in declaration order, then those of every inherited interface.
        foreach ((INamedTypeSymbol declaring, ISymbol member) in ChainRules.Members(chainInterface))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ChainRules.IsUnimplementedStaticAbstract(chainInterface, member) || ChainRules.Reabstraction(chainInterface, member) is not null)
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
            bool implementExplicitly = !isOwn || reservedNames.Contains(method.Name) || method.Name == chainClassName;

            // A member's own [Model]s replace the interface's for that member: its own route, in its own order.
            string? routeField = null;
            EquatableArray<int> routeModels = EquatableArray<int>.Empty;
            if (table.Routes.TryGetValue(method, out int[]? route))
            {
                routeField = FreeName("_" + char.ToLowerInvariant(method.Name[0]) + method.Name.Substring(1) + "Route", takenNames);
                routeModels = new EquatableArray<int>(ImmutableArray.Create(route));
            }

            members.Add(new MemberSpec(
                Escape(method.Name),
                shape,
                method.ReturnType.ToDisplayString(TypeFormat),
                ReadParameters(method, roles, implementExplicitly),
                implementExplicitly ? declaring.ToDisplayString(TypeFormat) : null,
                routeField,
                routeModels,
                HasNullableAnnotation(method.ReturnType)));
        }

        if (table.Entries.Count == 0)
        {
            return null;
        }

        return BuildSpec(chainInterface, chainName!, chainClassName, fallBackOnContentFilter, requestTimeoutMs, table, finalFallback, finalFallbackMethod, members, fields);
    }

    private static ChainSpec BuildSpec(
        INamedTypeSymbol chainInterface,
        string chainName,
        string chainClassName,
        bool fallBackOnContentFilter,
        int requestTimeoutMs,
        ModelTable table,
        FinalFallbackSpec? finalFallback,
        IMethodSymbol? finalFallbackMethod,
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

        extensionName.Append(chainClassName);

        // The extension class is found by its method, not its name: when this project already has a type of that name
        // in the namespace, the class takes a longer one rather than fail to compile.
        string extensionClassSuffix = "ServiceCollectionExtensions";
        for (int n = 1; ChainRules.IsTypeNameTaken(chainInterface.ContainingNamespace, extensionName + extensionClassSuffix); n++)
        {
            extensionClassSuffix = "FallbackServiceCollectionExtensions" + (n == 1 ? string.Empty : n.ToString(CultureInfo.InvariantCulture));
        }

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
            ExtensionClassSuffix: extensionClassSuffix,
            UsageAttributes: UsageAttributes(chainInterface),
            ChainClassUsageAttributes: UsageAttributes(chainInterface, alreadyOn: UserPartOfChainClass(chainInterface, chainClassName)),
            SuppressedDiagnostics: SuppressedDiagnostics(chainInterface, finalFallbackMethod, members),
            ChainName: chainName,
            FallBackOnContentFilter: fallBackOnContentFilter,
            RequestTimeoutMs: requestTimeoutMs,
            Models: new EquatableArray<ModelSpec>(table.Entries),
            InterfaceModelCount: table.InterfaceModelCount,
            FinalFallback: finalFallback,
            Members: new EquatableArray<MemberSpec>(members),
            Fields: fields);
    }

    /// <summary>
    /// Names the chain class already uses for its own members: its <c>ChainName</c> and every public or protected member
    /// of <c>Fallback.FallbackChainBase</c> (Engine, DefaultRoute, Name, GetStats, GetResponseAsync, ...). A declared
    /// member with one is implemented explicitly, so a member added to the base class needs no change here.
    /// </summary>
    private static HashSet<string> ReservedNames(INamedTypeSymbol chainBase)
    {
        var names = new HashSet<string>(ChainConstants, StringComparer.Ordinal);
        foreach (ISymbol member in chainBase.GetMembers())
        {
            if (member.CanBeReferencedByName && member.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal))
            {
                names.Add(member.Name);
            }
        }

        return names;
    }

    /// <summary>The <c>[Obsolete]</c> and <c>[Experimental]</c> that apply to the interface (its own, else the nearest containing type's), written out.</summary>
    private static string UsageAttributes(INamedTypeSymbol chainInterface, INamedTypeSymbol? alreadyOn = null)
    {
        var text = new StringBuilder();
        foreach (string name in new[] { KnownNames.ObsoleteAttribute, KnownNames.ExperimentalAttribute })
        {
            if (ChainRules.ApplyingAttribute(chainInterface, name) is { } attribute && (alreadyOn is null || !ChainRules.HasAttribute(alreadyOn, name)))
            {
                text.Append(RenderAttribute(attribute));
            }
        }

        return text.ToString();
    }

    /// <summary>The user's own part of the chain class (a partial class of its name beside the interface), or null.</summary>
    private static INamedTypeSymbol? UserPartOfChainClass(INamedTypeSymbol chainInterface, string chainClassName)
    {
        foreach (INamedTypeSymbol type in chainInterface.ContainingType?.GetTypeMembers(chainClassName, 0) ?? chainInterface.ContainingNamespace.GetTypeMembers(chainClassName, 0))
        {
            return type;
        }

        return null;
    }

    /// <summary>The parameter's attributes from <c>System.Diagnostics.CodeAnalysis</c> that nullable analysis reads, written out.</summary>
    private static string NullableAnalysisAttributes(IParameterSymbol parameter)
    {
        var text = new StringBuilder();
        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass
                && attributeClass.ContainingNamespace.ToDisplayString() == "System.Diagnostics.CodeAnalysis"
                && attributeClass.Name is "AllowNullAttribute" or "DisallowNullAttribute" or "MaybeNullAttribute" or "NotNullAttribute"
                    or "MaybeNullWhenAttribute" or "NotNullWhenAttribute" or "NotNullIfNotNullAttribute")
            {
                text.Append(RenderAttribute(attribute));
            }
        }

        return text.ToString();
    }

    /// <summary>An attribute as C# source: <c>[global::Name(arguments, Named = value)]</c>.</summary>
    private static string RenderAttribute(AttributeData attribute)
    {
        var text = new StringBuilder("[").Append(attribute.AttributeClass!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).Append('(');
        bool first = true;
        foreach (TypedConstant argument in attribute.ConstructorArguments)
        {
            text.Append(first ? string.Empty : ", ").Append(argument.ToCSharpString());
            first = false;
        }

        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            text.Append(first ? string.Empty : ", ").Append(named.Key).Append(" = ").Append(named.Value.ToCSharpString());
            first = false;
        }

        return text.Append(")]").ToString();
    }

    /// <summary>See <see cref="ChainSpec.SuppressedDiagnostics"/>.</summary>
    private static string SuppressedDiagnostics(INamedTypeSymbol chainInterface, IMethodSymbol? finalFallback, List<MemberSpec> members)
    {
        var ids = new List<string>();

        // [NotNull] string? prompt: the engine throws on null, which the compiler cannot see (CS8777).
        foreach (MemberSpec member in members)
        {
            foreach (ParameterSpec parameter in member.Parameters)
            {
                if (parameter.Attributes.Contains(".NotNull") && !ids.Contains("CS8777"))
                {
                    ids.Add("CS8777");
                }
            }
        }

        AddExperimentalId(ChainRules.ApplyingAttribute(chainInterface, KnownNames.ExperimentalAttribute));
        if (finalFallback is not null)
        {
            // Obsolete as a warning: turned off where the generated code calls it. As an error it is FB0009, unless the
            // interface is obsolete too (then so is the generated class, which may call it).
            if (ChainRules.HasAttribute(finalFallback, KnownNames.ObsoleteAttribute))
            {
                ids.Add("CS0612");
                ids.Add("CS0618");
            }

            AddExperimentalId(ChainRules.ApplyingAttribute(finalFallback, KnownNames.ExperimentalAttribute));
        }

        return string.Join(", ", ids);

        void AddExperimentalId(AttributeData? experimental)
        {
            // A pragma takes identifiers only; another id is left to fail where the user can see it.
            if (experimental?.ConstructorArguments is [{ Value: string id }] && id.Length != 0 && IsPragmaIdentifier(id) && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        static bool IsPragmaIdentifier(string id)
        {
            foreach (char c in id)
            {
                if (!char.IsLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            return true;
        }
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

            // The engine takes non-null messages and prompt (and checks them); options may be null. The type as written
            // here, after a null default made it nullable.
            bool suppress = role is ParameterRole.Messages or ParameterRole.Prompt && HasNullableAnnotation(type);
            parameters.Add(new ParameterSpec(Escape(parameter.Name), type.ToDisplayString(TypeFormat), role, defaultValue, suppress, NullableAnalysisAttributes(parameter)));
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
