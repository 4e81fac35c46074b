using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Anthropic;
using Fallback.LocalProviders;
using Fallback.OpenAI;
using Fallback.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests;

/// <summary>Which official SDK the chain's clients are built from.</summary>
public enum Sdk
{
    OpenAI,
    Anthropic,
}

/// <summary>
/// A chain of two models over real HTTP: a primary (scripted faults) and a backup (healthy unless scripted),
/// each on its own local server, with clients built by the companions' one-liners and the engine's clock
/// a <see cref="ObservableTime"/>.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    /// <summary>How long a test waits for something that must happen before it calls the run broken (a hang guard, never a timing assertion).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);

    private readonly List<IChatClient> _clients = new();
    private readonly List<TimeSpan> _advanced = new();
    private RefusingEndpoint? _refusing;

    private ProviderHarness(Sdk sdk, LocalProviderServer primary, LocalProviderServer backup)
    {
        Sdk = sdk;
        Primary = primary;
        Backup = backup;
        Provider = ProviderName(sdk);
        PrimaryModel = sdk == Sdk.OpenAI ? "gpt-4o" : "claude-sonnet-4-5";
        BackupModel = sdk == Sdk.OpenAI ? "gpt-4o-mini" : "claude-haiku-4-5";
    }

    public Sdk Sdk { get; }

    public string Provider { get; }

    public ObservableTime Time { get; } = new();

    public LocalProviderServer Primary { get; }

    public LocalProviderServer Backup { get; }

    public string PrimaryModel { get; }

    public string BackupModel { get; }

    public string PrimaryId => Provider + "/" + PrimaryModel;

    public string BackupId => Provider + "/" + BackupModel;

    public FallbackEngine Chain { get; private set; } = null!;

    /// <summary>The delays the test advanced the clock by, in order: the engine's backoffs and Retry-After waits.</summary>
    public IReadOnlyList<TimeSpan> Advanced => _advanced;

    public static string ProviderName(Sdk sdk) => sdk == Sdk.OpenAI ? "openai" : "anthropic";

    public static ProviderFormat FormatOf(Sdk sdk) => sdk == Sdk.OpenAI ? ProviderFormat.OpenAI : ProviderFormat.Anthropic;

    /// <summary>Starts both servers and builds the chain <c>primary (MaxRetries = primaryRetries) → backup</c>.</summary>
    public static async Task<ProviderHarness> StartAsync(Sdk sdk, int primaryRetries = 0, bool withBackup = true, bool primaryRefuses = false, Action<FallbackOptions>? configure = null)
    {
        ProviderFormat format = FormatOf(sdk);
        var harness = new ProviderHarness(sdk, await LocalProviderServer.StartAsync(format), await LocalProviderServer.StartAsync(format));
        var options = new FallbackOptions
        {
            TimeProvider = harness.Time,
            BaseDelay = BaseDelay,
            JitterFactor = 0,
        };

        if (sdk == Sdk.Anthropic)
        {
            options.UseAnthropic();
        }

        configure?.Invoke(options);
        Uri primaryUri = harness.Primary.BaseUri;
        if (primaryRefuses)
        {
            harness._refusing = RefusingEndpoint.Reserve(format);
            primaryUri = harness._refusing.BaseUri;
        }

        var models = new List<ModelDescriptor> { new(harness.Provider, harness.PrimaryModel, priority: 1, maxRetries: primaryRetries, client: "primary") };
        if (withBackup)
        {
            models.Add(new ModelDescriptor(harness.Provider, harness.BackupModel, priority: 2, client: "backup"));
        }

        harness.Chain = new FallbackEngine(
            "providers",
            models,
            key => harness.Track(CreateClient(sdk, key == "primary" ? primaryUri : harness.Backup.BaseUri, harness.Time)),
            options);
        return harness;
    }

    /// <summary>A chain client built with the companion's one-liner, as an app would.</summary>
    public static IChatClient CreateClient(Sdk sdk, Uri baseUri, TimeProvider time) => sdk == Sdk.OpenAI
        ? OpenAIChainClient.Create("sk-local-test", baseUri)
        : AnthropicChainClient.Create("sk-ant-local-test", baseUri, timeProvider: time);

    public IChatClient Track(IChatClient client)
    {
        _clients.Add(client);
        return client;
    }

    public Task<ChatResponse> AskAsync(CancellationToken cancellationToken = default)
        => Chain.GetResponseAsync([new ChatMessage(ChatRole.User, "Say hello.")], options: null, cancellationToken);

    /// <summary>Streams into <paramref name="received"/>, so a test still sees what arrived when the stream throws.</summary>
    public async Task<List<ChatResponseUpdate>> StreamAsync(List<ChatResponseUpdate> received, CancellationToken cancellationToken = default)
    {
        await foreach (ChatResponseUpdate update in Chain.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Say hello.")], options: null, cancellationToken))
        {
            received.Add(update);
        }

        return received;
    }

    /// <summary>
    /// Starts <paramref name="start"/> and runs the call to its end; each time the engine starts waiting on the
    /// clock (a backoff or a Retry-After), advances the clock by exactly that wait and records it in
    /// <see cref="Advanced"/>. The timer count is read before the call starts: a call whose first attempt fails
    /// at once (a refused connection) can create its backoff timer before the caller's next line runs. Every timer the
    /// call creates is taken for such a wait, so the chain under it must set no attempt or request timeout.
    /// </summary>
    public async Task<T> DriveAsync<T>(Func<Task<T>> start)
    {
        int seen = Time.Timers.Count;
        Task<T> call = start();
        while (true)
        {
            Task timer = Time.WaitForTimersAsync(seen + 1);
            Task first = await Task.WhenAny(call, timer).WaitAsync(Patience);
            if (first == call)
            {
                return await call;
            }

            await timer; // a TimeoutException when neither the call nor a timer came within the patience
            TimeSpan due = Time.Timers[seen++];
            _advanced.Add(due);
            Time.Advance(due);
        }
    }

    /// <summary>Like <see cref="DriveAsync{T}(Func{Task{T}})"/>, for a call expected to throw.</summary>
    public async Task<TException> DriveToFailureAsync<TException>(Func<Task> start)
        where TException : Exception
    {
        return await Assert.ThrowsAsync<TException>(() => DriveAsync(async () =>
        {
            await start();
            return true;
        }));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IChatClient client in _clients)
        {
            client.Dispose();
        }

        _refusing?.Dispose();
        await Primary.DisposeAsync();
        await Backup.DisposeAsync();
    }
}

/// <summary>Assertions on what the chain reports.</summary>
internal static class Expect
{
    public static void ServedBy(ChatResponse response, string expectedId, int expectedLevel, string expectedText)
    {
        Assert.Equal(expectedText, response.Text);
        Assert.NotNull(response.AdditionalProperties);
        Assert.Equal(expectedId, response.AdditionalProperties!["fallback.model"]);
        Assert.Equal(expectedLevel, response.AdditionalProperties["fallback.level"]);
    }

    public static void Stats(FallbackStats stats, long successful, long failed, long fallbacks, long cancelled = 0, params (string Model, long Served)[] usage)
    {
        Assert.Equal(successful, stats.SuccessfulRequests);
        Assert.Equal(failed, stats.FailedRequests);
        Assert.Equal(successful + failed, stats.TotalRequests);
        Assert.Equal(fallbacks, stats.FallbackCount);
        Assert.Equal(cancelled, stats.CancelledRequests);
        foreach ((string model, long served) in usage)
        {
            Assert.Equal(served, stats.ModelUsage[model]);
        }
    }

    public static ModelStats Model(FallbackStats stats, string id)
    {
        foreach (ModelStats model in stats.Models)
        {
            if (model.Provider + "/" + model.Model == id)
            {
                return model;
            }
        }

        throw new Xunit.Sdk.XunitException("No statistics for " + id + ".");
    }
}
