// Shared by Fallback.Generator and Fallback.Analyzers (linked into both): one statement of what the
// generator can implement, so the analyzers explain exactly what the generator skips.
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Fallback.SourceGeneration;

/// <summary>Metadata names the generator and analyzers look for.</summary>
internal static class KnownNames
{
    public const string FallbackChainAttribute = "Fallback.FallbackChainAttribute";
    public const string ModelAttribute = "Fallback.ModelAttribute";
    public const string FinalFallbackAttribute = "Fallback.FinalFallbackAttribute";
    public const string AllModelsFailedException = "Fallback.AllModelsFailedException";
    public const string IFallbackChain = "Fallback.IFallbackChain";
    public const string IChatClient = "Microsoft.Extensions.AI.IChatClient";
    public const string ChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    public const string ChatOptions = "Microsoft.Extensions.AI.ChatOptions";
    public const string ChatResponse = "Microsoft.Extensions.AI.ChatResponse";
    public const string ChatResponseUpdate = "Microsoft.Extensions.AI.ChatResponseUpdate";
    public const string CancellationToken = "System.Threading.CancellationToken";
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

/// <summary>The values of one <c>[Model]</c> attribute, read without interpretation.</summary>
internal readonly struct ModelValues
{
    public ModelValues(string? provider, string? model, int priority, int maxRetries, bool enabled, string? client, int attemptTimeoutMs, int contextWindow)
    {
        Provider = provider;
        Model = model;
        Priority = priority;
        MaxRetries = maxRetries;
        Enabled = enabled;
        Client = client;
        AttemptTimeoutMs = attemptTimeoutMs;
        ContextWindow = contextWindow;
    }

    public string? Provider { get; }
    public string? Model { get; }
    public int Priority { get; }
    public int MaxRetries { get; }
    public bool Enabled { get; }
    public string? Client { get; }
    public int AttemptTimeoutMs { get; }
    public int ContextWindow { get; }

    /// <summary>The client key the model resolves to: <see cref="Client"/>, else the provider.</summary>
    public string? ClientKey => string.IsNullOrEmpty(Client) ? Provider : Client;
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
        if (member.IsStatic || !member.IsAbstract || member.ContainingType is not { TypeKind: TypeKind.Interface } owner)
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

        if (method.DeclaredAccessibility == Accessibility.Private)
        {
            reason = "it is private, so the generated chain cannot call it";
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
    public static ModelValues ReadModel(AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        string? provider = args.Length > 0 ? args[0].Value as string : null;
        string? model = args.Length > 1 ? args[1].Value as string : null;
        int priority = 0, maxRetries = 0, timeout = 0, window = 0;
        bool enabled = true;
        string? client = null;
        foreach (var named in attribute.NamedArguments)
        {
            object? value = named.Value.Value;
            switch (named.Key)
            {
                case "Priority" when value is int i: priority = i; break;
                case "MaxRetries" when value is int i: maxRetries = i; break;
                case "Enabled" when value is bool b: enabled = b; break;
                case "Client": client = value as string; break;
                case "AttemptTimeoutMs" when value is int i: timeout = i; break;
                case "ContextWindow" when value is int i: window = i; break;
            }
        }

        return new ModelValues(provider, model, priority, maxRetries, enabled, client, timeout, window);
    }

    /// <summary>What is wrong with a model's values (FB0006), or null when they are valid.</summary>
    public static string? ValidateModel(in ModelValues model)
    {
        if (string.IsNullOrWhiteSpace(model.Provider))
        {
            return "the provider is empty";
        }

        if (string.IsNullOrWhiteSpace(model.Model))
        {
            return "the model is empty";
        }

        if (model.Priority < 0)
        {
            return $"Priority is negative ({model.Priority})";
        }

        if (model.MaxRetries < 0)
        {
            return $"MaxRetries is negative ({model.MaxRetries})";
        }

        if (model.MaxRetries > MaxReasonableRetries)
        {
            return $"MaxRetries is {model.MaxRetries}, more than {MaxReasonableRetries}";
        }

        if (model.AttemptTimeoutMs < 0)
        {
            return $"AttemptTimeoutMs is negative ({model.AttemptTimeoutMs})";
        }

        if (model.ContextWindow < 0)
        {
            return $"ContextWindow is negative ({model.ContextWindow})";
        }

        return null;
    }

    /// <summary>Whether two models are the same entry (FB0007): provider, model and client key all equal.</summary>
    public static bool SameEntry(in ModelValues a, in ModelValues b)
        => string.Equals(a.Provider, b.Provider, StringComparison.Ordinal)
        && string.Equals(a.Model, b.Model, StringComparison.Ordinal)
        && string.Equals(a.ClientKey, b.ClientKey, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="type"/> is the type with this metadata name (nullability ignored).</summary>
    public static bool IsNamed(ITypeSymbol type, string metadataName)
        => type is INamedTypeSymbol named && FullMetadataName(named.OriginalDefinition) == metadataName;

    private static bool IsConstructed(ITypeSymbol type, string genericMetadataName, string argumentMetadataName)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
        && IsNamed(named.ConstructedFrom, genericMetadataName)
        && IsNamed(named.TypeArguments[0], argumentMetadataName);

    private static string FullMetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
