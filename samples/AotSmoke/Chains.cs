using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.AotSmoke;

/// <summary>An IChatClient chain with a final fallback: the DESIGN.md example.</summary>
[FallbackChain("content_generation")]
[Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
[Model("openai", "gpt-4o-mini", Priority = 3)]
public partial interface IContentGenerator : IChatClient
{
    /// <summary>Answers when every model failed.</summary>
    [FinalFallback]
    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
        => new(new ChatMessage(ChatRole.Assistant, "The service is busy; please try again."));
}

/// <summary>Text and streaming members; one member with models of its own.</summary>
[FallbackChain("analysis", ThrowWhenExhausted = true)]
[Model("openai", "gpt-4o", Priority = 1)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
public partial interface IAnalyst
{
    /// <summary>Summarizes a text.</summary>
    Task<string> SummarizeAsync(string prompt, CancellationToken cancellationToken = default);

    /// <summary>Streams an analysis.</summary>
    IAsyncEnumerable<ChatResponseUpdate> AnalyzeAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Classifies a text with cheaper models.</summary>
    [Model("openai", "gpt-4o-mini", Priority = 1)]
    [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
    Task<string> ClassifyAsync(string prompt);
}

/// <summary>The seeds' region failover: one model behind two clients.</summary>
[FallbackChain("regional", ThrowWhenExhausted = true)]
[Model("openai", "gpt-4o", Priority = 1, Client = "openai-us")]
[Model("openai", "gpt-4o", Priority = 2, Client = "openai-eu")]
internal partial interface IRegionalChat : IChatClient
{
}
