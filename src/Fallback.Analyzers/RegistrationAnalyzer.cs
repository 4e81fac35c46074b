using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Fallback.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Fallback.Analyzers;

/// <summary>
/// Checks the registration of the clients a chain uses: <c>services.AddKeyedChatClient(key, ...)</c> and
/// <c>services.AddKeyedSingleton&lt;IChatClient&gt;(key, ...)</c> (scoped and transient too) with a constant key that is
/// a client key of a chain in the compilation or a referenced assembly (a model's <c>Client</c>, else its provider).
/// FB0023: the client is built from a provider SDK with the SDK's own retries on (<c>new OpenAIClient(...)</c> or
/// <c>new ChatClient(...)</c> without <c>OpenAIClientOptions.RetryPolicy</c>; <c>new AnthropicClient(...)</c> without
/// <c>MaxRetries = 0</c>). FB0024: the client invokes functions itself (<c>UseFunctionInvocation</c> in its builder
/// chain, or a <c>FunctionInvokingChatClient</c>). Types not referenced turn their check off.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegistrationAnalyzer : FallbackAnalyzer
{
    /// <summary>Diagnostic property: the companion whose <c>Create</c> the FB0023 fix calls.</summary>
    public const string CompanionProperty = "Companion";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SdkRetriesOn,
        DiagnosticDescriptors.FunctionInvocationInsideChain);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, FallbackSymbols symbols)
    {
        Compilation compilation = start.Compilation;
        var types = new RegistrationTypes(compilation);
        if (!types.CanRegister)
        {
            return;
        }

        // Read once per compilation, on the first registration with a constant key.
        var chainKeys = new Lazy<Dictionary<string, SortedSet<string>>>(() => ChainKeys(compilation, symbols), LazyThreadSafetyMode.ExecutionAndPublication);
        start.RegisterOperationAction(context => AnalyzeInvocation(context, types, chainKeys), OperationKind.Invocation);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, RegistrationTypes types, Lazy<Dictionary<string, SortedSet<string>>> chainKeys)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!types.IsRegistration(invocation.TargetMethod, out bool returnsBuilder))
        {
            return;
        }

        string? key = null;
        var clientArguments = new List<IOperation>();
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is null || argument.Parameter.Ordinal == 0 && invocation.TargetMethod.IsExtensionMethod)
            {
                continue;
            }

            if (argument.Parameter.Name == "serviceKey")
            {
                key = Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string text } ? text : null;
            }
            else if (argument.Parameter.Type.SpecialType == SpecialType.None && argument.Parameter.Type.TypeKind != TypeKind.Enum)
            {
                clientArguments.Add(argument.Value);
            }
        }

        if (key is null || !chainKeys.Value.TryGetValue(key, out SortedSet<string>? chains))
        {
            return;
        }

        string users = Users(chains);
        var visitedLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation client in clientArguments)
        {
            foreach (IOperation operation in WithLocalInitializers(client, visitedLocals, context.CancellationToken))
            {
                CheckSdkRetries(context, types, operation, key, users, client);
                if (types.IsFunctionInvocation(operation) is { } location)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FunctionInvocationInsideChain, location, key, users));
                }
            }
        }

        // services.AddKeyedChatClient(key, client).UseLogging().UseFunctionInvocation(): the builder's pipeline wraps the client.
        if (returnsBuilder)
        {
            IOperation current = invocation;
            while (Next(current) is { } next)
            {
                if (types.IsFunctionInvocation(next) is { } location)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FunctionInvocationInsideChain, location, key, users));
                }

                current = next;
            }
        }
    }

    /// <summary>The builder call made on <paramref name="operation"/>'s result: <c>x.UseY()</c> as an extension or instance call.</summary>
    private static IInvocationOperation? Next(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            operation = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } call } => call,
            IInvocationOperation call when call.Instance == operation => call,
            _ => null,
        };
    }

    private static void CheckSdkRetries(OperationAnalysisContext context, RegistrationTypes types, IOperation operation, string key, string users, IOperation clientArgument)
    {
        if (operation is not IObjectCreationOperation { Constructor: { } constructor } creation)
        {
            return;
        }

        string? sdk = null, why = null, companion = null;
        if (types.IsOpenAIClient(constructor.ContainingType))
        {
            if (!types.OpenAIRetriesOn(creation))
            {
                return;
            }

            sdk = "OpenAI";
            why = "no OpenAIClientOptions.RetryPolicy";
            companion = "OpenAIChainClient";
        }
        else if (types.IsAnthropicClient(constructor.ContainingType))
        {
            if (!types.AnthropicRetriesOn(creation))
            {
                return;
            }

            sdk = "Anthropic";
            why = "MaxRetries is not 0";
            companion = "AnthropicChainClient";
        }

        if (sdk is null)
        {
            return;
        }

        // The fix replaces the whole client argument with Companion.Create(apiKey) when that argument is the plain shape.
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CompanionProperty, companion);
        var additional = new List<Location>();
        if (SimpleApiKey(creation, clientArgument, types) is { } apiKey)
        {
            additional.Add(clientArgument.Syntax.GetLocation());
            additional.Add(apiKey.Syntax.GetLocation());
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SdkRetriesOn, creation.Syntax.GetLocation(), additional, properties, key, users, sdk, why, companion));
    }

    /// <summary>
    /// The API key when <paramref name="clientArgument"/> is exactly the SDK client made into an <c>IChatClient</c>
    /// (<c>new OpenAIClient(key).GetChatClient(model).AsIChatClient()</c>, <c>new ChatClient(model, key).AsIChatClient()</c>,
    /// <c>new AnthropicClient { ApiKey = key }.AsIChatClient(model)</c>) and the creation says nothing but the key; else null.
    /// </summary>
    private static IOperation? SimpleApiKey(IObjectCreationOperation creation, IOperation clientArgument, RegistrationTypes types)
    {
        // Walk from the client argument down the receivers to the creation: only AsIChatClient and GetChatClient on the way.
        IOperation current = Unwrap(clientArgument);
        while (current != creation)
        {
            if (current is not IInvocationOperation { TargetMethod.Name: "AsIChatClient" or "GetChatClient" } call)
            {
                return null;
            }

            IOperation? receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            if (receiver is null)
            {
                return null;
            }

            current = Unwrap(receiver);
        }

        if (types.IsAnthropicClient(creation.Type))
        {
            if (creation.Arguments.Length == 0)
            {
                return OnlyApiKey(creation.Initializer);
            }

            return creation.Arguments.Length == 1 && Unwrap(creation.Arguments[0].Value) is IObjectCreationOperation options
                ? OnlyApiKey(options.Initializer) is { } key && creation.Initializer is null ? key : null
                : null;
        }

        if (creation.Initializer is not null)
        {
            return null;
        }

        IOperation? credential = null;
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit)
            {
                continue;
            }

            if (argument.Parameter?.Name is "credential" or "apiKey")
            {
                credential = Unwrap(argument.Value);
            }
            else if (argument.Parameter?.Name != "model")
            {
                return null;
            }
        }

        return credential switch
        {
            { Type.SpecialType: SpecialType.System_String } => credential,
            IObjectCreationOperation { Arguments: [{ Value: { Type.SpecialType: SpecialType.System_String } key }], Initializer: null } => key,
            _ => null,
        };
    }

    /// <summary>The value of <c>ApiKey = ...</c> when it is the initializer's only assignment besides <c>MaxRetries</c>.</summary>
    private static IOperation? OnlyApiKey(IObjectOrCollectionInitializerOperation? initializer)
    {
        IOperation? key = null;
        foreach (IOperation initialization in initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (initialization is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name }, Value: var value })
            {
                if (name == "ApiKey" && value.Type?.SpecialType == SpecialType.System_String)
                {
                    key = value;
                    continue;
                }

                if (name == "MaxRetries")
                {
                    continue;
                }
            }

            return null;
        }

        return key;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>
    /// <paramref name="root"/> and its descendants (lambda bodies included), and those of the initializers of the locals it
    /// reads (<c>var client = new OpenAIClient(key); services.AddKeyedChatClient("openai", client.GetChatClient(...)...)</c>).
    /// </summary>
    private static IEnumerable<IOperation> WithLocalInitializers(IOperation root, HashSet<ILocalSymbol> visited, CancellationToken cancellationToken)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            IOperation next = pending.Pop();
            yield return next;
            foreach (IOperation operation in next.Descendants())
            {
                yield return operation;
                if (operation is ILocalReferenceOperation { Local: var local } && visited.Add(local)
                    && local.DeclaringSyntaxReferences.Length == 1
                    && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                    && operation.SemanticModel is { } model
                    && value.SyntaxTree == model.SyntaxTree
                    && model.GetOperation(value, cancellationToken) is { } initializer)
                {
                    pending.Push(initializer);
                }
            }
        }
    }

    private static string Users(SortedSet<string> chains)
    {
        var quoted = new List<string>(chains.Count);
        foreach (string chain in chains)
        {
            quoted.Add("'" + chain + "'");
        }

        return quoted.Count == 1
            ? "fallback chain " + quoted[0] + " uses"
            : "fallback chains " + string.Join(", ", quoted.GetRange(0, quoted.Count - 1)) + " and " + quoted[quoted.Count - 1] + " use";
    }

    /// <summary>Every client key of every chain: the compilation's own and those of referenced assemblies that reference the runtime.</summary>
    private static Dictionary<string, SortedSet<string>> ChainKeys(Compilation compilation, FallbackSymbols symbols)
    {
        var keys = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        AddChains(compilation.Assembly.GlobalNamespace, symbols, keys);
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            foreach (IModuleSymbol module in assembly.Modules)
            {
                foreach (AssemblyIdentity referenced in module.ReferencedAssemblies)
                {
                    if (referenced.Name == "Fallback.Runtime")
                    {
                        AddChains(assembly.GlobalNamespace, symbols, keys);
                        break;
                    }
                }
            }
        }

        return keys;
    }

    private static void AddChains(INamespaceOrTypeSymbol container, FallbackSymbols symbols, Dictionary<string, SortedSet<string>> keys)
    {
        foreach (ISymbol member in container is INamespaceSymbol ns ? ns.GetMembers() : ((INamedTypeSymbol)container).GetTypeMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                AddChains(inner, symbols, keys);
            }
            else if (member is INamedTypeSymbol type)
            {
                if (symbols.GetChainAttribute(type) is { } attribute)
                {
                    string chainName = ChainFacts.ChainName(attribute);
                    foreach (ModelSpec model in ChainRules.MergeModels(type).Entries)
                    {
                        if (model.ClientKey is { } key)
                        {
                            if (!keys.TryGetValue(key, out SortedSet<string>? chains))
                            {
                                keys[key] = chains = new SortedSet<string>(StringComparer.Ordinal);
                            }

                            chains.Add(chainName);
                        }
                    }
                }

                AddChains(type, symbols, keys);
            }
        }
    }
}
