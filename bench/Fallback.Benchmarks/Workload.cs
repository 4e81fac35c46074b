using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Fallback.Benchmarks;

/// <summary>The request every contender sends: the same messages and the same options object.</summary>
internal static class Workload
{
    public static List<ChatMessage> Messages() =>
    [
        new ChatMessage(ChatRole.System, "You are a concise assistant."),
        new ChatMessage(ChatRole.User, "What is artificial intelligence? Answer in one sentence."),
    ];

    public static ChatOptions Options() => new()
    {
        Temperature = 0.2f,
        MaxOutputTokens = 256,
    };

    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark setup: " + message);
        }
    }
}
