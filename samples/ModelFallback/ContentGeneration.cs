using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Fallback.Samples.ModelFallback;

/// <summary>
/// The seeds' chain (shared/seeds/001, "scenario 1: high availability"): Claude first with two retries, GPT-4o
/// with one, DeepSeek last. The generator emits <c>ContentGenerationChain</c> and
/// <c>services.AddContentGenerationChain()</c>.
/// </summary>
[FallbackChain("content_generation")]
[Model("anthropic", "claude-sonnet-4-5", Priority = 1, MaxRetries = 2)]
[Model("openai", "gpt-4o", Priority = 2, MaxRetries = 1)]
[Model("deepseek", "deepseek-chat", Priority = 3)]
public partial interface IContentGeneration : IChatClient
{
    /// <summary>The message users see when every model failed.</summary>
    public const string BusyMessage = "The service is busy; please try again in a minute.";

    /// <summary>The response property that carries why every model failed (models, attempts, failure kinds; never prompt text or keys).</summary>
    public const string FailureProperty = "sample.failure";

    /// <summary>Answers when every model failed: a fixed message instead of an exception, and the failure summary for the log.</summary>
    [FinalFallback]
    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
        => new(new ChatMessage(ChatRole.Assistant, BusyMessage))
        {
            AdditionalProperties = new() { [FailureProperty] = failure.Message },
        };
}
