using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fallback;

/// <summary>
/// The engine every generated chain runs on: an <see cref="IChatClient"/> that tries a table of models in
/// priority order with retries, backoff, timeouts, a circuit breaker per model and a final fallback, and
/// keeps exact lock-free statistics. Generated chains pass it a static model table and static delegates;
/// it can also be built by hand.
/// </summary>
public sealed partial class FallbackEngine : IChatClient, IFallbackChain
{
    private readonly ModelSlot[] _slots;
    private readonly ModelSelector _selector;
    private readonly IRoutingStrategy _routing = PriorityRouting.Instance;
    private readonly ChainTelemetry _telemetry;
    private readonly RequestCounters _requests = new();
    private readonly FinalFallbackHandler? _finalFallback;
    private readonly ChatClientMetadata _metadata;

    private readonly ModelDescriptor[] _table;
    private readonly object _routesGate = new();

    // Every route built, by id; replaced whole when one is added (routes are built once, read on requests without a lock).
    private FallbackRoute[] _routes = [];

    // One reference the requests read; replaced whole (Reconfigure), never changed in place.
    private EngineSettings _settings;

    /// <summary>Builds an engine over a model table.</summary>
    /// <param name="name">The chain's name.</param>
    /// <param name="models">The model table; the default route tries every entry by ascending priority, ties in table order.</param>
    /// <param name="clients">Returns the <see cref="IChatClient"/> for a client key; called once per distinct key, here.</param>
    /// <param name="options">Run-time settings; null for the defaults. Read once, here: later changes to the instance are not seen.</param>
    /// <param name="finalFallback">Answers when every model failed; null to throw <see cref="AllModelsFailedException"/>.</param>
    /// <exception cref="ArgumentException">The name or table is empty or invalid, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">No client could be had for a key.</exception>
    public FallbackEngine(string name, IReadOnlyList<ModelDescriptor> models, Func<string, IChatClient> clients, FallbackOptions? options = null, FinalFallbackHandler? finalFallback = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A fallback chain needs a non-empty name.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(clients);
        Name = name;
        ValidateModels(name, models);
        _table = [.. models];
        _settings = new EngineSettings(name, options ?? new FallbackOptions(), _table);

        _finalFallback = finalFallback;
        _telemetry = new ChainTelemetry(name, _settings.Options.LoggerFactory?.CreateLogger("Fallback.Chain") ?? NullLogger.Instance);

        var resolved = new Dictionary<string, IChatClient>(StringComparer.Ordinal);
        _slots = new ModelSlot[models.Count];
        for (int i = 0; i < models.Count; i++)
        {
            ModelDescriptor model = models[i];
            if (!resolved.TryGetValue(model.Client, out IChatClient? client))
            {
                client = ResolveClient(name, model, clients);
                PipelineGuard.Check(name, model, client);
                resolved.Add(model.Client, client);
            }

            _slots[i] = new ModelSlot(i, model, client);
        }

        ApplySwitches(_settings);
        _selector = new ModelSelector(_slots, _settings.TimeProvider, _telemetry);
        int[] all = new int[models.Count];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        DefaultRoute = CreateRoute(all);
        _metadata = new ChatClientMetadata("fallback", providerUri: null, defaultModelId: _slots[DefaultRoute.Order[0]].Descriptor.Model);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Every model of the table, by ascending priority.</summary>
    public FallbackRoute DefaultRoute { get; }

    /// <summary>The route a request names in its options (<see cref="FallbackChatOptions.RouteKey"/>), else <paramref name="fallback"/>.</summary>
    internal FallbackRoute RouteOf(ChatOptions? options, FallbackRoute fallback)
    {
        if (options?.AdditionalProperties?.TryGetValue(FallbackChatOptions.RouteKey, out object? value) == true && value is int id)
        {
            FallbackRoute[] routes = Volatile.Read(ref _routes);
            if ((uint)id < (uint)routes.Length)
            {
                return routes[id];
            }
        }

        return fallback;
    }

    /// <summary>The chain declares <c>FallBackOnContentFilter = true</c>: new options cannot turn it off.</summary>
    internal bool DeclaresFallBackOnContentFilter { get; init; }

    /// <summary>The chain's declared <c>RequestTimeoutMs</c>: the request timeout whenever new options leave theirs null.</summary>
    internal TimeSpan? DeclaredRequestTimeout { get; init; }

    /// <summary>The options the engine runs with: the latest given to the constructor or <see cref="Reconfigure"/>.</summary>
    public FallbackOptions Options => Volatile.Read(ref _settings).Options;

    /// <summary>
    /// Applies new options to the running chain: requests that start after it use them, requests under way finish on
    /// the ones they started with. Model overrides (<see cref="FallbackOptions.Models"/>) take effect too: priorities
    /// re-order the routes, <see cref="ModelOptions.Enabled"/> switches models. The clock, the jitter source and the
    /// logger factory are the ones the chain was built with. Invalid options change nothing.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range, or a model override names no declared model; every problem in one message.</exception>
    public void Reconfigure(FallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new EngineSettings(Name, DeclaredOptions.Apply(options, DeclaresFallBackOnContentFilter, DeclaredRequestTimeout)!, _table, previous: Volatile.Read(ref _settings));
        lock (_routesGate)
        {
            Volatile.Write(ref _settings, settings);
            foreach (FallbackRoute route in _routes)
            {
                route.Order = route.Routing.Order(route.Models, settings);
            }
        }

        ApplySwitches(settings);
        _telemetry.Reconfigured();
    }

    /// <summary>The options' <see cref="ModelOptions.Enabled"/> values, applied as <see cref="DisableModel"/>/<see cref="EnableModel"/> would.</summary>
    private void ApplySwitches(EngineSettings settings)
    {
        foreach (ModelSlot slot in _slots)
        {
            if (settings.Enabled(slot.Index) is { } enabled && slot.Health.Enabled != enabled)
            {
                slot.Health.Enabled = enabled;
                _telemetry.ModelSwitched(slot.Descriptor.Provider, slot.Descriptor.Model, enabled);
            }
        }
    }

    /// <summary>A route over some entries of the table (a member's own models), tried by ascending priority.</summary>
    /// <exception cref="ArgumentException">An index is out of range or repeated, or none is given.</exception>
    public FallbackRoute CreateRoute(params int[] modelIndexes)
        => CreateRoute(modelIndexes, _routing);

    private FallbackRoute CreateRoute(int[] modelIndexes, IRoutingStrategy routing)
    {
        ArgumentNullException.ThrowIfNull(modelIndexes);
        if (modelIndexes.Length == 0)
        {
            throw new ArgumentException($"Fallback chain '{Name}': a route needs at least one model.", nameof(modelIndexes));
        }

        int[] order = modelIndexes;
        for (int i = 0; i < order.Length; i++)
        {
            if ((uint)order[i] >= (uint)_slots.Length)
            {
                throw new ArgumentException($"Fallback chain '{Name}': model index {order[i]} is outside the table of {_slots.Length}.", nameof(modelIndexes));
            }

            for (int j = 0; j < i; j++)
            {
                if (order[j] == order[i])
                {
                    throw new ArgumentException($"Fallback chain '{Name}': model index {order[i]} appears twice in a route.", nameof(modelIndexes));
                }
            }
        }

        int[] models = (int[])order.Clone();
        lock (_routesGate)
        {
            var route = new FallbackRoute(models, routing.Order(models, _settings), routing, id: _routes.Length);
            Volatile.Write(ref _routes, [.. _routes, route]); // re-ordered when the settings change
            return route;
        }
    }

    /// <summary>
    /// A route over some entries of the table, tried in the order given rather than by priority: a member whose own
    /// <see cref="ModelAttribute"/>s order the chain's models its own way (each entry keeps its retries and timeouts).
    /// </summary>
    /// <exception cref="ArgumentException">An index is out of range or repeated, or none is given.</exception>
    public FallbackRoute CreateRouteInOrder(params int[] modelIndexes) => CreateRoute(modelIndexes, DeclaredOrderRouting.Instance);

    /// <inheritdoc />
    public IReadOnlyList<ModelStatus> Models
    {
        get
        {
            EngineSettings settings = Volatile.Read(ref _settings);
            long now = settings.TimeProvider.GetUtcNow().UtcTicks;
            var result = new ModelStatus[_slots.Length];
            for (int i = 0; i < _slots.Length; i++)
            {
                ModelSlot slot = _slots[i];
                ModelDescriptor d = slot.Descriptor;
                CircuitState circuit = slot.Health.GetCircuit(now, out DateTimeOffset? openUntil);
                // Priority and retries as the chain runs with them: declared, or overridden by its options.
                result[i] = new ModelStatus(
                    d.Provider, d.Model, d.Client, settings.Priority(i), settings.AttemptsAllowed(slot, isTrial: false) - 1, slot.Health.Enabled, circuit, slot.Health.ConsecutiveFailures, openUntil)
                {
                    Descriptor = d,
                };
            }

            return result;
        }
    }

    /// <inheritdoc />
    public FallbackStats GetStats()
    {
        var usage = new Dictionary<string, long>(StringComparer.Ordinal);
        var models = new ModelStats[_slots.Length];
        long successful = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            ModelSlot slot = _slots[i];
            models[i] = slot.Counters.Snapshot(slot.Descriptor);
            successful += models[i].Served;
            usage.TryGetValue(slot.Descriptor.Id, out long served);
            usage[slot.Descriptor.Id] = served + models[i].Served;
        }

        return new FallbackStats(
            successful,
            _requests.Failed,
            _requests.Cancelled,
            _requests.Fallbacks,
            _requests.FinalFallbacks,
            usage,
            models);
    }

    /// <inheritdoc />
    public void ResetStats()
    {
        _requests.Reset();
        foreach (ModelSlot slot in _slots)
        {
            slot.Counters.Reset();
        }
    }

    /// <inheritdoc />
    public void DisableModel(string provider, string model) => Switch(provider, model, enabled: false);

    /// <inheritdoc />
    public void EnableModel(string provider, string model) => Switch(provider, model, enabled: true);

    private void Switch(string provider, string model, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        bool found = false;
        foreach (ModelSlot slot in _slots)
        {
            if (string.Equals(slot.Descriptor.Provider, provider, StringComparison.Ordinal) && string.Equals(slot.Descriptor.Model, model, StringComparison.Ordinal))
            {
                slot.Health.Enabled = enabled;
                found = true;
            }
        }

        if (!found)
        {
            var known = new List<string>(_slots.Length);
            foreach (ModelSlot slot in _slots)
            {
                known.Add(slot.Descriptor.Id);
            }

            throw new ArgumentException($"Fallback chain '{Name}' has no model {provider}/{model}; it has {string.Join(", ", known)}.", nameof(model));
        }

        _telemetry.ModelSwitched(provider, model, enabled);
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => GetResponseAsync(DefaultRoute, messages, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => GetStreamingResponseAsync(DefaultRoute, messages, options, cancellationToken);

    /// <summary>Sends <paramref name="prompt"/> as one user message over <paramref name="route"/> and returns the answer's text.</summary>
    public async Task<string> GetTextAsync(FallbackRoute route, string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ChatResponse response = await GetResponseAsync(route, [new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the engine owns none of its clients.</summary>
    public void Dispose()
    {
    }

    private static void ValidateModels(string name, IReadOnlyList<ModelDescriptor> models)
    {
        if (models.Count == 0)
        {
            throw new ArgumentException($"Fallback chain '{name}' declares no models.", nameof(models));
        }

        for (int i = 0; i < models.Count; i++)
        {
            ModelDescriptor m = models[i] ?? throw new ArgumentException($"Fallback chain '{name}': model entry {i} is null.", nameof(models));
            string where = $"Fallback chain '{name}', model entry {i}";
            if (string.IsNullOrWhiteSpace(m.Provider) || string.IsNullOrWhiteSpace(m.Model))
            {
                throw new ArgumentException($"{where}: provider and model must not be empty.", nameof(models));
            }

            if (m.MaxRetries < 0)
            {
                throw new ArgumentException($"{where} ({m}): MaxRetries must not be negative, was {m.MaxRetries}.", nameof(models));
            }

            if (m.AttemptTimeoutMs < 0 || m.ContextWindow < 0 || m.FirstTokenTimeoutMs < 0 || m.MaxOutputTokens < 0)
            {
                throw new ArgumentException($"{where} ({m}): AttemptTimeoutMs, FirstTokenTimeoutMs, ContextWindow and MaxOutputTokens must not be negative.", nameof(models));
            }

            if (!(m.InputPricePerMillionTokens >= 0 && m.OutputPricePerMillionTokens >= 0)
                || double.IsInfinity(m.InputPricePerMillionTokens) || double.IsInfinity(m.OutputPricePerMillionTokens))
            {
                throw new ArgumentException($"{where} ({m}): InputPricePerMillionTokens and OutputPricePerMillionTokens must be finite and not negative.", nameof(models));
            }

            for (int j = 0; j < i; j++)
            {
                ModelDescriptor other = models[j];
                if (other.Provider == m.Provider && other.Model == m.Model && other.Client == m.Client)
                {
                    throw new ArgumentException($"Fallback chain '{name}' lists {m} twice (entries {j} and {i}).", nameof(models));
                }
            }
        }
    }

    private static IChatClient ResolveClient(string name, ModelDescriptor model, Func<string, IChatClient> clients)
    {
        IChatClient? client;
        try
        {
            client = clients(model.Client);
        }
        catch (ClientKeyNotFoundException ex)
        {
            throw new InvalidOperationException(MissingClient(name, model) + " " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(MissingClient(name, model), ex);
        }

        return client ?? throw new InvalidOperationException(MissingClient(name, model));
    }

    private static string MissingClient(string name, ModelDescriptor model)
        => $"Fallback chain '{name}' found no IChatClient for client key '{model.Client}' (model {model.Id}). " +
           $"Register one with services.AddKeyedChatClient(\"{model.Client}\", ...) or pass it to the chain's constructor.";
}
