using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Generator.Tests.Real;

// Chains declared in the test project itself: the build runs the generator on them as an analyzer, as in a user's project.

[FallbackChain("real_content")]
[Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
[Model("openai", "gpt-4o-mini", Priority = 3)]
public partial interface IRealContentGenerator : IChatClient
{
    [FinalFallback]
    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
        => new(new ChatMessage(ChatRole.Assistant, "busy: " + failure.Attempts.Count + " attempts"));
}

[FallbackChain("real_assistant", ThrowWhenExhausted = true)]
[Model("openai", "gpt-4o", Priority = 1)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
public partial interface IRealAssistant
{
    Task<ChatResponse> AnswerAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    Task<string> SummarizeAsync(string prompt, CancellationToken cancellationToken = default);

    [Model("anthropic", "claude-haiku-4-5", Priority = 1)]
    [Model("google", "gemini-2.5-flash", Priority = 2)]
    Task<string> ClassifyAsync(string prompt);
}

[FallbackChain("real_moderated", ThrowWhenExhausted = true, FallBackOnContentFilter = true)]
[Model("openai", "gpt-4o", Priority = 1)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2)]
public partial interface IRealModeratedChat : IChatClient
{
}

[FallbackChain("real_bounded", ThrowWhenExhausted = true, RequestTimeoutMs = 120000)]
[Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2, AttemptTimeoutMs = 10000)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1, AttemptTimeoutMs = 15000)]
[Model("openai", "gpt-4o-mini", Priority = 3, AttemptTimeoutMs = 5000)]
public partial interface IRealBoundedChat : IChatClient
{
}

public static partial class Regions
{
    [FallbackChain("real_regional", ThrowWhenExhausted = true)]
    [Model("openai", "gpt-4o", Priority = 1, Client = "openai-us")]
    [Model("openai", "gpt-4o", Priority = 2, Client = "openai-eu")]
    public partial interface IRegionalChat : IChatClient
    {
    }
}
