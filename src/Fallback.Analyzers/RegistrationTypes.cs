using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Fallback.Analyzers;

/// <summary>
/// The registration, SDK and function-invocation types of one compilation, resolved by metadata name in the
/// compilation-start action. A type the compilation does not reference is null and its check does nothing.
/// </summary>
internal sealed class RegistrationTypes
{
    public RegistrationTypes(Compilation compilation)
    {
        ChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
        ServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        ChatClientServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ChatClientBuilderServiceCollectionExtensions");
        FunctionInvocationExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.FunctionInvokingChatClientBuilderExtensions");
        FunctionInvokingChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.FunctionInvokingChatClient");
        OpenAIClient = compilation.GetTypeByMetadataName("OpenAI.OpenAIClient");
        OpenAIChatClient = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatClient");
        OpenAIClientOptions = compilation.GetTypeByMetadataName("OpenAI.OpenAIClientOptions");
        ClientPipeline = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientPipeline");
        ClientRetryPolicy = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientRetryPolicy");
        ApiKeyCredential = compilation.GetTypeByMetadataName("System.ClientModel.ApiKeyCredential");
        AnthropicClient = compilation.GetTypeByMetadataName("Anthropic.AnthropicClient");
        AnthropicOptions = compilation.GetTypeByMetadataName("Anthropic.Core.ClientOptions");
        OpenAIChainClient = compilation.GetTypeByMetadataName("Fallback.OpenAI.OpenAIChainClient");
        AnthropicChainClient = compilation.GetTypeByMetadataName("Fallback.Anthropic.AnthropicChainClient");
    }

    public INamedTypeSymbol? ChatClient { get; }

    public INamedTypeSymbol? ServiceExtensions { get; }

    public INamedTypeSymbol? ChatClientServiceExtensions { get; }

    public INamedTypeSymbol? FunctionInvocationExtensions { get; }

    public INamedTypeSymbol? FunctionInvokingChatClient { get; }

    public INamedTypeSymbol? OpenAIClient { get; }

    public INamedTypeSymbol? OpenAIChatClient { get; }

    public INamedTypeSymbol? OpenAIClientOptions { get; }

    public INamedTypeSymbol? ClientPipeline { get; }

    public INamedTypeSymbol? ClientRetryPolicy { get; }

    public INamedTypeSymbol? ApiKeyCredential { get; }

    public INamedTypeSymbol? AnthropicClient { get; }

    public INamedTypeSymbol? AnthropicOptions { get; }

    /// <summary>The OpenAI companion's factory (package Fallback.OpenAI), when the compilation references it.</summary>
    public INamedTypeSymbol? OpenAIChainClient { get; }

    /// <summary>The Anthropic companion's factory (package Fallback.Anthropic), when the compilation references it.</summary>
    public INamedTypeSymbol? AnthropicChainClient { get; }

    /// <summary>Whether the compilation references the companion named <paramref name="companion"/> (the FB0023 fix calls it).</summary>
    public bool HasCompanion(string companion) => companion switch
    {
        nameof(OpenAIChainClient) => OpenAIChainClient is not null,
        nameof(AnthropicChainClient) => AnthropicChainClient is not null,
        _ => false,
    };

    /// <summary>Whether the compilation can register a keyed <c>IChatClient</c> at all.</summary>
    public bool CanRegister => ChatClient is not null && (ServiceExtensions is not null || ChatClientServiceExtensions is not null);

    /// <summary>
    /// Whether <paramref name="method"/> registers a keyed <c>IChatClient</c>: <c>AddKeyedChatClient</c> (which returns a
    /// <c>ChatClientBuilder</c> whose pipeline wraps the client: <paramref name="returnsBuilder"/>) or
    /// <c>AddKeyedSingleton/Scoped/Transient&lt;IChatClient&gt;</c>.
    /// </summary>
    public bool IsRegistration(IMethodSymbol method, out bool returnsBuilder)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        returnsBuilder = false;
        if (definition.Name == "AddKeyedChatClient" && Same(definition.ContainingType, ChatClientServiceExtensions))
        {
            returnsBuilder = true;
            return true;
        }

        return definition.Name is "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient"
            && Same(definition.ContainingType, ServiceExtensions)
            && method.TypeArguments.Length >= 1
            && Same(method.TypeArguments[0], ChatClient);
    }

    /// <summary>Where to report FB0024 when <paramref name="operation"/> adds function invocation; null when it does not.</summary>
    public Location? IsFunctionInvocation(IOperation operation)
    {
        if (operation is IInvocationOperation invocation
            && invocation.TargetMethod.Name == "UseFunctionInvocation"
            && Same((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).ContainingType, FunctionInvocationExtensions))
        {
            return invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.GetLocation()
                : invocation.Syntax.GetLocation();
        }

        return operation is IObjectCreationOperation creation && FunctionInvokingChatClient is not null && Same(creation.Type, FunctionInvokingChatClient)
            ? creation.Syntax.GetLocation()
            : null;
    }

    public bool IsOpenAIClient(ITypeSymbol? type) => type is not null && (Same(type, OpenAIClient) || Same(type, OpenAIChatClient));

    public bool IsAnthropicClient(ITypeSymbol? type) => type is not null && Same(type, AnthropicClient);

    /// <summary>
    /// Whether an OpenAI client creation leaves the SDK's retries on: no <c>OpenAIClientOptions</c>, or options created
    /// right there without <c>RetryPolicy</c>. Options from elsewhere (a variable, a call) and a custom pipeline are not judged.
    /// </summary>
    public bool OpenAIRetriesOn(IObjectCreationOperation creation)
    {
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            ITypeSymbol? type = argument.Parameter?.Type;
            if (type is not null && Same(type, ClientPipeline))
            {
                return false;
            }

            if (type is null || !Same(type, OpenAIClientOptions) || argument.ArgumentKind != ArgumentKind.Explicit)
            {
                continue;
            }

            IOperation value = Unwrap(argument.Value);
            if (value.ConstantValue is { HasValue: true, Value: null })
            {
                return true; // null options: the SDK's defaults
            }

            return value is IObjectCreationOperation options && !Assigns(options.Initializer, "RetryPolicy", out _);
        }

        return true;
    }

    /// <summary>
    /// Whether an Anthropic client creation leaves the SDK's retries on: neither its initializer nor <c>ClientOptions</c>
    /// created right there set <c>MaxRetries</c> (a constant other than 0 counts as on). Options from elsewhere are not judged.
    /// </summary>
    public bool AnthropicRetriesOn(IObjectCreationOperation creation)
    {
        if (Assigns(creation.Initializer, "MaxRetries", out IOperation? own))
        {
            return IsNonZeroConstant(own!);
        }

        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.Parameter?.Type is { } type && Same(type, AnthropicOptions))
            {
                if (Unwrap(argument.Value) is not IObjectCreationOperation options)
                {
                    return false;
                }

                return !Assigns(options.Initializer, "MaxRetries", out IOperation? value) || IsNonZeroConstant(value!);
            }
        }

        return true;
    }

    /// <summary>
    /// The local edit that turns the SDK's retries off in <paramref name="creation"/> itself (a creation the analyzer found
    /// with retries on), or null when there is none that is obviously the same client otherwise:
    /// <list type="bullet">
    /// <item>OpenAI, options of exactly <c>OpenAIClientOptions</c> created right there: <c>RetryPolicy = new ClientRetryPolicy(maxRetries: 0)</c> added to their
    /// initializer;</item>
    /// <item>OpenAI without options, <c>new OpenAIClient(key)</c> or <c>new ChatClient(model, key)</c> (a string or an
    /// <c>ApiKeyCredential</c>, written in order): the SDK's own overload with options, the key wrapped in
    /// <c>new ApiKeyCredential(key)</c> where it is a string; those constructors pass <c>new OpenAIClientOptions()</c> on,
    /// so the endpoint and everything else stay the SDK's defaults;</item>
    /// <item>Anthropic: <c>MaxRetries</c> set to 0 where it is written (the client's initializer, else the options created
    /// right there), else added to the options created right there, else to the client's initializer.</item>
    /// </list>
    /// Null options, a credential of another kind, a custom pipeline and preprocessor directives where the edit would go
    /// (the initializer, or the argument list where options are added) have no such edit.
    /// </summary>
    public RetriesOffEdit? RetriesOff(IObjectCreationOperation creation)
    {
        if (IsAnthropicClient(creation.Type))
        {
            if (HasDirectives(creation.Initializer))
            {
                return null;
            }

            if (Assigns(creation.Initializer, "MaxRetries", out _))
            {
                return new RetriesOffEdit("MaxRetries", RetriesOffTarget.Initializer, -1);
            }

            foreach (IArgumentOperation argument in creation.Arguments)
            {
                if (argument.Parameter?.Type is { } type && Same(type, AnthropicOptions))
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit && Unwrap(argument.Value) is IObjectCreationOperation options && !HasDirectives(options.Initializer) && SyntaxIndex(argument) is int index and >= 0
                        ? new RetriesOffEdit("MaxRetries", RetriesOffTarget.Argument, index)
                        : null;
                }
            }

            return creation.Syntax is BaseObjectCreationExpressionSyntax
                ? new RetriesOffEdit("MaxRetries", RetriesOffTarget.Initializer, -1)
                : null;
        }

        if (!IsOpenAIClient(creation.Type) || ClientRetryPolicy is null || ApiKeyCredential is null)
        {
            return null;
        }

        IArgumentOperation? key = null;
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            ITypeSymbol? type = argument.Parameter?.Type;
            if (type is not null && Same(type, OpenAIClientOptions) && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                // Exactly OpenAIClientOptions: a derived type may set its own policy in its constructor, which this would replace.
                return Unwrap(argument.Value) is IObjectCreationOperation options && Same(options.Type, OpenAIClientOptions)
                    && !HasDirectives(options.Initializer) && SyntaxIndex(argument) is int index and >= 0
                    ? new RetriesOffEdit("RetryPolicy", RetriesOffTarget.Argument, index)
                    : null;
            }

            if (argument.Parameter?.Name is "apiKey" or "credential")
            {
                key = argument;
            }
        }

        // No options written: new OpenAIClient(key) / (credential), new ChatClient(model, key) / (model, credential), in order.
        if (key is null || creation.Constructor is not { } constructor || creation.Syntax is not BaseObjectCreationExpressionSyntax { ArgumentList: { } list }
            || list.Arguments.Count != constructor.Parameters.Length || list.ContainsDirectives
            || !SymbolEqualityComparer.Default.Equals(constructor.Parameters[constructor.Parameters.Length - 1], key.Parameter))
        {
            return null;
        }

        foreach (ArgumentSyntax written in list.Arguments)
        {
            if (written.NameColon is not null || !written.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return null;
            }
        }

        bool isString = key.Parameter!.Type.SpecialType == SpecialType.System_String;
        if (!isString && !Same(key.Parameter.Type, ApiKeyCredential))
        {
            return null;
        }

        // The SDK's overload that takes the options: the same parameters with the key as a credential, then the options.
        foreach (IMethodSymbol candidate in ((INamedTypeSymbol)creation.Type!).InstanceConstructors)
        {
            if (candidate.DeclaredAccessibility == Accessibility.Public
                && candidate.Parameters.Length == constructor.Parameters.Length + 1
                && Same(candidate.Parameters[candidate.Parameters.Length - 1].Type, OpenAIClientOptions)
                && Same(candidate.Parameters[candidate.Parameters.Length - 2].Type, ApiKeyCredential)
                && (constructor.Parameters.Length == 1 || candidate.Parameters[0].Type.SpecialType == SpecialType.System_String && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String))
            {
                return new RetriesOffEdit("RetryPolicy", RetriesOffTarget.NewOptions, isString ? list.Arguments.Count - 1 : -1);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="initializer"/> holds preprocessor directives (<c>#if</c> around an assignment): an item added
    /// there could land inside the conditional, so there is no in-place edit.
    /// </summary>
    private static bool HasDirectives(IObjectOrCollectionInitializerOperation? initializer)
        => initializer?.Syntax.ContainsDirectives == true;

    /// <summary>Where <paramref name="argument"/> is written in its argument list; -1 when it is not written there.</summary>
    private static int SyntaxIndex(IArgumentOperation argument)
        => argument.Syntax is ArgumentSyntax { Parent: ArgumentListSyntax list } syntax ? list.Arguments.IndexOf(syntax) : -1;

    private static bool IsNonZeroConstant(IOperation value)
        => Unwrap(value).ConstantValue is { HasValue: true, Value: var constant } && !Equals(constant, 0);

    private static bool Assigns(IObjectOrCollectionInitializerOperation? initializer, string property, out IOperation? value)
    {
        value = null;
        if (initializer is null)
        {
            return false;
        }

        foreach (IOperation initialization in initializer.Initializers)
        {
            if (initialization is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == property)
            {
                value = assignment.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>The operation under its implicit conversions: the value as written.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool Same(ITypeSymbol? a, ITypeSymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);
}

/// <summary>Where the FB0023 fix that turns the SDK's retries off writes its assignment.</summary>
internal enum RetriesOffTarget
{
    /// <summary>The client creation's own object initializer (added when there is none).</summary>
    Initializer,

    /// <summary>The initializer of the options created as the argument at <see cref="RetriesOffEdit.Argument"/>.</summary>
    Argument,

    /// <summary>New options passed as a last argument; the string key at <see cref="RetriesOffEdit.Argument"/>, if any, becomes a credential.</summary>
    NewOptions,
}

/// <summary>The FB0023 edit that turns the SDK's retries off in place: set <see cref="Property"/> at <see cref="Target"/>.</summary>
internal sealed class RetriesOffEdit
{
    public RetriesOffEdit(string property, RetriesOffTarget target, int argument)
    {
        Property = property;
        Target = target;
        Argument = argument;
    }

    /// <summary><c>RetryPolicy</c> (OpenAI) or <c>MaxRetries</c> (Anthropic).</summary>
    public string Property { get; }

    public RetriesOffTarget Target { get; }

    /// <summary>The index of the argument the edit concerns in the creation's argument list; -1 for none.</summary>
    public int Argument { get; }
}
