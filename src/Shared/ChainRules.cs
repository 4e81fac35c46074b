// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): one statement of what the
// generator can implement, so the analyzers explain exactly what the generator skips.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Fallback.SourceGeneration;

/// <summary>Metadata names the generator and analyzers look for.</summary>
internal static class KnownNames
{
    public const string FallbackChainAttribute = "Fallback.FallbackChainAttribute";
    public const string ModelAttribute = "Fallback.ModelAttribute";
    public const string FinalFallbackAttribute = "Fallback.FinalFallbackAttribute";
    public const string AllModelsFailedException = "Fallback.AllModelsFailedException";
    public const string IFallbackChain = "Fallback.IFallbackChain";
    public const string FallbackChainBase = "Fallback.FallbackChainBase";
    public const string IChatClient = "Microsoft.Extensions.AI.IChatClient";
    public const string ChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    public const string ChatOptions = "Microsoft.Extensions.AI.ChatOptions";
    public const string ChatResponse = "Microsoft.Extensions.AI.ChatResponse";
    public const string ChatResponseUpdate = "Microsoft.Extensions.AI.ChatResponseUpdate";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string ObsoleteAttribute = "System.ObsoleteAttribute";
    public const string ExperimentalAttribute = "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";
    public const string Task1 = "System.Threading.Tasks.Task`1";
    public const string ValueTask1 = "System.Threading.Tasks.ValueTask`1";
    public const string IEnumerable1 = "System.Collections.Generic.IEnumerable`1";
    public const string IAsyncEnumerable1 = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string IDisposable = "System.IDisposable";
}

/// <summary>The member shapes the generator implements.</summary>
internal enum MemberShape
{
    /// <summary>Not implementable; the analyzer reports FB0008.</summary>
    Unsupported,

    /// <summary><c>Task&lt;ChatResponse&gt; M(IEnumerable&lt;ChatMessage&gt;, ChatOptions?, CancellationToken)</c>.</summary>
    Response,

    /// <summary><c>IAsyncEnumerable&lt;ChatResponseUpdate&gt; M(IEnumerable&lt;ChatMessage&gt;, ChatOptions?, CancellationToken)</c>.</summary>
    Streaming,

    /// <summary><c>Task&lt;string&gt; M(string prompt, ChatOptions?, CancellationToken)</c>.</summary>
    Text,
}

/// <summary>What one parameter of a supported member carries.</summary>
internal enum ParameterRole
{
    Messages,
    Prompt,
    Options,
    CancellationToken,
}

/// <summary>How a final fallback method returns its answer.</summary>
internal enum FinalFallbackReturn
{
    Invalid,
    ChatResponse,
    Task,
    ValueTask,
}

/// <summary>Why the generator cannot emit a chain for a <c>[FallbackChain]</c> interface at all.</summary>
internal enum ChainInterfaceProblem
{
    None,

    /// <summary>The interface is not partial (FB0001).</summary>
    NotPartial,

    /// <summary>A containing type is not partial, so the chain class cannot be nested beside it (FB0012).</summary>
    ContainingTypeNotPartial,

    /// <summary>The interface or a containing type is private, protected or file-local (FB0013).</summary>
    Inaccessible,

    /// <summary>The interface or a containing type is generic (FB0014).</summary>
    Generic,
}

internal static class ChainRules
{
    /// <summary>More retries than this on one model is a mistake (FB0006), not a policy.</summary>
    public const int MaxReasonableRetries = 10;

    /// <summary>The supported shapes, for messages that tell the user what would work.</summary>
    public const string SupportedShapes =
        "Task<ChatResponse> M(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken), " +
        "IAsyncEnumerable<ChatResponseUpdate> M(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken), " +
        "or Task<string> M(string prompt, ChatOptions? options, CancellationToken cancellationToken); options and token are optional, in any order";

    /// <summary><c>IContentGenerator</c> becomes <c>ContentGeneratorChain</c>; a name without the I prefix keeps its name.</summary>
    public static string ChainClassName(string interfaceName)
    {
        string core = interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1])
            ? interfaceName.Substring(1)
            : interfaceName;
        return core + "Chain";
    }

    /// <summary>
    /// Every reason the generator skips a <c>[FallbackChain]</c> interface, each with the type at fault (the
    /// interface or one of its containing types). The chain class is emitted beside the interface, inside
    /// the same containing types, and the DI extension class is top level, so every type on the way must
    /// be partial, non-generic and at least internal.
    /// </summary>
    public static ImmutableArray<(ChainInterfaceProblem Problem, INamedTypeSymbol Type)> ClassifyChainInterface(INamedTypeSymbol chainInterface)
    {
        var problems = ImmutableArray.CreateBuilder<(ChainInterfaceProblem, INamedTypeSymbol)>();
        for (INamedTypeSymbol? type = chainInterface; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type))
            {
                problems.Add((ReferenceEquals(type, chainInterface) ? ChainInterfaceProblem.NotPartial : ChainInterfaceProblem.ContainingTypeNotPartial, type));
            }

            if (type.IsFileLocal || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                problems.Add((ChainInterfaceProblem.Inaccessible, type));
            }

            if (type.Arity > 0)
            {
                problems.Add((ChainInterfaceProblem.Generic, type));
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>Whether every declaration of <paramref name="type"/> carries the <c>partial</c> modifier.</summary>
    public static bool IsPartial(INamedTypeSymbol type)
    {
        if (type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
                || !Microsoft.CodeAnalysis.CSharpExtensions.Any(declaration.Modifiers, Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the chain class (not the generator) already provides this interface's members.</summary>
    public static bool IsProvidedByChain(INamedTypeSymbol declaringInterface)
    {
        string name = declaringInterface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return name is "global::Microsoft.Extensions.AI.IChatClient" or "global::System.IDisposable" or "global::Fallback.IFallbackChain";
    }

    /// <summary>
    /// Whether the generator must implement <paramref name="member"/>: abstract instance members of the
    /// chain interface and the interfaces it inherits, other than those the chain class provides.
    /// </summary>
    public static bool NeedsImplementation(ISymbol member)
    {
        // A nested interface or abstract class is abstract too, but it is a type the chain contains, not a member it implements.
        if (member is INamedTypeSymbol || member.IsStatic || !member.IsAbstract || member.ContainingType is not { TypeKind: TypeKind.Interface } owner)
        {
            return false;
        }

        if (IsProvidedByChain(owner))
        {
            return false;
        }

        // Accessors are reported through their property or event.
        return member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary };
    }

    /// <summary>Classifies an interface method; <paramref name="reason"/> says why an unsupported one is not implementable.</summary>
    public static MemberShape ClassifyMethod(IMethodSymbol method, out ImmutableArray<ParameterRole> roles, out string? reason)
    {
        roles = ImmutableArray<ParameterRole>.Empty;
        reason = null;
        if (method.IsGenericMethod)
        {
            reason = "generic methods are not supported";
            return MemberShape.Unsupported;
        }

        MemberShape shape;
        if (IsConstructed(method.ReturnType, KnownNames.Task1, KnownNames.ChatResponse))
        {
            shape = MemberShape.Response;
        }
        else if (IsConstructed(method.ReturnType, KnownNames.IAsyncEnumerable1, KnownNames.ChatResponseUpdate))
        {
            shape = MemberShape.Streaming;
        }
        else if (method.ReturnType is INamedTypeSymbol { IsGenericType: true } task
            && IsNamed(task.ConstructedFrom, KnownNames.Task1)
            && task.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            shape = MemberShape.Text;
        }
        else
        {
            reason = "its return type is not Task<ChatResponse>, IAsyncEnumerable<ChatResponseUpdate> or Task<string>";
            return MemberShape.Unsupported;
        }

        var builder = ImmutableArray.CreateBuilder<ParameterRole>(method.Parameters.Length);
        bool hasInput = false, hasOptions = false, hasToken = false;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                reason = $"parameter '{parameter.Name}' is ref, out, in or params";
                return MemberShape.Unsupported;
            }

            ParameterRole role;
            if (shape != MemberShape.Text && IsConstructed(parameter.Type, KnownNames.IEnumerable1, KnownNames.ChatMessage) && !hasInput)
            {
                role = ParameterRole.Messages;
                hasInput = true;
            }
            else if (shape == MemberShape.Text && parameter.Type.SpecialType == SpecialType.System_String && !hasInput)
            {
                role = ParameterRole.Prompt;
                hasInput = true;
            }
            else if (IsNamed(parameter.Type, KnownNames.ChatOptions) && !hasOptions)
            {
                role = ParameterRole.Options;
                hasOptions = true;
            }
            else if (IsNamed(parameter.Type, KnownNames.CancellationToken) && !hasToken)
            {
                role = ParameterRole.CancellationToken;
                hasToken = true;
            }
            else
            {
                reason = $"parameter '{parameter.Name}' of type {parameter.Type.ToDisplayString()} has no role (or repeats one)";
                return MemberShape.Unsupported;
            }

            builder.Add(role);
        }

        if (!hasInput)
        {
            reason = shape == MemberShape.Text ? "it takes no string prompt" : "it takes no IEnumerable<ChatMessage>";
            return MemberShape.Unsupported;
        }

        roles = builder.MoveToImmutable();
        return shape;
    }

    /// <summary>
    /// Checks a <c>[FinalFallback]</c> method: static, returning ChatResponse, Task&lt;ChatResponse&gt; or
    /// ValueTask&lt;ChatResponse&gt;, taking (IEnumerable&lt;ChatMessage&gt;, AllModelsFailedException) and
    /// optionally a trailing CancellationToken, not generic.
    /// </summary>
    public static FinalFallbackReturn ClassifyFinalFallback(IMethodSymbol method, out bool takesCancellationToken, out string? reason)
    {
        takesCancellationToken = false;
        reason = null;
        if (!method.IsStatic)
        {
            reason = "it is not static";
            return FinalFallbackReturn.Invalid;
        }

        if (method.IsGenericMethod)
        {
            reason = "it is generic";
            return FinalFallbackReturn.Invalid;
        }

        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
        {
            reason = "it is private or protected, so the generated chain cannot call it";
            return FinalFallbackReturn.Invalid;
        }

        // Inside an obsolete interface the generated class is obsolete too, and may call it.
        if (IsObsoleteAsError(method) && ApplyingAttribute(method.ContainingType, KnownNames.ObsoleteAttribute) is null)
        {
            reason = "it is obsolete as an error, so the generated chain cannot call it";
            return FinalFallbackReturn.Invalid;
        }

        FinalFallbackReturn kind = IsNamed(method.ReturnType, KnownNames.ChatResponse) ? FinalFallbackReturn.ChatResponse
            : IsConstructed(method.ReturnType, KnownNames.Task1, KnownNames.ChatResponse) ? FinalFallbackReturn.Task
            : IsConstructed(method.ReturnType, KnownNames.ValueTask1, KnownNames.ChatResponse) ? FinalFallbackReturn.ValueTask
            : FinalFallbackReturn.Invalid;
        if (kind == FinalFallbackReturn.Invalid)
        {
            reason = "it does not return ChatResponse, Task<ChatResponse> or ValueTask<ChatResponse>";
            return kind;
        }

        var parameters = method.Parameters;
        bool shapeOk = parameters.Length is 2 or 3
            && IsConstructed(parameters[0].Type, KnownNames.IEnumerable1, KnownNames.ChatMessage)
            && IsNamed(parameters[1].Type, KnownNames.AllModelsFailedException)
            && (parameters.Length == 2 || IsNamed(parameters[2].Type, KnownNames.CancellationToken));
        foreach (IParameterSymbol parameter in parameters)
        {
            shapeOk &= parameter.RefKind == RefKind.None;
        }

        if (!shapeOk)
        {
            reason = "its parameters are not (IEnumerable<ChatMessage> messages, AllModelsFailedException failure[, CancellationToken cancellationToken])";
            return FinalFallbackReturn.Invalid;
        }

        takesCancellationToken = parameters.Length == 3;
        return kind;
    }

    /// <summary>Reads a <c>[Model]</c> attribute's constructor arguments and named properties.</summary>
    public static ModelSpec ReadModel(AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        var model = new ModelSpec(args.Length > 0 ? args[0].Value as string : null, args.Length > 1 ? args[1].Value as string : null);
        foreach (var named in attribute.NamedArguments)
        {
            if (ModelProperty.Find(named.Key) is { } property)
            {
                model = property.Read(model, named.Value.Value);
            }
        }

        return model;
    }

    /// <summary>What is wrong with a model's values (FB0006), or null when they are valid.</summary>
    public static string? ValidateModel(ModelSpec model) => ValidateModel(model, out _);

    /// <summary>
    /// What is wrong with a model's values (FB0006), or null when they are valid; <paramref name="property"/>
    /// names the offending <c>[Model]</c> property (Provider, Model, Priority, ...), for precise locations.
    /// </summary>
    public static string? ValidateModel(ModelSpec model, out string? property)
    {
        property = null;
        if (string.IsNullOrWhiteSpace(model.Provider))
        {
            property = "Provider";
            return "the provider is empty";
        }

        if (string.IsNullOrWhiteSpace(model.Model))
        {
            property = "Model";
            return "the model is empty";
        }

        foreach (ModelProperty rule in ModelProperty.All)
        {
            if (rule.Get(model) is double price)
            {
                property = rule.Name;
                if (double.IsNaN(price) || double.IsInfinity(price))
                {
                    return $"{rule.Name} is not a number ({rule.Format(model)})";
                }

                if (price < 0)
                {
                    return $"{rule.Name} is negative ({rule.Format(model)})";
                }

                continue;
            }

            if (rule.Get(model) is not int value)
            {
                continue;
            }

            property = rule.Name;
            if (rule.NonNegative && value < 0)
            {
                return $"{rule.Name} is negative ({rule.Format(model)})";
            }

            if (value > rule.Max)
            {
                return $"{rule.Name} is {rule.Format(model)}, more than {rule.Max.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            }
        }

        property = null;
        return null;
    }

    /// <summary>Whether a chain name can key the chain's service and label its telemetry (FB0016 when not).</summary>
    public static bool IsValidChainName(string? name) => !string.IsNullOrWhiteSpace(name);

    /// <summary>
    /// What is wrong with the named values of a <c>[FallbackChain]</c> (FB0027), or null when they are valid;
    /// <paramref name="property"/> names the offending property, for a precise location. <c>RequestTimeoutMs</c> cannot be
    /// negative: 0 declares no request timeout, and the runtime refuses a request timeout of 0 or less (the generated chain
    /// would throw when it is built, or the value would be dropped silently when options set their own).
    /// </summary>
    public static string? ValidateChain(AttributeData chainAttribute, out string? property)
    {
        foreach (KeyValuePair<string, TypedConstant> named in chainAttribute.NamedArguments)
        {
            if (named.Key == "RequestTimeoutMs" && named.Value.Value is int timeout && timeout < 0)
            {
                property = named.Key;
                return "RequestTimeoutMs is negative (" + timeout.ToString(System.Globalization.CultureInfo.InvariantCulture) + "); 0 declares no request timeout";
            }
        }

        property = null;
        return null;
    }

    /// <summary>
    /// The <c>[FallbackChain]</c> interface declared beside <paramref name="chainInterface"/> (same namespace or containing
    /// type, same assembly) whose chain class would have the same name (FB0026), or null. Only <c>IX</c> and <c>X</c> give
    /// one class name (<c>XChain</c>); the interface with the I prefix keeps it, as the naming rule is written for it, so
    /// this returns the <c>IX</c> beside an <c>X</c> and null for the <c>IX</c>. Whether <c>IX</c> is itself valid does not
    /// matter: both declarations claim the name, and the answer does not depend on the order of files.
    /// </summary>
    public static INamedTypeSymbol? ChainClassNameOwner(INamedTypeSymbol chainInterface)
    {
        string className = ChainClassName(chainInterface.Name);
        if (className != chainInterface.Name + "Chain")
        {
            return null;
        }

        string ownerName = "I" + chainInterface.Name;
        ImmutableArray<INamedTypeSymbol> siblings = chainInterface.ContainingType is { } containing
            ? containing.GetTypeMembers(ownerName)
            : chainInterface.ContainingNamespace.GetTypeMembers(ownerName);
        foreach (INamedTypeSymbol sibling in siblings)
        {
            if (sibling.TypeKind == TypeKind.Interface
                && SymbolEqualityComparer.Default.Equals(sibling.ContainingAssembly, chainInterface.ContainingAssembly)
                && ChainClassName(sibling.Name) == className
                && HasAttribute(sibling, KnownNames.FallbackChainAttribute))
            {
                return sibling;
            }
        }

        return null;
    }

    /// <summary>
    /// What already takes the name of the class generated for <paramref name="chainInterface"/> (FB0026), or null:
    /// another chain beside it that generates the same class (<see cref="ChainClassNameOwner"/>); the containing type of
    /// that name (a member cannot share its enclosing type's name); or any other non-generic type, namespace or member of
    /// that name declared in this project beside the interface. A class that can be a part of the generated one is not in
    /// the way (<see cref="CanJoinChainClass"/>): it is the generated class, or the user's own part of it.
    /// </summary>
    public static ISymbol? ChainClassNameTaker(INamedTypeSymbol chainInterface)
    {
        if (ChainClassNameOwner(chainInterface) is { } owner)
        {
            return owner;
        }

        string className = ChainClassName(chainInterface.Name);
        if (chainInterface.ContainingType is { } containing && containing.Name == className)
        {
            return containing;
        }

        IEnumerable<ISymbol> sameName = chainInterface.ContainingType is { } scope
            ? scope.GetMembers(className)
            : chainInterface.ContainingNamespace.GetMembers(className);
        return FirstCollision(sameName, chainInterface);
    }

    /// <summary>
    /// Whether a non-generic type or a namespace named <paramref name="className"/> is declared in <paramref name="scope"/>
    /// in this project: the generated registration class must then take another name.
    /// </summary>
    public static bool IsTypeNameTaken(INamespaceSymbol scope, string className)
        => FirstCollision(scope.GetMembers(className), chainInterface: null) is not null;

    /// <summary>
    /// The first of <paramref name="symbols"/> (all of one name) that a non-generic class of that name, generated in a file
    /// of its own, would collide with; with <paramref name="chainInterface"/>, a class that can join the chain class is
    /// none.
    /// </summary>
    private static ISymbol? FirstCollision(IEnumerable<ISymbol> symbols, INamedTypeSymbol? chainInterface)
    {
        foreach (ISymbol symbol in symbols)
        {
            // A referenced assembly's type or namespace, a generic type (another arity) or a file-local type (another file)
            // sits beside the generated class without a conflict.
            if (!IsDeclaredInSource(symbol)
                || symbol is INamedTypeSymbol { Arity: > 0 } or INamedTypeSymbol { IsFileLocal: true }
                || (chainInterface is not null && CanJoinChainClass((symbol as INamedTypeSymbol)!, chainInterface)))
            {
                continue;
            }

            return symbol;
        }

        return null;
    }

    private static bool IsDeclaredInSource(ISymbol symbol)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="type"/> can be a part of the chain class generated for <paramref name="chainInterface"/>:
    /// a class declared partial everywhere, neither static nor abstract, with no base class but the chain's, and no
    /// accessibility but the interface's.
    /// </summary>
    private static bool CanJoinChainClass(INamedTypeSymbol? type, INamedTypeSymbol chainInterface)
    {
        if (type is not { TypeKind: TypeKind.Class, IsStatic: false, IsAbstract: false } || type.DeclaringSyntaxReferences.IsEmpty
            || (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !IsNamed(baseType, KnownNames.FallbackChainBase)))
        {
            return false;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not ClassDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                || DeclaredAccessibility(declaration.Modifiers) is { } declared && declared != chainInterface.DeclaredAccessibility)
            {
                return false;
            }
        }

        return true;
    }

    private static Accessibility? DeclaredAccessibility(SyntaxTokenList modifiers)
    {
        bool isPublic = modifiers.Any(SyntaxKind.PublicKeyword), isInternal = modifiers.Any(SyntaxKind.InternalKeyword);
        bool isProtected = modifiers.Any(SyntaxKind.ProtectedKeyword), isPrivate = modifiers.Any(SyntaxKind.PrivateKeyword);
        return isPublic ? Accessibility.Public
            : isProtected && isInternal ? Accessibility.ProtectedOrInternal
            : isProtected && isPrivate ? Accessibility.ProtectedAndInternal
            : isProtected ? Accessibility.Protected
            : isInternal ? Accessibility.Internal
            : isPrivate ? Accessibility.Private
            : null;
    }

    /// <summary>
    /// Whether a model sets <c>Client</c> to an empty or whitespace key (FB0017): empty silently falls back
    /// to the provider's client, whitespace names a client nobody registers.
    /// </summary>
    public static bool HasEmptyClient(ModelSpec model) => model.Client is not null && string.IsNullOrWhiteSpace(model.Client);

    /// <summary>
    /// Whether an interface member makes the interface unimplementable by a class the generator writes: a static
    /// abstract member (the chain would have to implement it, and the interface could not be a type argument).
    /// </summary>
    public static bool IsStaticAbstract(ISymbol member)
        => member.IsStatic && member.IsAbstract && member.ContainingType is { TypeKind: TypeKind.Interface };

    /// <summary>
    /// Whether <paramref name="member"/> is a static abstract member that <paramref name="chainInterface"/> leaves without
    /// an implementation (FB0008): one the chain interface implements itself (<c>static string IBase.Label => "x";</c>)
    /// is no obstacle.
    /// </summary>
    public static bool IsUnimplementedStaticAbstract(INamedTypeSymbol chainInterface, ISymbol member)
        => IsStaticAbstract(member) && chainInterface.FindImplementationForInterfaceMember(member) is not { IsAbstract: false };

    /// <summary>
    /// The member that re-abstracts <paramref name="member"/>, inherited with a default implementation, for
    /// <paramref name="chainInterface"/> (<c>abstract Task&lt;string&gt; IBase.AskAsync(string prompt);</c> in the chain
    /// interface or an interface between), or null: the generated class would have to implement it explicitly, which it
    /// does not (FB0008).
    /// </summary>
    public static ISymbol? Reabstraction(INamedTypeSymbol chainInterface, ISymbol member)
    {
        if (member.IsAbstract || member.IsStatic || member is INamedTypeSymbol or IMethodSymbol { MethodKind: not MethodKind.Ordinary }
            || member.ContainingType is not { TypeKind: TypeKind.Interface } owner || SymbolEqualityComparer.Default.Equals(owner, chainInterface))
        {
            return null;
        }

        // Implemented again further down (or never re-abstracted): nothing to do.
        if (chainInterface.FindImplementationForInterfaceMember(member) is { IsAbstract: false })
        {
            return null;
        }

        // The chain interface's own re-abstraction first, then one in an interface between (IChat : IMid, IMid : IBase).
        foreach (INamedTypeSymbol candidate in new[] { chainInterface }.Concat(chainInterface.AllInterfaces))
        {
            foreach (ISymbol own in candidate.GetMembers())
            {
                if (!own.IsAbstract)
                {
                    continue;
                }

                foreach (ISymbol implemented in ExplicitImplementations(own))
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented, member))
                    {
                        return own;
                    }
                }
            }
        }

        return null;

        static ImmutableArray<ISymbol> ExplicitImplementations(ISymbol symbol) => symbol switch
        {
            IMethodSymbol method => ImmutableArray<ISymbol>.CastUp(method.ExplicitInterfaceImplementations),
            IPropertySymbol property => ImmutableArray<ISymbol>.CastUp(property.ExplicitInterfaceImplementations),
            IEventSymbol @event => ImmutableArray<ISymbol>.CastUp(@event.ExplicitInterfaceImplementations),
            _ => ImmutableArray<ISymbol>.Empty,
        };
    }

    /// <summary>
    /// Whether two declarations of the same entry (<see cref="SameEntry"/>) also agree on every value the entry
    /// keeps (<see cref="ModelProperty.IsEntryValue"/>), so a member's own <c>[Model]</c> can share the table entry of
    /// the interface's (or another member's). Priority is not one of them: it orders one list, and a member may order
    /// the chain's models its own way. Entries that are the same but disagree (say on MaxRetries) cannot both be in one
    /// table: the generator skips the chain (FB0019).
    /// </summary>
    public static bool SameValues(ModelSpec a, ModelSpec b) => SameEntry(a, b) && Difference(a, b) is null;

    /// <summary>
    /// The first value the entry keeps on which <paramref name="repeat"/> differs from <paramref name="first"/>, as FB0019
    /// words it (<c>MaxRetries (3, there 1)</c>), or null when they agree.
    /// </summary>
    public static string? Difference(ModelSpec first, ModelSpec repeat)
    {
        foreach (ModelProperty property in ModelProperty.All)
        {
            if (property.IsEntryValue && !Equals(property.Get(first), property.Get(repeat)))
            {
                return $"{property.Name} ({property.Format(repeat)}, there {property.Format(first)})";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether two models are the same entry (FB0007): provider, model and client key all equal. Within one
    /// <c>[Model]</c> list the generator keeps the first declaration of an entry and drops its repeats.
    /// </summary>
    public static bool SameEntry(ModelSpec a, ModelSpec b)
        => string.Equals(a.Provider, b.Provider, StringComparison.Ordinal)
        && string.Equals(a.Model, b.Model, StringComparison.Ordinal)
        && string.Equals(a.ClientKey, b.ClientKey, StringComparison.Ordinal);

    /// <summary>
    /// The chain interface's members in the generator's order, each with the interface that declares it: the
    /// interface's own, then those of every interface it inherits (in <c>AllInterfaces</c> order). The one member walk
    /// the parser and the analyzers share.
    /// </summary>
    public static IEnumerable<(INamedTypeSymbol Declaring, ISymbol Member)> Members(INamedTypeSymbol chainInterface)
    {
        foreach (ISymbol member in chainInterface.GetMembers())
        {
            yield return (chainInterface, member);
        }

        foreach (INamedTypeSymbol inherited in chainInterface.AllInterfaces)
        {
            foreach (ISymbol member in inherited.GetMembers())
            {
                yield return (inherited, member);
            }
        }
    }

    /// <summary>The members the generated chain implements (<see cref="IsImplementedByChain"/>), in <see cref="Members"/> order.</summary>
    public static IEnumerable<(INamedTypeSymbol Declaring, ISymbol Member)> ImplementedMembers(INamedTypeSymbol chainInterface)
    {
        foreach ((INamedTypeSymbol declaring, ISymbol member) in Members(chainInterface))
        {
            if (IsImplementedByChain(chainInterface, member))
            {
                yield return (declaring, member);
            }
        }
    }

    /// <summary>
    /// The chain's model table, merged once for the parser and the analyzers: the interface's models by (priority,
    /// declaration order), then the members' own models that the table does not hold yet, each entry with the values
    /// of its first declaration. A repeat within one list is dropped (FB0007). A member's declaration of an entry
    /// declared before (by the interface, another member or itself) that disagrees on a value the entry keeps is a
    /// conflict (FB0019); so is an invalid model (FB0006): the generator skips a chain with either.
    /// </summary>
    public static ModelTable MergeModels(INamedTypeSymbol chainInterface)
    {
        var table = new ModelTable();
        var firstDeclarations = new List<(ModelSpec Model, string Owner)>();
        table.Entries.AddRange(ReadModelList(chainInterface, chainInterface.Name, isMember: false, table, firstDeclarations));
        table.InterfaceModelCount = table.Entries.Count;

        foreach ((INamedTypeSymbol declaring, ISymbol member) in ImplementedMembers(chainInterface))
        {
            List<ModelSpec> own = ReadModelList(member, declaring.Name + "." + member.Name, isMember: true, table, firstDeclarations);
            if (own.Count == 0)
            {
                continue;
            }

            var route = new int[own.Count];
            for (int i = 0; i < own.Count; i++)
            {
                ModelSpec model = own[i];
                int index = table.Entries.FindIndex(entry => SameEntry(entry, model));
                if (index < 0)
                {
                    index = table.Entries.Count;
                    table.Entries.Add(model);
                }

                route[i] = index;
            }

            table.Routes.Add(member, route);
        }

        return table;
    }

    /// <summary>One <c>[Model]</c> list, sorted by (priority, declaration order), each entry's first declaration only.</summary>
    private static List<ModelSpec> ReadModelList(ISymbol owner, string ownerName, bool isMember, ModelTable table, List<(ModelSpec Model, string Owner)> firstDeclarations)
    {
        var list = new List<ModelSpec>();
        foreach (AttributeData attribute in owner.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass || !IsNamed(attributeClass, KnownNames.ModelAttribute))
            {
                continue;
            }

            ModelSpec model = ReadModel(attribute);
            table.HasInvalidModel |= ValidateModel(model) is not null;

            int first = firstDeclarations.FindIndex(declared => SameEntry(declared.Model, model));
            if (first < 0)
            {
                firstDeclarations.Add((model, ownerName));
            }
            else if (isMember && Difference(firstDeclarations[first].Model, model) is { } difference)
            {
                table.Conflicts.Add(new ModelConflict(attribute, model, ownerName, firstDeclarations[first].Owner, difference));
            }

            if (list.Exists(listed => SameEntry(listed, model)))
            {
                continue;
            }

            // Stable insertion by priority: ties keep declaration order, as the engine's routes do.
            int at = list.Count;
            while (at > 0 && list[at - 1].Priority > model.Priority)
            {
                at--;
            }

            list.Insert(at, model);
        }

        return list;
    }

    /// <summary>
    /// Whether the generator implements <paramref name="member"/> of <paramref name="chainInterface"/>'s chain: it
    /// needs an implementation (<see cref="NeedsImplementation"/>) and no inherited interface gives it a default one.
    /// </summary>
    public static bool IsImplementedByChain(INamedTypeSymbol chainInterface, ISymbol member)
        => NeedsImplementation(member)
        && (SymbolEqualityComparer.Default.Equals(member.ContainingType, chainInterface)
            || chainInterface.FindImplementationForInterfaceMember(member) is not { IsAbstract: false });

    /// <summary>
    /// The attribute named <paramref name="metadataName"/> on <paramref name="symbol"/> or, failing that, on the nearest
    /// containing type that has one: how <c>[Obsolete]</c> and <c>[Experimental]</c> apply.
    /// </summary>
    public static AttributeData? ApplyingAttribute(ISymbol symbol, string metadataName)
    {
        for (ISymbol? current = symbol; current is not null; current = current.ContainingType)
        {
            if (FindAttribute(current, metadataName) is { } attribute)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool IsObsoleteAsError(ISymbol symbol)
        => FindAttribute(symbol, KnownNames.ObsoleteAttribute) is { ConstructorArguments: [_, { Value: true }] };

    /// <summary>Whether <paramref name="symbol"/> carries a <c>[Model]</c> of its own.</summary>
    public static bool HasModels(ISymbol symbol) => HasAttribute(symbol, KnownNames.ModelAttribute);

    /// <summary>Whether <paramref name="symbol"/> itself carries the attribute named <paramref name="metadataName"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, string metadataName) => FindAttribute(symbol, metadataName) is not null;

    /// <summary>The first attribute named <paramref name="metadataName"/> on <paramref name="symbol"/> itself, or null.</summary>
    public static AttributeData? FindAttribute(ISymbol symbol, string metadataName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && IsNamed(attributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether the chain interface is an <c>IChatClient</c>, whose members the chain serves with the interface's models.</summary>
    public static bool ExtendsChatClient(INamedTypeSymbol chainInterface)
    {
        foreach (INamedTypeSymbol inherited in chainInterface.AllInterfaces)
        {
            if (IsNamed(inherited, KnownNames.IChatClient))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// FB0004's rule for a chain whose interface declares no <c>[Model]</c>: whether something would be left with
    /// no model. The interface's models serve its <c>IChatClient</c> members (when it extends <c>IChatClient</c>) and
    /// every implemented member without <c>[Model]</c>s of its own; a chain whose every member brings its own needs
    /// none (its <c>IChatClient</c> surface, which the interface does not declare, tries the whole table). A chain
    /// with no model anywhere needs them too.
    /// </summary>
    public static bool NeedsInterfaceModels(INamedTypeSymbol chainInterface)
    {
        if (ExtendsChatClient(chainInterface))
        {
            return true;
        }

        bool anyMember = false;
        foreach ((_, ISymbol member) in ImplementedMembers(chainInterface))
        {
            anyMember = true;
            if (!HasModels(member))
            {
                return true;
            }
        }

        return !anyMember;
    }

    /// <summary>Whether <paramref name="type"/> is the type with this metadata name (nullability ignored).</summary>
    public static bool IsNamed(ITypeSymbol type, string metadataName)
        => type is INamedTypeSymbol named && FullMetadataName(named.OriginalDefinition) == metadataName;

    private static bool IsConstructed(ITypeSymbol type, string genericMetadataName, string argumentMetadataName)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && IsNamed(named.ConstructedFrom, genericMetadataName)
        && IsNamed(named.TypeArguments[0], argumentMetadataName);

    /// <summary>The type's metadata name with its namespace and containing types: <c>N.Outer+IChat</c>.</summary>
    public static string FullMetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}

/// <summary>A chain's model table as <see cref="ChainRules.MergeModels"/> builds it. Symbols inside: never a pipeline output.</summary>
internal sealed class ModelTable
{
    /// <summary>The entries, in the order the emitter writes them.</summary>
    public List<ModelSpec> Entries { get; } = new();

    /// <summary>How many leading entries are the interface's own models; 0 when it declares none.</summary>
    public int InterfaceModelCount { get; set; }

    /// <summary>Each implemented member with <c>[Model]</c>s of its own: indexes into <see cref="Entries"/>, in its order.</summary>
    public Dictionary<ISymbol, int[]> Routes { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Member declarations that disagree with an earlier declaration of their entry (FB0019).</summary>
    public List<ModelConflict> Conflicts { get; } = new();

    /// <summary>Whether a model the table reads is invalid (FB0006).</summary>
    public bool HasInvalidModel { get; set; }

    /// <summary>Whether the generator can emit the table: no invalid model and no conflict.</summary>
    public bool IsValid => !HasInvalidModel && Conflicts.Count == 0;
}

/// <summary>One FB0019: a member's <c>[Model]</c> that disagrees with the entry's first declaration.</summary>
/// <param name="Attribute">The disagreeing attribute.</param>
/// <param name="Model">Its values.</param>
/// <param name="Owner">The member that declares it: <c>IChat.SummarizeAsync</c>.</param>
/// <param name="FirstOwner">Where the entry was declared first: <c>IChat</c> or another member.</param>
/// <param name="Difference">The first differing value, worded for the message.</param>
internal sealed record ModelConflict(AttributeData Attribute, ModelSpec Model, string Owner, string FirstOwner, string Difference);
