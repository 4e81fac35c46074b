using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback;

/// <summary>
/// The fixed surface of every generated chain, as <see cref="DelegatingChatClient"/> is for middleware: it builds and
/// holds the <see cref="FallbackEngine"/>, serves <see cref="IChatClient"/> over the chain's default route and
/// <see cref="IFallbackChain"/> from the engine. A generated chain adds only what its declaration says: the model table,
/// the interface's members, its constructors and its DI extension.
/// </summary>
/// <remarks>
/// Built for the generator; a hand-written subclass works the same way. A chain interface member whose name is one of
/// this class's (say a method <c>Name</c> or <c>GetStats</c>) is implemented explicitly by the generated class.
/// </remarks>
public abstract class FallbackChainBase : IChatClient, IFallbackChain
{
    /// <summary>Builds the chain's engine.</summary>
    /// <param name="name">The chain's name from <see cref="FallbackChainAttribute"/>.</param>
    /// <param name="models">The model table.</param>
    /// <param name="clients">Returns the <see cref="IChatClient"/> for a client key. The chain does not own the clients.</param>
    /// <param name="options">
    /// Run-time settings; null for the defaults. Never modified: when a declared value differs from them, the engine runs on
    /// a copy with the declared value set, and <see cref="FallbackEngine.Options"/> returns that copy.
    /// </param>
    /// <param name="finalFallback">Answers when every model failed; null to throw <see cref="AllModelsFailedException"/>.</param>
    /// <param name="fallBackOnContentFilter">
    /// The chain's declared <see cref="FallbackChainAttribute.FallBackOnContentFilter"/>: true routes around content
    /// filters whatever <paramref name="options"/> say.
    /// </param>
    /// <param name="requestTimeout">
    /// The chain's declared <see cref="FallbackChainAttribute.RequestTimeoutMs"/>, or null for none: the request timeout
    /// when <paramref name="options"/> leave <see cref="FallbackOptions.RequestTimeout"/> null. A timeout the options set
    /// explicitly wins.
    /// </param>
    /// <exception cref="ArgumentException">The name or table is empty or invalid, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">No client could be had for a key.</exception>
    protected FallbackChainBase(
        string name,
        IReadOnlyList<ModelDescriptor> models,
        Func<string, IChatClient> clients,
        FallbackOptions? options,
        FinalFallbackHandler? finalFallback,
        bool fallBackOnContentFilter = false,
        TimeSpan? requestTimeout = null)
    {
        Engine = new FallbackEngine(name, models, clients, DeclaredOptions.Apply(options, fallBackOnContentFilter, requestTimeout), finalFallback)
        {
            DeclaresFallBackOnContentFilter = fallBackOnContentFilter, // both kept through Reconfigure
            DeclaredRequestTimeout = requestTimeout,
        };
        DefaultRoute = Engine.DefaultRoute;
    }

    // The chain's middleware, when its registration added any; requests go through it, the engine innermost.
    private IChatClient? _pipeline;

    /// <summary>The engine that runs the chain: routes, options and the statistics behind <see cref="GetStats"/>.</summary>
    public FallbackEngine Engine { get; }

    /// <summary>
    /// The route of the <see cref="IChatClient"/> surface and of members without models of their own: the whole table
    /// unless a derived constructor sets the interface's models (when members bring models of their own as well).
    /// </summary>
    protected FallbackRoute DefaultRoute { get; init; }

    /// <inheritdoc />
    public string Name => Engine.Name;

    /// <inheritdoc />
    public IReadOnlyList<ModelStatus> Models => Engine.Models;

    /// <inheritdoc />
    public FallbackStats GetStats() => Engine.GetStats();

    /// <inheritdoc />
    public void ResetStats() => Engine.ResetStats();

    /// <inheritdoc />
    public void DisableModel(string provider, string model) => Engine.DisableModel(provider, model);

    /// <inheritdoc />
    public void EnableModel(string provider, string model) => Engine.EnableModel(provider, model);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(DefaultRoute, messages, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => StreamAsync(DefaultRoute, messages, options, cancellationToken);

    /// <summary>Sends a request over <paramref name="route"/>, through the chain's middleware when it has any.</summary>
    protected Task<ChatResponse> SendAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
        => _pipeline is null
            ? Engine.GetResponseAsync(route, messages, options, cancellationToken)
            : _pipeline.GetResponseAsync(messages, Routed(route, options), cancellationToken);

    /// <summary>Streams a response over <paramref name="route"/>, through the chain's middleware when it has any.</summary>
    protected IAsyncEnumerable<ChatResponseUpdate> StreamAsync(FallbackRoute route, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
        => _pipeline is null
            ? Engine.GetStreamingResponseAsync(route, messages, options, cancellationToken)
            : _pipeline.GetStreamingResponseAsync(messages, Routed(route, options), cancellationToken);

    /// <summary>Sends <paramref name="prompt"/> as one user message over <paramref name="route"/> and returns the answer's text.</summary>
    protected async Task<string> GetTextAsync(FallbackRoute route, string prompt, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ChatResponse response = await SendAsync(route, [new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }

    /// <summary>Wraps the chain in middleware (from <see cref="FallbackChainBuilder.Use(Func{IChatClient, IServiceProvider, IChatClient})"/>).</summary>
    internal void UseMiddleware(FallbackChainBuilder builder, IServiceProvider services)
        => _pipeline = builder.BuildPipeline(new EngineSurface(this), services);

    // Through middleware the route travels in the options as a number (a copy: the caller's options are not changed).
    private static ChatOptions Routed(FallbackRoute route, ChatOptions? options)
    {
        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        (copy.AdditionalProperties ??= [])[FallbackChatOptions.RouteKey] = route.Id;
        return copy;
    }

    /// <summary>The innermost client of the middleware: the engine, on the route the request names.</summary>
    private sealed class EngineSurface(FallbackChainBase chain) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => chain.Engine.GetResponseAsync(chain.Engine.RouteOf(options, chain.DefaultRoute), messages, options, cancellationToken);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => chain.Engine.GetStreamingResponseAsync(chain.Engine.RouteOf(options, chain.DefaultRoute), messages, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => chain.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);

        // The chain itself for its own types (its class, its interface, IFallbackChain); the engine answers the rest
        // (ChatClientMetadata, FallbackEngine).
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : Engine.GetService(serviceType, serviceKey);
    }

    /// <summary>Does nothing: the chain does not own its model clients; whoever created them disposes them.</summary>
    public void Dispose()
    {
    }
}
