using Microsoft.CodeAnalysis;

namespace Fallback.Analyzers;

/// <summary>Every diagnostic the Fallback analyzers report, with its ID, category and help page.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where the help pages live: <c>docs/diagnostics/FBxxxx.md</c> in the repository.</summary>
    public const string HelpLinkBase = "https://github.com/fallback-dotnet/fallback/blob/main/docs/diagnostics/";

    /// <summary>Diagnostic IDs. Fixed once shipped; new ones are appended.</summary>
    public static class Ids
    {
        public const string InterfaceNotPartial = "FB0001";
        public const string DuplicatePriority = "FB0002";
        public const string NoFinalFallback = "FB0003";
        public const string NoModels = "FB0004";
        public const string DuplicateChainName = "FB0005";
        public const string InvalidModel = "FB0006";
        public const string DuplicateModel = "FB0007";
        public const string UnsupportedMember = "FB0008";
        public const string InvalidFinalFallback = "FB0009";
        public const string SingleClient = "FB0010";
        public const string ModelOutsideChain = "FB0011";
        public const string ContainingTypeNotPartial = "FB0012";
        public const string InaccessibleInterface = "FB0013";
        public const string GenericInterface = "FB0014";
        public const string FinalFallbackOutsideChain = "FB0015";
        public const string EmptyChainName = "FB0016";
        public const string EmptyClient = "FB0017";
        public const string ModelOnUnimplementedMember = "FB0018";
        public const string ConflictingModel = "FB0019";

        public const string UnknownModelId = "FB0020";
        public const string SmallerContextWindowLater = "FB0021";
        public const string WorstCaseExceedsRequestTimeout = "FB0022";
        public const string SdkRetriesOn = "FB0023";
        public const string FunctionInvocationInsideChain = "FB0024";
        public const string ConfigurationInvalid = "FB0025";
        public const string ChainClassNameTaken = "FB0026";
        public const string InvalidChain = "FB0027";
    }

    /// <summary>Diagnostic categories.</summary>
    public static class Categories
    {
        /// <summary>The declaration cannot be generated as written.</summary>
        public const string Declaration = "Fallback.Declaration";

        /// <summary>The chain's models are wrong or ambiguous.</summary>
        public const string Models = "Fallback.Models";

        /// <summary>The chain works but is fragile.</summary>
        public const string Reliability = "Fallback.Reliability";

        /// <summary>An attribute is placed where it has no effect.</summary>
        public const string Usage = "Fallback.Usage";

        /// <summary>A configuration file sets what the chains do not accept.</summary>
        public const string Configuration = "Fallback.Configuration";
    }

    public static readonly DiagnosticDescriptor InterfaceNotPartial = new(
        Ids.InterfaceNotPartial,
        "Fallback chain interface must be partial",
        "Interface '{0}' declares fallback chain '{1}' but is not partial, so no chain is generated for it",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.InterfaceNotPartial + ".md");

    public static readonly DiagnosticDescriptor DuplicatePriority = new(
        Ids.DuplicatePriority,
        "Two models of a chain have the same priority",
        "Chain '{0}': model '{1}' has the same Priority ({2}) as model '{3}', so their order is ambiguous",
        Categories.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.DuplicatePriority + ".md");

    public static readonly DiagnosticDescriptor NoFinalFallback = new(
        Ids.NoFinalFallback,
        "Fallback chain has no final fallback",
        "Chain '{0}' has no [FinalFallback] method: when every model fails ({1}), callers get AllModelsFailedException; add one, or set ThrowWhenExhausted = true to say so",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.NoFinalFallback + ".md");

    public static readonly DiagnosticDescriptor NoModels = new(
        Ids.NoModels,
        "Fallback chain has no enabled model",
        "Chain '{0}' ('{1}') cannot serve any request: {2}",
        Categories.Models,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.NoModels + ".md");

    public static readonly DiagnosticDescriptor DuplicateChainName = new(
        Ids.DuplicateChainName,
        "Two fallback chains share a name",
        "Chain name '{0}' on '{1}' is also used by {2}; chain names must be unique because they key the chain's IChatClient service, statistics and telemetry",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.DuplicateChainName + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidModel = new(
        Ids.InvalidModel,
        "Invalid model values",
        "Chain '{0}': model '{1}' is invalid: {2}",
        Categories.Models,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.InvalidModel + ".md");

    public static readonly DiagnosticDescriptor DuplicateModel = new(
        Ids.DuplicateModel,
        "The same model is listed twice in a chain",
        "Chain '{0}': model '{1}' through client '{2}' is listed twice; the second entry only repeats the first",
        Categories.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.DuplicateModel + ".md");

    public static readonly DiagnosticDescriptor UnsupportedMember = new(
        Ids.UnsupportedMember,
        "Chain interface member cannot be generated",
        "Chain '{0}': member '{1}' cannot be implemented because {2}; supported shapes: {3}",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.UnsupportedMember + ".md");

    public static readonly DiagnosticDescriptor InvalidFinalFallback = new(
        Ids.InvalidFinalFallback,
        "Invalid [FinalFallback] method",
        "Chain '{0}': [FinalFallback] method '{1}' is ignored because {2}",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.InvalidFinalFallback + ".md");

    public static readonly DiagnosticDescriptor SingleClient = new(
        Ids.SingleClient,
        "Every model of a chain goes through one client",
        "Chain '{0}': every model ({1}) goes through client '{2}', so one outage of that client takes the whole chain down",
        Categories.Reliability,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.SingleClient + ".md");

    public static readonly DiagnosticDescriptor ModelOutsideChain = new(
        Ids.ModelOutsideChain,
        "[Model] outside a fallback chain",
        "[Model] '{0}' on '{1}' has no effect because {2}",
        Categories.Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.ModelOutsideChain + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        Ids.ContainingTypeNotPartial,
        "Type containing a fallback chain interface must be partial",
        "Chain '{0}': interface '{1}' is nested in '{2}', which is not partial, so the chain class cannot be generated beside it",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.ContainingTypeNotPartial + ".md");

    public static readonly DiagnosticDescriptor InaccessibleInterface = new(
        Ids.InaccessibleInterface,
        "Fallback chain interface is not accessible to generated code",
        "Chain '{0}': '{1}' is {2}, so the generated chain and its registration cannot use interface '{3}'; make it public or internal",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.InaccessibleInterface + ".md");

    public static readonly DiagnosticDescriptor GenericInterface = new(
        Ids.GenericInterface,
        "Fallback chain interface cannot be generic",
        "Chain '{0}': '{1}' is generic, so no chain is generated for interface '{2}'; chain interfaces and their containing types cannot have type parameters",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.GenericInterface + ".md");

    public static readonly DiagnosticDescriptor FinalFallbackOutsideChain = new(
        Ids.FinalFallbackOutsideChain,
        "[FinalFallback] outside a fallback chain",
        "[FinalFallback] method '{0}' has no effect because '{1}' is not a [FallbackChain] interface",
        Categories.Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.FinalFallbackOutsideChain + ".md");

    public static readonly DiagnosticDescriptor EmptyChainName = new(
        Ids.EmptyChainName,
        "Fallback chain name is empty",
        "The chain on '{0}' has an empty name; it keys the chain's service and labels its statistics and telemetry",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.EmptyChainName + ".md");

    public static readonly DiagnosticDescriptor EmptyClient = new(
        Ids.EmptyClient,
        "Model client key is empty",
        "Chain '{0}': model '{1}' sets an empty Client key; remove it to use the provider's client '{2}', or name a registered client",
        Categories.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.EmptyClient + ".md");

    public static readonly DiagnosticDescriptor ModelOnUnimplementedMember = new(
        Ids.ModelOnUnimplementedMember,
        "[Model] on a member the chain does not implement",
        "Chain '{0}': [Model] '{1}' on '{2}' has no effect because the generated chain does not implement that member ({3})",
        Categories.Usage,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.ModelOnUnimplementedMember + ".md");

    public static readonly DiagnosticDescriptor ConflictingModel = new(
        Ids.ConflictingModel,
        "A model is declared twice in a chain with different values",
        "Chain '{0}': model '{1}' on '{2}' is also declared on '{3}' with a different {4}; one model has one set of values in a chain",
        Categories.Models,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.ConflictingModel + ".md");

    /// <summary>
    /// FB0022. A warning when the worst case exceeds the declared request timeout; the same ID at Info (through the
    /// diagnostic's effective severity) when nothing declared bounds the chain. The message's second argument says which.
    /// </summary>
    public static readonly DiagnosticDescriptor UnknownModelId = new(
        Ids.UnknownModelId,
        "The model catalogue does not know this model id",
        "Model id '{0}' is not in the model catalogue for '{1}' (dated {2}){3}",
        Categories.Models,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.UnknownModelId + ".md");

    public static readonly DiagnosticDescriptor SmallerContextWindowLater = new(
        Ids.SmallerContextWindowLater,
        "A later model has a smaller context window",
        "Fallback chain '{0}' tries '{1}' ({2} tokens of context) after '{3}' ({4} tokens): a prompt too long for the earlier model is too long for this one, and after a context-length failure the chain skips it",
        Categories.Models,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.SmallerContextWindowLater + ".md");

    public static readonly DiagnosticDescriptor WorstCaseExceedsRequestTimeout = new(
        Ids.WorstCaseExceedsRequestTimeout,
        "The chain's worst case does not fit its request timeout",
        "Fallback chain '{0}' {1}",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.WorstCaseExceedsRequestTimeout + ".md");

    public static readonly DiagnosticDescriptor SdkRetriesOn = new(
        Ids.SdkRetriesOn,
        "A chain's client keeps its SDK's own retries",
        "The client registered under key '{0}', which {1}, keeps the {2} SDK's own retries ({3}): they multiply with the chain's, and the chain's backoff and Retry-After handling are bypassed; turn them off or use {4}.Create",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.SdkRetriesOn + ".md");

    public static readonly DiagnosticDescriptor FunctionInvocationInsideChain = new(
        Ids.FunctionInvocationInsideChain,
        "Function invocation inside a chain's client",
        "The client registered under key '{0}', which {1}, invokes functions itself: every retry and fallback of the chain re-runs the tools it called; add UseFunctionInvocation around the chain instead",
        Categories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.FunctionInvocationInsideChain + ".md");

    /// <summary>
    /// FB0025, in <c>appsettings*.json</c> additional files: the first argument is the configuration key
    /// (<c>Fallback:Chains:writer:MaxRetries</c>), the second what is wrong with it, worded as the start-up check words it.
    /// </summary>
    public static readonly DiagnosticDescriptor ConfigurationInvalid = new(
        Ids.ConfigurationInvalid,
        "Configuration key or value invalid",
        "'{0}' {1}",
        Categories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.ConfigurationInvalid + ".md");

    public static readonly DiagnosticDescriptor ChainClassNameTaken = new(
        Ids.ChainClassNameTaken,
        "The chain's class name is already taken",
        "Chain '{0}': interface '{1}' would generate class '{2}', but {3} already takes that name, so no chain is generated for '{1}'; rename the interface",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.ChainClassNameTaken + ".md");

    public static readonly DiagnosticDescriptor InvalidChain = new(
        Ids.InvalidChain,
        "Invalid fallback chain values",
        "Chain '{0}' is invalid: {1}",
        Categories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + Ids.InvalidChain + ".md");
}
