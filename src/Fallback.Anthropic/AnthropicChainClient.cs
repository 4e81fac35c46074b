using System;
using System.Net.Http;
using System.Threading;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace Fallback.Anthropic;

/// <summary>
/// Builds Anthropic chat clients for a fallback chain: the SDK's own retries are off (<c>MaxRetries = 0</c>;
/// left on it retries twice inside every chain attempt), and its <see cref="HttpClient"/> runs through
/// <see cref="RetryAfterHandler"/>, which hands <c>Retry-After</c> to the chain because the SDK's exceptions
/// do not carry headers. Use with <see cref="AnthropicFallbackOptionsExtensions.UseAnthropic"/> on the chain's options.
/// </summary>
/// <remarks>
/// One client serves every model of its key: the chain sends each model's id in
/// <see cref="ChatOptions.ModelId"/>, which the SDK's <c>AsIChatClient</c> puts in the request's <c>model</c>
/// field (checked over HTTP by the provider tests).
/// The Anthropic SDK 13.12.0 is not Native-AOT ready: publishing with it warns (IL2104/IL3053) and its JSON
/// fails at run time under AOT. An AOT app reaches Claude through Anthropic's OpenAI-compatible endpoint
/// with the OpenAI companion instead.
/// </remarks>
/// <example>
/// <code>
/// services.AddKeyedChatClient("anthropic", AnthropicChainClient.Create(apiKey));
/// </code>
/// </example>
public static class AnthropicChainClient
{
    /// <summary>The model the client is built for; the chain overrides it per request with <see cref="ChatOptions.ModelId"/>.</summary>
    public const string DefaultModelId = "claude-sonnet-4-5";

    /// <summary>An <see cref="IChatClient"/> for a chain: SDK retries off, <c>Retry-After</c> reported to the chain.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="baseUrl">The API's base address without the version (<c>https://api.anthropic.com</c> when null).</param>
    /// <param name="defaultModelId">The model used when a request names none; a chain always names one.</param>
    /// <param name="defaultMaxOutputTokens">The <c>max_tokens</c> sent when a request sets no <see cref="ChatOptions.MaxOutputTokens"/>; null for the SDK's default.</param>
    /// <param name="timeProvider">The clock that HTTP-date <c>Retry-After</c> values are measured against; the chain's own, in tests.</param>
    public static IChatClient Create(string apiKey, Uri? baseUrl = null, string defaultModelId = DefaultModelId, int? defaultMaxOutputTokens = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(defaultModelId);
        return CreateClient(apiKey, baseUrl, timeProvider).AsIChatClient(defaultModelId, defaultMaxOutputTokens);
    }

    /// <summary>The underlying <see cref="AnthropicClient"/>, configured as <see cref="Create"/> does.</summary>
    public static AnthropicClient CreateClient(string apiKey, Uri? baseUrl = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        var http = new HttpClient(new RetryAfterHandler(new SocketsHttpHandler(), timeProvider))
        {
            // The chain's attempt and request timeouts govern; the SDK keeps its own per-request timeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var options = new ClientOptions
        {
            ApiKey = apiKey,
            MaxRetries = 0,
            HttpClient = http,
        };

        if (baseUrl is not null)
        {
            options.BaseUrl = baseUrl.ToString().TrimEnd('/');
        }

        return new AnthropicClient(options);
    }
}
