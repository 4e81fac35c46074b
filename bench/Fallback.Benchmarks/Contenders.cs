using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>The five contenders over one pair of fake clients: the primary and the secondary.</summary>
public sealed class Contenders
{
    // Every contender waits no delay: no backoff in any case (the primary has no retry; the secondary is never retried).
    public const int PrimaryRetries = 0;
    public const int SecondaryRetries = 1;

    public Contenders(FakeChatClient primary, FakeChatClient secondary)
    {
        Primary = primary;
        Secondary = secondary;
        SeedsModel[] seedsModels =
        [
            new SeedsModel("primary", "model-a", Priority: 1, MaxRetries: PrimaryRetries, primary),
            new SeedsModel("secondary", "model-b", Priority: 2, MaxRetries: SecondaryRetries, secondary),
        ];
        Loop = new SeedsLoopClient(seedsModels, baseDelay: TimeSpan.Zero);
        LoopModelPerCall = new SeedsLoopClient(seedsModels, baseDelay: TimeSpan.Zero, modelPerCall: true);

        // Experimental in Microsoft.Extensions.AI 10.11.0 (MEAI001); benchmarked as shipped.
#pragma warning disable MEAI001
        OrderedFailover = new OrderedFailoverChatClient([primary, secondary], leaveOpen: true);
#pragma warning restore MEAI001

        Polly = new PollyChatClient(primary, PrimaryRetries, secondary, SecondaryRetries, TimeSpan.Zero);

        Func<string, IChatClient> clients = key => key switch
        {
            "primary" => primary,
            "secondary" => secondary,
            _ => throw new ArgumentException(key),
        };
        Chain = new BenchChain(clients, ChainOptions(stampResponses: true));
        ChainUnstamped = new BenchChain(clients, ChainOptions(stampResponses: false));
    }

    /// <summary>
    /// No backoff waited, and no circuit breaker: a dead primary is tried on every request, as every other contender
    /// tries it (with the breaker on, the chain would skip it and do less work).
    /// </summary>
    public static FallbackOptions ChainOptions(bool stampResponses) => new()
    {
        BaseDelay = TimeSpan.Zero,
        MaxDelay = TimeSpan.Zero,
        CircuitBreakerThreshold = 0,
        StampResponses = stampResponses,
    };

    public FakeChatClient Primary { get; }

    public FakeChatClient Secondary { get; }

    public SeedsLoopClient Loop { get; }

    /// <summary>The loop naming the model on each call, as the chain does: a copy of the options per attempt.</summary>
    public SeedsLoopClient LoopModelPerCall { get; }

    public IChatClient OrderedFailover { get; }

    public PollyChatClient Polly { get; }

    public BenchChain Chain { get; }

    /// <summary>The same chain with <see cref="FallbackOptions.StampResponses"/> off: what the contract's stamp costs.</summary>
    public BenchChain ChainUnstamped { get; }

    /// <summary>Every contender, by name, for validation.</summary>
    public IEnumerable<(string Name, IChatClient Client)> All(bool includeDirect, IChatClient direct)
    {
        if (includeDirect)
        {
            yield return ("Direct", direct);
        }

        yield return ("Loop", Loop);
        yield return (LoopModelPerCallName, LoopModelPerCall);
        yield return ("OrderedFailover", OrderedFailover);
        yield return ("Polly", Polly);
        yield return ("Chain", Chain);
        yield return (UnstampedName, ChainUnstamped);
    }

    public const string UnstampedName = "Chain, no stamp";

    public const string LoopModelPerCallName = "Loop, model per call";

    /// <summary>Sends one request through <paramref name="client"/> and checks the text; throws when it differs.</summary>
    public static void Expect(string name, IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions options, string expected)
    {
        ChatResponse response = client.GetResponseAsync(messages, options).GetAwaiter().GetResult();
        if (response.Text != expected)
        {
            throw new InvalidOperationException($"{name} answered '{response.Text}', expected '{expected}'.");
        }
    }

    /// <summary>Streams one response through <paramref name="client"/> and checks the update count and text.</summary>
    public static async Task ExpectStreamAsync(string name, IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions options, string expected)
    {
        int count = 0;
        var text = new System.Text.StringBuilder();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages, options))
        {
            count++;
            text.Append(update.Text);
        }

        if (count != FakeChatClient.StreamLength || text.ToString() != expected)
        {
            throw new InvalidOperationException($"{name} streamed {count} updates '{text}', expected {FakeChatClient.StreamLength} updates '{expected}'.");
        }
    }
}
