using System.Collections.Generic;

namespace Fallback.Generator.Tests;

/// <summary>Representative chain declarations: each one's generated source is a golden file under Snapshots/.</summary>
public static class Cases
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Fallback;
        using Microsoft.Extensions.AI;

        """;

    public static readonly IReadOnlyDictionary<string, string> Sources = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
    {
        // The DESIGN.md example: an IChatClient with a final fallback that returns ChatResponse.
        ["ChatClientChain"] = Usings + """
            namespace Samples.Content
            {
                [FallbackChain("content_generation")]
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
                [Model("openai", "gpt-4o-mini", Priority = 3)]
                public partial interface IContentGenerator : IChatClient
                {
                    [FinalFallback]
                    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                        => new(new ChatMessage(ChatRole.Assistant, "The service is busy; please try again."));
                }
            }
            """,

        // Each declared shape, parameters in any order, optional ones, and a Task final fallback taking the token.
        ["DeclaredShapes"] = Usings + """
            namespace Samples.Shapes
            {
                [FallbackChain("analysis")]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 1)]
                public partial interface IAnalyzer
                {
                    Task<ChatResponse> AnalyzeAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

                    Task<ChatResponse> ReviewAsync(CancellationToken token, IEnumerable<ChatMessage> conversation);

                    IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ChatOptions options, IEnumerable<ChatMessage> messages);

                    Task<string> SummarizeAsync(string prompt, CancellationToken cancellationToken = default);

                    [FinalFallback]
                    static Task<ChatResponse> UnavailableAsync(IEnumerable<ChatMessage> messages, AllModelsFailedException failure, CancellationToken cancellationToken)
                        => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Analysis is unavailable.")));
                }
            }
            """,

        // The text shape only, with a default prompt and nullable annotations.
        ["TextShape"] = Usings + """
            namespace Samples.Text
            {
                [FallbackChain("summaries", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o-mini", Priority = 1)]
                [Model("google", "gemini-2.5-flash", Priority = 2)]
                public partial interface ISummarizer
                {
                    Task<string> SummarizeAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default);

                    Task<string> TitleAsync(CancellationToken cancellationToken, string prompt = "Give this a title.");

                    Task<string> OneLineAsync(string prompt);
                }
            }
            """,

        // Streaming members and a ValueTask final fallback.
        ["Streaming"] = Usings + """
            namespace Samples.Realtime
            {
                [FallbackChain("realtime_chat")]
                [Model("openai", "gpt-4o-mini", Priority = 1, AttemptTimeoutMs = 5000, FirstTokenTimeoutMs = 1500)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 2, SupportsPrefill = true)]
                public partial interface IRealtimeChat
                {
                    IAsyncEnumerable<ChatResponseUpdate> ChatAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

                    IAsyncEnumerable<ChatResponseUpdate> QuickAsync(IEnumerable<ChatMessage> messages);

                    [FinalFallback]
                    static ValueTask<ChatResponse> Sorry(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                        => new(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Sorry, try again in a moment.")));
                }
            }
            """,

        // Members with their own [Model]s: one reuses an interface entry, one adds new ones; one member keeps the default route.
        ["MethodLevelModels"] = Usings + """
            namespace Samples.Routes
            {
                [FallbackChain("assistant", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                public partial interface IAssistant : IChatClient
                {
                    Task<ChatResponse> AnswerAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default);

                    [Model("openai", "gpt-4o-mini", Priority = 1)]
                    [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
                    Task<string> ClassifyAsync(string prompt, CancellationToken cancellationToken = default);

                    [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
                    [Model("anthropic", "claude-opus-4-1", Priority = 0)]
                    IAsyncEnumerable<ChatResponseUpdate> ReasonAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);
                }
            }
            """,

        // Issue 15: no interface-level [Model]; every member brings its own, and one orders the same models its own
        // way. One table entry per model (the first declaration's retries); each member's route in its own order.
        ["MemberOnlyModels"] = Usings + """
            namespace Samples.MemberOnly
            {
                [FallbackChain("member_only", ThrowWhenExhausted = true)]
                public partial interface ITasks
                {
                    [Model("openai", "gpt-4o-mini", Priority = 1, MaxRetries = 1)]
                    [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
                    Task<string> ClassifyAsync(string prompt);

                    [Model("anthropic", "claude-haiku-4-5", Priority = 1)]
                    [Model("openai", "gpt-4o-mini", Priority = 2, MaxRetries = 1)]
                    Task<ChatResponse> AnswerAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default);

                    [Model("google", "gemini-2.5-flash")]
                    IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IEnumerable<ChatMessage> messages);
                }
            }
            """,

        // FB0007: a model listed twice in one [Model] list (Client = "openai" is the provider's own key). The
        // repeat is dropped and the first keeps its place and values; on a member, an identical repeat likewise.
        ["RepeatedModel"] = Usings + """
            namespace Samples.Repeated
            {
                [FallbackChain("repeated", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                [Model("openai", "gpt-4o", Priority = 3, Client = "openai")]
                public partial interface IRepeated : IChatClient
                {
                    [Model("anthropic", "claude-haiku-4-5", Priority = 1)]
                    [Model("openai", "gpt-4o-mini", Priority = 2)]
                    [Model("anthropic", "claude-haiku-4-5", Priority = 1)]
                    Task<string> ClassifyAsync(string prompt);
                }
            }
            """,

        // A chain that routes around content filters: the declared value is applied to the options the engine gets.
        ["ContentFilterFallback"] = Usings + """
            namespace Samples.Moderated
            {
                [FallbackChain("moderated", ThrowWhenExhausted = true, FallBackOnContentFilter = true)]
                [Model("openai", "gpt-4o", Priority = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                public partial interface IModeratedChat : IChatClient
                {
                }
            }
            """,

        // A chain bounded in time: attempt timeouts give it a worst case (constants on the class), and its declared
        // request timeout becomes the default RequestTimeout of the options the engine gets.
        ["BoundedChain"] = Usings + """
            namespace Samples.Bounded
            {
                [FallbackChain("bounded", ThrowWhenExhausted = true, RequestTimeoutMs = 120000)]
                [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2, AttemptTimeoutMs = 10000)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1, AttemptTimeoutMs = 15000)]
                [Model("openai", "gpt-4o-mini", Priority = 3, AttemptTimeoutMs = 5000)]
                public partial interface IBoundedChat : IChatClient
                {
                }
            }
            """,

        // No final fallback: callers get AllModelsFailedException.
        // The model catalogue fills what each [Model] leaves unknown, and only that: declared values win (a smaller window,
        // prefill declared off, the prices of a negotiated contract), a fine-tune and a dated snapshot take their base
        // model's facts, and a model the catalogue does not know (or a provider it does not cover) stays as declared.
        ["CatalogueFacts"] = Usings + """
            namespace Samples.Catalogue;

            [FallbackChain("catalogue", ThrowWhenExhausted = true)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1, ContextWindow = 100000, SupportsPrefill = false)]
            [Model("openai", "gpt-4o", Priority = 2, InputPricePerMillionTokens = 2, OutputPricePerMillionTokens = 8)]
            [Model("openai", "ft:gpt-4o-mini-2024-07-18:acme::abc123", Priority = 3)]
            [Model("anthropic", "claude-haiku-4-5-20991231", Priority = 4)]
            [Model("openai", "gpt-9", Priority = 5)]
            [Model("ollama", "llama3.1:8b", Priority = 6, ContextWindow = 131072)]
            public partial interface ICatalogued : IChatClient
            {
            }
            """,

        ["ThrowWhenExhausted"] = Usings + """
            namespace Samples.Strict
            {
                [FallbackChain("strict", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                public partial interface IStrictChat : IChatClient
                {
                }
            }
            """,

        // Nested in partial types: the chain is emitted beside the interface.
        ["NestedInPartialClass"] = Usings + """
            namespace Samples.Nested
            {
                public static partial class Outer
                {
                    public partial record struct Holder
                    {
                        [FallbackChain("nested")]
                        [Model("openai", "gpt-4o", Priority = 1)]
                        [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                        public partial interface IWriter
                        {
                            Task<string> WriteAsync(string prompt, CancellationToken cancellationToken = default);

                            [FinalFallback]
                            static ChatResponse Fallback(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                                => new(new ChatMessage(ChatRole.Assistant, "No writer is available."));
                        }
                    }
                }
            }
            """,

        ["GlobalNamespace"] = Usings + """
            [FallbackChain("global_chain", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface IGlobalChat : IChatClient
            {
            }
            """,

        ["FileScopedNamespace"] = Usings + """
            namespace Samples.FileScoped;

            [FallbackChain("file_scoped", ThrowWhenExhausted = true)]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
            public partial interface ITranslator
            {
                Task<string> TranslateAsync(string prompt, ChatOptions? options, CancellationToken cancellationToken);
            }
            """,

        // Inherited members are implemented explicitly; default-bodied and static members are left alone.
        ["InheritedMembers"] = Usings + """
            namespace Samples.Inheritance
            {
                public interface ISummaries
                {
                    Task<string> SummarizeAsync(string prompt, CancellationToken cancellationToken = default);

                    Task<string> ShortSummaryAsync(string prompt) => SummarizeAsync("Briefly: " + prompt);
                }

                public interface IConversations : ISummaries
                {
                    Task<ChatResponse> ContinueAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null);

                    static string Describe() => "conversations";
                }

                [FallbackChain("support", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                public partial interface ISupportAgent : IConversations, IChatClient
                {
                    Task<ChatResponse> EscalateAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default);

                    Task<ChatResponse> TriageAsync(IEnumerable<ChatMessage> messages) => EscalateAsync(messages);
                }
            }
            """,

        // The seeds' region failover: one provider and model behind two clients.
        ["RegionFailover"] = Usings + """
            namespace Samples.Regions
            {
                [FallbackChain("regional", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1, Client = "openai-us", MaxRetries = 1)]
                [Model("openai", "gpt-4o", Priority = 2, Client = "openai-eu", MaxRetries = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 3)]
                public partial interface IRegionalChat : IChatClient
                {
                }
            }
            """,

        // A model switched off at build time (it can be enabled at run time), with timeouts and context windows.
        ["DisabledModel"] = Usings + """
            namespace Samples.Disabled
            {
                [FallbackChain("long_context", ThrowWhenExhausted = true)]
                [Model("google", "gemini-2.5-pro", Priority = 1, ContextWindow = 1000000, AttemptTimeoutMs = 60000)]
                [Model("openai", "gpt-4.1", Priority = 2, Enabled = false, ContextWindow = 1000000)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 3, ContextWindow = 200000)]
                public partial interface ILongContextChat : IChatClient
                {
                }
            }
            """,

        // Internal interface: internal chain and internal DI extension.
        ["InternalInterface"] = Usings + """
            namespace Samples.Internal
            {
                [FallbackChain("internal_chain")]
                [Model("openai", "gpt-4o", Priority = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                internal partial interface IInternalChat
                {
                    Task<ChatResponse> AskAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default);

                    [FinalFallback]
                    internal static ChatResponse? Nothing(IEnumerable<ChatMessage> messages, AllModelsFailedException failure, CancellationToken cancellationToken)
                        => new(new ChatMessage(ChatRole.Assistant, "Nothing to say."));
                }
            }
            """,

        // Member names the chain uses for itself are implemented explicitly; keyword names are escaped.
        ["ReservedNames"] = Usings + """
            namespace Samples.Reserved
            {
                [FallbackChain("reserved", ThrowWhenExhausted = true)]
                [Model("openai", "gpt-4o", Priority = 1)]
                [Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
                public partial interface IReserved
                {
                    [Model("anthropic", "claude-haiku-4-5")]
                    Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

                    Task<string> Name(string @string);

                    Task<string?> @event(string? prompt, ChatOptions? @_engine);
                }
            }
            """,
    };
}
