using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Fallback.Samples.WebFallback;

/// <summary>
/// The chain the web app serves: GPT-4o first (one retry), Claude second, GPT-4o mini last. The generator emits
/// <c>AssistantChain</c> and <c>services.AddAssistantChain()</c>; <c>appsettings.json</c>'s
/// <c>Fallback:Chains:assistant</c> section overrides these declarations while the app runs.
/// </summary>
[FallbackChain(ChainName)]
[Model("openai", "gpt-4o", Priority = 1, MaxRetries = 1)]
[Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
[Model("openai", "gpt-4o-mini", Priority = 3)]
public partial interface IAssistant : IChatClient
{
    /// <summary>The chain's name: its configuration section and its keyed <see cref="IChatClient"/>.</summary>
    public const string ChainName = "assistant";

    /// <summary>What users read when every model failed.</summary>
    public const string BusyMessage = "The service is busy; please try again in a minute.";

    /// <summary>Answers when every model failed: a fixed message instead of an exception (and a 500).</summary>
    [FinalFallback]
    static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
        => new(new ChatMessage(ChatRole.Assistant, BusyMessage));
}
