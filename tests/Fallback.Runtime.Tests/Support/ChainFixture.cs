using System;
using System.Collections.Generic;
using System.Linq;
using Fallback.Tests.Support;
using Microsoft.Extensions.AI;

namespace Fallback.Runtime.Tests.Support;

/// <summary>Builds an engine over scripted clients with a fake clock and deterministic jitter.</summary>
public sealed class ChainFixture
{
    public ChainFixture(params ModelDescriptor[] models)
    {
        Models = models;
        foreach (ModelDescriptor model in models)
        {
            if (!Clients.ContainsKey(model.Client))
            {
                Clients[model.Client] = new ScriptedChatClient(model.Client);
            }
        }

        Options = new FallbackOptions
        {
            TimeProvider = Time,
            Random = new FixedRandom(0.5), // factor 1: delays are exactly the exponential value
        };
    }

    /// <summary>The fake clock; it tells when the engine starts a timer, so a test advances it exactly when the engine waits.</summary>
    public ObservableTime Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public ModelDescriptor[] Models { get; }

    public Dictionary<string, ScriptedChatClient> Clients { get; } = new();

    public FallbackOptions Options { get; }

    public FinalFallbackHandler? FinalFallback { get; set; }

    public ScriptedChatClient this[string client] => Clients[client];

    public FallbackEngine Build() => new("test_chain", Models, key => Clients[key], Options, FinalFallback);

    public static List<ChatMessage> Prompt(string text = "secret prompt text") => [new ChatMessage(ChatRole.User, text)];
}

public sealed class FixedRandom(double value) : Random
{
    public double Value { get; set; } = value;

    public override double NextDouble() => Value;
}
