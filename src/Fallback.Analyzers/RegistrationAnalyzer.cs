using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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

    /// <summary>
    /// Diagnostic property, present when the fix to <c>Create</c> is exact and the companion is referenced: the names of
    /// <c>Create</c>'s arguments, comma-separated, in the order to write them; their values are the additional locations
    /// after the first (the client argument the call replaces).
    /// </summary>
    public const string CreateArgumentsProperty = "CreateArguments";

    /// <summary>
    /// Diagnostic property, present when the SDK's retries can be turned off in the creation itself (written inline in the
    /// registration, in a shape <see cref="RegistrationTypes.RetriesOff"/> knows): the property to set, <c>RetryPolicy</c>
    /// or <c>MaxRetries</c>. <see cref="RetriesOffTargetProperty"/> and <see cref="RetriesOffArgumentProperty"/> say where.
    /// </summary>
    public const string RetriesOffProperty = "RetriesOff";

    /// <summary>Diagnostic property: a <see cref="RetriesOffTarget"/> name.</summary>
    public const string RetriesOffTargetProperty = "RetriesOffTarget";

    /// <summary>Diagnostic property: the index of the argument the edit concerns in the creation's argument list, or -1.</summary>
    public const string RetriesOffArgumentProperty = "RetriesOffArgument";

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
                key = RegistrationTypes.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string text } ? text : null;
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

        // The fix replaces the whole client argument with Companion.Create(...) when the companion is referenced and the
        // rewrite is exact; additional locations: the client argument, then each Create argument in the order to write them.
        var properties = ImmutableDictionary<string, string?>.Empty.Add(CompanionProperty, companion);
        var additional = new List<Location>();
        if (companion is not null && types.HasCompanion(companion) && CreateArguments(creation, clientArgument, types) is { } arguments)
        {
            additional.Add(clientArgument.Syntax.GetLocation());
            var names = new List<string>(arguments.Count);
            foreach ((string parameter, IOperation value) in arguments)
            {
                names.Add(parameter);
                additional.Add(value.Syntax.GetLocation());
            }

            properties = properties.Add(CreateArgumentsProperty, string.Join(",", names));
        }

        // The other fix edits the creation in place; only where the creation is the registration's own (a local may serve more).
        if (IsWrittenIn(creation, clientArgument) && types.RetriesOff(creation) is { } edit)
        {
            properties = properties
                .Add(RetriesOffProperty, edit.Property)
                .Add(RetriesOffTargetProperty, edit.Target.ToString())
                .Add(RetriesOffArgumentProperty, edit.Argument.ToString(CultureInfo.InvariantCulture));
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SdkRetriesOn, creation.Syntax.GetLocation(), additional, properties, key, users, sdk, why, companion));
    }

    /// <summary>
    /// Whether <paramref name="creation"/> is written inside the registration's client argument and its value flows only into
    /// it (through calls on it, arguments, lambdas and returns), not into a variable that could serve something else.
    /// </summary>
    private static bool IsWrittenIn(IObjectCreationOperation creation, IOperation clientArgument)
    {
        for (IOperation? current = creation; current is not null; current = current.Parent)
        {
            if (current == clientArgument || current.Syntax == clientArgument.Syntax)
            {
                return true;
            }

            if (current is IVariableInitializerOperation or IVariableDeclaratorOperation or IAssignmentOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The arguments of the companion's <c>Create</c> that builds exactly the client <paramref name="clientArgument"/> builds,
    /// with the SDK's retries off, in the order to write them; null when there is no such call. The shapes:
    /// <list type="bullet">
    /// <item><c>new OpenAIClient(key).GetChatClient(model).AsIChatClient()</c> and <c>new ChatClient(model, key).AsIChatClient()</c>,
    /// the key a string or <c>new ApiKeyCredential(string)</c>, with no options, null options, or options created right
    /// there that set nothing but <c>Endpoint</c>: <c>OpenAIChainClient.Create(key, endpoint:, defaultModelId: model)</c>
    /// (the same client, made by <c>Create</c> the same way, with <c>RetryPolicy = new ClientRetryPolicy(0)</c>);</item>
    /// <item><c>new AnthropicClient { ApiKey = key }.AsIChatClient(model[, maxTokens])</c> (or <c>new AnthropicClient(new ClientOptions
    /// { ApiKey = key })</c>; a constant <c>MaxRetries</c> besides is what the fix turns off):
    /// <c>AnthropicChainClient.Create(key, defaultModelId: model[, defaultMaxOutputTokens: maxTokens])</c>. Without a model the
    /// SDK's default model is null and <c>Create</c>'s is not, so no fix.</item>
    /// </list>
    /// Anything else the creation sets (other options, a credential of another kind, a custom pipeline) has no place in
    /// <c>Create</c>, so there is no fix. The arguments keep the order in which the original evaluated its non-constant
    /// expressions: when the parameter order would change it (<c>new ChatClient(model, key)</c> with a variable model),
    /// every argument is written with its name, in the original order.
    /// </summary>
    private static List<(string Parameter, IOperation Value)>? CreateArguments(IObjectCreationOperation creation, IOperation clientArgument, RegistrationTypes types)
    {
        // The calls from the client argument down to the creation, outermost first.
        var calls = new List<IInvocationOperation>();
        IOperation current = RegistrationTypes.Unwrap(clientArgument);
        while (current != creation)
        {
            if (current is not IInvocationOperation call || calls.Count == 2)
            {
                return null;
            }

            IOperation? receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            if (receiver is null)
            {
                return null;
            }

            calls.Add(call);
            current = RegistrationTypes.Unwrap(receiver);
        }

        // In source order: what the creation evaluates first, then what the calls on it evaluate.
        var arguments = new List<(string Parameter, IOperation Value)>();
        bool ok = types.IsAnthropicClient(creation.Type)
            ? AnthropicArguments(creation, calls, arguments)
            : OpenAIArguments(creation, calls, types, arguments);
        if (!ok)
        {
            return null;
        }

        var ordered = new List<(string Parameter, IOperation Value)>(arguments);
        ordered.Sort((a, b) => ParameterOrder(a.Parameter).CompareTo(ParameterOrder(b.Parameter)));
        return SameOrderOfEffects(arguments, ordered) ? ordered : arguments;
    }

    private static bool OpenAIArguments(IObjectCreationOperation creation, List<IInvocationOperation> calls, RegistrationTypes types, List<(string Parameter, IOperation Value)> arguments)
    {
        bool isChatClient = SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, types.OpenAIChatClient);

        // new ChatClient(...).AsIChatClient(), or new OpenAIClient(...).GetChatClient(model).AsIChatClient().
        if (calls.Count != (isChatClient ? 1 : 2) || !IsOpenAIAsIChatClient(calls[0]))
        {
            return false;
        }

        if (creation.Initializer is not null)
        {
            return false;
        }

        IOperation? model = null;
        foreach (IArgumentOperation argument in creation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit)
            {
                continue;
            }

            IOperation value = RegistrationTypes.Unwrap(argument.Value);
            switch (argument.Parameter?.Name)
            {
                case "model" when isChatClient:
                    model = value;
                    arguments.Add(("defaultModelId", value));
                    break;
                case "apiKey" when value.Type?.SpecialType == SpecialType.System_String:
                    arguments.Add(("apiKey", value));
                    break;
                case "credential" when value is IObjectCreationOperation { Arguments: [{ Value: var key }], Initializer: null } && RegistrationTypes.Unwrap(key).Type?.SpecialType == SpecialType.System_String:
                    arguments.Add(("apiKey", RegistrationTypes.Unwrap(key)));
                    break;
                case "options" when value.ConstantValue is { HasValue: true, Value: null }:
                    break;
                case "options" when value is IObjectCreationOperation options && Explicit(options.Arguments).Count == 0:
                    if (OnlyAssigns(options.Initializer, "Endpoint", out IOperation? endpoint) is false)
                    {
                        return false;
                    }

                    if (endpoint is not null)
                    {
                        arguments.Add(("endpoint", endpoint));
                    }

                    break;
                default:
                    return false;
            }
        }

        if (!isChatClient)
        {
            // GetChatClient(model) on the OpenAIClient.
            if (calls[1] is not { TargetMethod.Name: "GetChatClient", Arguments: [{ Parameter.Name: "model", ArgumentKind: ArgumentKind.Explicit } modelArgument] })
            {
                return false;
            }

            model = RegistrationTypes.Unwrap(modelArgument.Value);
            arguments.Add(("defaultModelId", model));
        }

        return model is not null && arguments.Exists(static a => a.Parameter == "apiKey");
    }

    private static bool AnthropicArguments(IObjectCreationOperation creation, List<IInvocationOperation> calls, List<(string Parameter, IOperation Value)> arguments)
    {
        List<IArgumentOperation> written = Explicit(creation.Arguments);
        IOperation? key = written.Count == 0
            ? OnlyApiKey(creation.Initializer)
            : written.Count == 1 && creation.Initializer is null && RegistrationTypes.Unwrap(written[0].Value) is IObjectCreationOperation options && Explicit(options.Arguments).Count == 0
                ? OnlyApiKey(options.Initializer)
                : null;

        // AsIChatClient(defaultModelId, defaultMaxOutputTokens), as Create calls it: the overload without a thinking mode, or
        // the one with it left at its default (C# picks that one for .AsIChatClient(model); the other is its shim).
        if (key is null
            || calls is not [{ TargetMethod: { Name: "AsIChatClient", Parameters.Length: 3 or 4 } method } call]
            || !ChainRules.IsNamed(method.ContainingType, "Microsoft.Extensions.AI.AnthropicClientExtensions"))
        {
            return false;
        }

        arguments.Add(("apiKey", key));
        bool hasModel = false;
        foreach (IArgumentOperation argument in call.Arguments)
        {
            // The receiver (the client) is the extension method's first argument; its name is neither of these.
            if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is null)
            {
                continue;
            }

            IOperation value = RegistrationTypes.Unwrap(argument.Value);
            if (argument.Parameter.Name == "defaultModelId")
            {
                if (value.ConstantValue is { HasValue: true, Value: null })
                {
                    return false;
                }

                hasModel = true;
                arguments.Add(("defaultModelId", value));
            }
            else if (argument.Parameter.Name == "defaultMaxOutputTokens")
            {
                arguments.Add(("defaultMaxOutputTokens", value));
            }
            else if (argument.Parameter.Ordinal > 0)
            {
                return false; // a thinking mode: Create has no place for it
            }
        }

        return hasModel;
    }

    /// <summary>The arguments written in the source (not the parameters' default values, which the operation lists too).</summary>
    private static List<IArgumentOperation> Explicit(ImmutableArray<IArgumentOperation> arguments)
    {
        var written = new List<IArgumentOperation>(arguments.Length);
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit)
            {
                written.Add(argument);
            }
        }

        return written;
    }

    /// <summary>Whether <paramref name="call"/> is Microsoft.Extensions.AI's <c>AsIChatClient(this ChatClient)</c>.</summary>
    private static bool IsOpenAIAsIChatClient(IInvocationOperation call)
        => call.TargetMethod is { Name: "AsIChatClient", Parameters.Length: 1 } method && ChainRules.IsNamed(method.ContainingType, "Microsoft.Extensions.AI.OpenAIClientExtensions");

    /// <summary>Where <c>Create</c> declares the parameter: the order in which its arguments are written.</summary>
    private static int ParameterOrder(string parameter) => parameter switch
    {
        "apiKey" => 0,
        "endpoint" => 1,
        "defaultModelId" => 2,
        _ => 3,
    };

    /// <summary>Whether <paramref name="reordered"/> evaluates the non-constant expressions of <paramref name="original"/> in the same order.</summary>
    private static bool SameOrderOfEffects(List<(string Parameter, IOperation Value)> original, List<(string Parameter, IOperation Value)> reordered)
    {
        var a = original.FindAll(static x => !x.Value.ConstantValue.HasValue);
        var b = reordered.FindAll(static x => !x.Value.ConstantValue.HasValue);
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Value != b[i].Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the initializer assigns nothing but <paramref name="property"/> (true, with its value), nothing at all (true,
    /// null), or something else (false).
    /// </summary>
    private static bool OnlyAssigns(IObjectOrCollectionInitializerOperation? initializer, string property, out IOperation? value)
    {
        value = null;
        foreach (IOperation initialization in initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (initialization is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name }, Value: var assigned } && name == property && value is null)
            {
                value = RegistrationTypes.Unwrap(assigned);
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>The value of <c>ApiKey = ...</c> when it is the initializer's only assignment besides <c>MaxRetries</c>.</summary>
    private static IOperation? OnlyApiKey(IObjectOrCollectionInitializerOperation? initializer)
    {
        IOperation? key = null;
        foreach (IOperation initialization in initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (initialization is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name }, Value: var value })
            {
                if (name == "ApiKey" && key is null && RegistrationTypes.Unwrap(value).Type?.SpecialType == SpecialType.System_String)
                {
                    key = RegistrationTypes.Unwrap(value);
                    continue;
                }

                // Diagnosed, so a constant other than 0: what the fix turns off.
                if (name == "MaxRetries")
                {
                    continue;
                }
            }

            return null;
        }

        return key;
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
