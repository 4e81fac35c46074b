using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Fallback.OpenAI;

/// <summary>
/// Builds OpenAI chat clients for a fallback chain: the SDK's own retries are off
/// (<c>new ClientRetryPolicy(0)</c>), so one chain attempt is exactly one HTTP request and the chain's
/// retries, backoff and <c>Retry-After</c> handling are the only ones. Left on, the SDK retries a 429 or 5xx
/// three more times inside every chain attempt.
/// </summary>
/// <remarks>
/// One client serves every model of its key: the chain sends each model's id in
/// <see cref="ChatOptions.ModelId"/>, which Microsoft.Extensions.AI.OpenAI puts in the request's
/// <c>model</c> field (checked over HTTP by the provider tests), so <c>gpt-4o</c> and <c>gpt-4o-mini</c> can
/// share the key <c>"openai"</c>. Works with any OpenAI-compatible endpoint: DeepSeek
/// (<c>https://api.deepseek.com/v1</c>) or Anthropic's compatibility endpoint (<c>https://api.anthropic.com/v1/</c>).
/// The OpenAI SDK and this package are Native-AOT compatible.
/// </remarks>
/// <example>
/// <code>
/// services.AddKeyedChatClient("openai", OpenAIChainClient.Create(apiKey));
/// services.AddKeyedChatClient("deepseek", OpenAIChainClient.Create(deepSeekKey, new Uri("https://api.deepseek.com/v1"), "deepseek-chat"));
/// </code>
/// </example>
public static class OpenAIChainClient
{
    /// <summary>The model the client is built for; the chain overrides it per request with <see cref="ChatOptions.ModelId"/>.</summary>
    public const string DefaultModelId = "gpt-4o-mini";

    /// <summary>An <see cref="IChatClient"/> for a chain: SDK retries off, optional endpoint override.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="endpoint">The API's base address including its version (<c>https://api.openai.com/v1</c> when null).</param>
    /// <param name="defaultModelId">The model used when a request names none; a chain always names one.</param>
    /// <param name="configure">Adjusts the client options (transport, network timeout, logging); keep the retry policy.</param>
    public static IChatClient Create(string apiKey, Uri? endpoint = null, string defaultModelId = DefaultModelId, Action<OpenAIClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(defaultModelId);
        OpenAIClientOptions options = CreateOptions(endpoint);
        configure?.Invoke(options);
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(defaultModelId).AsIChatClient();
    }

    /// <summary>Client options with the SDK's retries off and, when given, the endpoint set.</summary>
    public static OpenAIClientOptions CreateOptions(Uri? endpoint = null)
    {
        var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        return options;
    }
}
