namespace Fallback.LocalProviders;

/// <summary>The wire format a <see cref="LocalProviderServer"/> speaks.</summary>
public enum ProviderFormat
{
    /// <summary>OpenAI chat completions: <c>POST {base}/chat/completions</c>, JSON or an SSE stream ending in <c>data: [DONE]</c>.</summary>
    OpenAI,

    /// <summary>Anthropic Messages: <c>POST /v1/messages</c>, JSON or an SSE event stream (<c>message_start</c> … <c>message_stop</c>).</summary>
    Anthropic,
}
