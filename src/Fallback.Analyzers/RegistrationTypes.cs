using Microsoft.CodeAnalysis;
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

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool Same(ITypeSymbol? a, ITypeSymbol? b) => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);
}
