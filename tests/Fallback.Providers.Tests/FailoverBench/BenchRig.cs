using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Fallback.Anthropic;
using Fallback.LocalProviders;
using Microsoft.Extensions.AI;

namespace Fallback.Providers.Tests.FailoverBench;

/// <summary>How the caller asks: a stream collected with <c>ToChatResponseAsync()</c> (the benchmark's mode) or <c>GetResponseAsync</c>.</summary>
public enum Mode
{
    Streaming,
    NonStreaming,
}

/// <summary>The chain's options beyond the benchmark's baseline (MaxRetries 2 on the primary, one fallback, AttemptTimeout 30 s).</summary>
public enum Column
{
    /// <summary>Every other option at its default.</summary>
    Defaults,

    /// <summary><see cref="FallbackOptions.FirstTokenTimeout"/> 10 s.</summary>
    FirstToken,

    /// <summary>FirstTokenTimeout 10 s and <see cref="StreamRecovery.Continue"/>; both models declare <c>supportsPrefill: true</c>.</summary>
    Continue,

    /// <summary>FirstTokenTimeout 10 s and <see cref="StreamRecovery.Buffer"/>.</summary>
    Buffer,

    /// <summary>FirstTokenTimeout 10 s; the request itself asks for <see cref="StreamRecovery.Buffer"/> through <c>WithStreamRecovery</c>.</summary>
    BufferPerRequest,
}

/// <summary>Counts model calls in flight through the SDK clients (a stream: from its start until it is disposed).</summary>
internal sealed class InFlight
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit() => Interlocked.Decrement(ref _count);
}

internal sealed class InFlightClient(IChatClient inner, InFlight counter) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        counter.Enter();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            counter.Exit();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        counter.Enter();
        try
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            counter.Exit();
        }
    }
}

/// <summary>One call as the caller saw it.</summary>
internal sealed record CallResult(Outcome Outcome, ChatResponse? Response, Exception? Error, double ElapsedSeconds);

/// <summary>
/// A chain of the benchmark's shape over real HTTP and a real SDK: primary (MaxRetries 2) → one fallback, AttemptTimeout
/// 30 s, the SDK's own retries off, each model on its own server on 127.0.0.1, everything timed by one
/// <see cref="BenchClock"/>. <see cref="CallAsync"/> drives the clock: whenever, on each server, the calls in flight to it
/// are exactly the requests it holds on the clock (or there are none) and nothing has moved for a moment, it jumps to the
/// next pending timer.
/// </summary>
internal sealed class BenchRig : IAsyncDisposable
{
    /// <summary>The bench's test classes run one at a time and alone (<see cref="BenchCollection"/>): the driver reads "nothing moved for a moment" as "everyone waits on the clock", which a CPU shared with other test classes would blur.</summary>
    public const string Collection = "FailoverBench";

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FirstTokenTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Real time with no change anywhere before the driver believes everyone waits on the clock.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(60);

    /// <summary>Real time a single call may take before the driver calls it a hang (a guard, never a measurement).</summary>
    private static readonly TimeSpan RealPatience = TimeSpan.FromSeconds(20);

    private static readonly SemaphoreSlim s_warm = new(1, 1);
    private static readonly HashSet<Sdk> s_warmed = new();

    private readonly List<IChatClient> _clients = new();
    private readonly InFlight _primaryInFlight = new();
    private readonly InFlight _backupInFlight = new();

    private BenchRig(Sdk sdk, Column column, LocalProviderServer primary, LocalProviderServer backup, string primaryModel, string fallbackModel)
    {
        Sdk = sdk;
        Column = column;
        Primary = primary;
        Backup = backup;
        PrimaryModel = primaryModel;
        FallbackModel = fallbackModel;
        Provider = ProviderHarness.ProviderName(sdk);
        primary.Clock = Clock;
        backup.Clock = Clock;
    }

    public Sdk Sdk { get; }

    public Column Column { get; }

    public string Provider { get; }

    public BenchClock Clock { get; } = new();

    public LocalProviderServer Primary { get; }

    public LocalProviderServer Backup { get; }

    public string PrimaryModel { get; }

    public string FallbackModel { get; }

    public string FallbackId => Provider + "/" + FallbackModel;

    public string PrimaryId => Provider + "/" + PrimaryModel;

    public FallbackEngine Chain { get; private set; } = null!;

    public static async Task<BenchRig> StartAsync(Sdk sdk, Column column, string primaryModel, string fallbackModel, Action<FallbackOptions>? configure = null, int primaryRetries = 2, bool? fallbackSupportsPrefill = null)
    {
        ProviderFormat format = ProviderHarness.FormatOf(sdk);
        var rig = new BenchRig(sdk, column, await LocalProviderServer.StartAsync(format), await LocalProviderServer.StartAsync(format), primaryModel, fallbackModel);
        var options = new FallbackOptions
        {
            TimeProvider = rig.Clock,
            AttemptTimeout = AttemptTimeout,
            Random = new Random(20260105),
        };

        if (sdk == Sdk.Anthropic)
        {
            options.UseAnthropic();
        }

        if (column != Column.Defaults)
        {
            options.FirstTokenTimeout = FirstTokenTimeout;
        }

        options.StreamRecovery = column switch
        {
            Column.Continue => StreamRecovery.Continue,
            Column.Buffer => StreamRecovery.Buffer,
            _ => StreamRecovery.Report,
        };
        configure?.Invoke(options);

        bool prefill = column == Column.Continue;
        var models = new List<ModelDescriptor>
        {
            new(rig.Provider, primaryModel, priority: 1, maxRetries: primaryRetries, client: "primary", supportsPrefill: prefill),
            new(rig.Provider, fallbackModel, priority: 2, client: "backup", supportsPrefill: fallbackSupportsPrefill ?? prefill),
        };

        rig.Chain = new FallbackEngine("failoverbench", models, key => rig.Track(key == "primary" ? rig.Primary : rig.Backup), options);
        await rig.WarmUpAsync();
        return rig;
    }

    public ChatOptions? RequestOptions() => Column == Column.BufferPerRequest ? new ChatOptions().WithStreamRecovery(StreamRecovery.Buffer) : null;

    /// <summary>The benchmark's request through the whole chain, in <paramref name="mode"/>, driven on the clock.</summary>
    public Task<CallResult> AskAsync(Mode mode, double maxWallSeconds)
        => CallAsync(token => Ask(Chain.DefaultRoute, mode, RequestOptions(), token), maxWallSeconds);

    /// <summary>The benchmark's alive probe: one healthy, non-streamed request through the same chain to the healthy model, bounded by 10 s.</summary>
    public async Task<(bool Ok, string? Error)> AliveProbeAsync()
    {
        CallResult probe = await CallAsync(token => Ask(Chain.CreateRoute(1), Mode.NonStreaming, null, token), 10);
        bool ok = probe.Outcome == Outcome.Success && BenchMetrics.Normalise(probe.Response!.Text) == BenchMetrics.Normalise(BenchCatalogue.Answer);
        return (ok, ok ? null : probe.Outcome == Outcome.Success ? "answer was not the canonical text" : probe.Outcome + ": " + BenchScoring.Describe(probe.Error));
    }

    private async Task<ChatResponse> Ask(FallbackRoute route, Mode mode, ChatOptions? options, CancellationToken token)
    {
        List<ChatMessage> messages = [new(ChatRole.User, BenchCatalogue.Prompt)];
        return mode == Mode.Streaming
            ? await Chain.GetStreamingResponseAsync(route, messages, options, token).ToChatResponseAsync(token)
            : await Chain.GetResponseAsync(route, messages, options, token);
    }

    /// <summary>Runs <paramref name="call"/> to its end (or calls it a hang past <paramref name="maxWallSeconds"/> on the clock), advancing the clock only while everyone waits on it.</summary>
    public async Task<CallResult> CallAsync(Func<CancellationToken, Task<ChatResponse>> call, double maxWallSeconds)
    {
        DateTimeOffset start = Clock.GetUtcNow();
        using var cts = new CancellationTokenSource();
        Task<ChatResponse> task = Task.Run(() => call(cts.Token));
        var real = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        (int, int, int, int, int, int, int) last = default;
        bool hang = false;
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(5));
            if (task.IsCompleted)
            {
                break;
            }

            if (real.Elapsed > RealPatience)
            {
                hang = true;
                break;
            }

            // Per server, and equal: a call in flight that its server does not hold has not arrived or is being
            // answered; a hold with no call in flight belongs to a call already abandoned (its hang-up not yet seen).
            // Either way someone is still moving. (A sum over both servers once let the primary's stale hold stand in
            // for a backup request still on its way, and the backup's first-token timer fired before it arrived.)
            (int, int, int, int, int, int, int) now = (Clock.Version, _primaryInFlight.Count, _backupInFlight.Count, Primary.HeldRequests, Backup.HeldRequests, Primary.RequestCount, Backup.RequestCount);
            if (now != last)
            {
                last = now;
                quiet.Restart();
                continue;
            }

            bool everyoneWaits = _primaryInFlight.Count == Primary.HeldRequests && _backupInFlight.Count == Backup.HeldRequests;
            if (quiet.Elapsed < Settle || !everyoneWaits || Clock.NextDue() is not { } next)
            {
                continue;
            }

            if ((next - start).TotalSeconds > maxWallSeconds + 1)
            {
                hang = true;
                break;
            }

            Clock.Advance(next - Clock.GetUtcNow());
        }

        double elapsed = (Clock.GetUtcNow() - start).TotalSeconds;
        if (hang)
        {
            cts.Cancel();
            try
            {
                await task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
                // The hung call's own ending is not part of the result.
            }

            return new CallResult(Outcome.Hang, null, null, Math.Max(elapsed, maxWallSeconds));
        }

        try
        {
            return new CallResult(Outcome.Success, await task, null, elapsed);
        }
        catch (Exception error)
        {
            return new CallResult(Outcome.Error, null, error, elapsed);
        }
    }

    private IChatClient Track(LocalProviderServer server)
    {
        IChatClient client = new InFlightClient(ProviderHarness.CreateClient(Sdk, server.BaseUri, Clock), server == Primary ? _primaryInFlight : _backupInFlight);
        _clients.Add(client);
        return client;
    }

    // The first call through each SDK pays for JIT; pay it once, outside any scenario, so no settle window is mistaken for idling.
    private async Task WarmUpAsync()
    {
        await s_warm.WaitAsync();
        try
        {
            if (!s_warmed.Add(Sdk))
            {
                return;
            }

            await using LocalProviderServer server = await LocalProviderServer.StartAsync(ProviderHarness.FormatOf(Sdk));
            server.Script.Default = Fault.Answer(BenchCatalogue.Answer);
            using IChatClient client = ProviderHarness.CreateClient(Sdk, server.BaseUri, TimeProvider.System);
            await client.GetResponseAsync(BenchCatalogue.Prompt).WaitAsync(RealPatience);
            await client.GetStreamingResponseAsync(BenchCatalogue.Prompt).ToChatResponseAsync().WaitAsync(RealPatience);
        }
        finally
        {
            s_warm.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IChatClient client in _clients)
        {
            client.Dispose();
        }

        await Primary.DisposeAsync();
        await Backup.DisposeAsync();
    }
}

/// <summary>Runs the bench's classes apart from every other class of this assembly (see <see cref="BenchRig.Collection"/>).</summary>
[CollectionDefinition(BenchRig.Collection, DisableParallelization = true)]
public sealed class BenchCollection
{
}
