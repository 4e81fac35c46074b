// The pinned model catalogue: facts from public price and capability lists, each provider's source and the date it was
// read in the comment above its rows. 0 is "not found" (never a guess); prices are the standard tier in USD per million
// tokens (DeepSeek: its peak rate). Models shut down since are kept (callers may still name them). Sources, their dates
// and every figure that could not be confirmed: docs/model-catalogue-sources.md.
namespace Fallback.SourceGeneration;

internal sealed partial class ModelCatalogue
{
    /// <summary>The date the facts below were checked against their sources.</summary>
    public const string AsOf = "2026-11-19";

    private static readonly CatalogueEntry[] s_entries =
    [
        // openai — source: developers.openai.com/api/docs/models/{id} pages (gpt-6.2-sol, gpt-6-sol, gpt-6-luna, gpt-6.1-terra, gpt-5.6-luna; mirror of the gpt-6.1-terra page dated 2026-11-19) and developers.openai.com/api/docs/deprecations, read 2026-11-19; older models from BerriAI/litellm model_prices_and_context_window.json@00035b69f416be24e2e323c13198d9b7d2d1bdf9 (undated, newest dated id inside 2026-04-23)
        new("openai", "gpt-6.2-astra", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 8.00, outputPerMillion: 40.00),
        new("openai", "gpt-6.2-sol", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 10.00),
        new("openai", "gpt-6.1-sol", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 10.00),
        new("openai", "gpt-6.1-terra", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 1.00, outputPerMillion: 5.00),
        new("openai", "gpt-6-astra", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 10.00, outputPerMillion: 50.00),
        new("openai", "gpt-6-sol", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 10.00),
        new("openai", "gpt-6-luna", contextWindow: 922_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.10, outputPerMillion: 0.50),
        new("openai", "gpt-5.6", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 4.00, outputPerMillion: 20.00),
        new("openai", "gpt-5.6-sol", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 4.00, outputPerMillion: 20.00),
        new("openai", "gpt-5.6-terra", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 12.00),
        new("openai", "gpt-5.6-luna", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.20, outputPerMillion: 1.20),
        new("openai", "gpt-5.5", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 5.00, outputPerMillion: 30.00),
        new("openai", "gpt-5.4", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.50, outputPerMillion: 15.00),
        new("openai", "gpt-5.4-mini", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.75, outputPerMillion: 4.50),
        new("openai", "gpt-5.4-nano", contextWindow: 1_050_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.20, outputPerMillion: 1.25),
        new("openai", "gpt-5.2", contextWindow: 272_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 1.75, outputPerMillion: 14.00),
        new("openai", "gpt-5.1", contextWindow: 272_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 1.25, outputPerMillion: 10.00),
        new("openai", "gpt-5", contextWindow: 272_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 1.25, outputPerMillion: 10.00),
        new("openai", "gpt-5-mini", contextWindow: 272_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.25, outputPerMillion: 2.00),
        new("openai", "gpt-5-nano", contextWindow: 272_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.05, outputPerMillion: 0.40),
        new("openai", "gpt-4.1", contextWindow: 1_047_576, maxOutputTokens: 32_768, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 8.00),
        new("openai", "gpt-4.1-mini", contextWindow: 1_047_576, maxOutputTokens: 32_768, supportsPrefill: false, inputPerMillion: 0.40, outputPerMillion: 1.60),
        new("openai", "gpt-4.1-nano", contextWindow: 1_047_576, maxOutputTokens: 32_768, supportsPrefill: false, inputPerMillion: 0.10, outputPerMillion: 0.40),
        new("openai", "gpt-4o", contextWindow: 128_000, maxOutputTokens: 16_384, supportsPrefill: false, inputPerMillion: 2.50, outputPerMillion: 10.00),
        new("openai", "gpt-4o-2024-05-13", contextWindow: 128_000, maxOutputTokens: 4_096, supportsPrefill: false, inputPerMillion: 5.00, outputPerMillion: 15.00),
        new("openai", "gpt-4o-mini", contextWindow: 128_000, maxOutputTokens: 16_384, supportsPrefill: false, inputPerMillion: 0.15, outputPerMillion: 0.60),
        new("openai", "o3", contextWindow: 200_000, maxOutputTokens: 100_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 8.00),
        new("openai", "o3-mini", contextWindow: 200_000, maxOutputTokens: 100_000, supportsPrefill: false, inputPerMillion: 1.10, outputPerMillion: 4.40),
        new("openai", "o4-mini", contextWindow: 200_000, maxOutputTokens: 100_000, supportsPrefill: false, inputPerMillion: 1.10, outputPerMillion: 4.40),
        new("openai", "o1", contextWindow: 200_000, maxOutputTokens: 100_000, supportsPrefill: false, inputPerMillion: 15.00, outputPerMillion: 60.00),
        new("openai", "gpt-4-turbo", contextWindow: 128_000, maxOutputTokens: 4_096, supportsPrefill: false, inputPerMillion: 10.00, outputPerMillion: 30.00),
        new("openai", "gpt-3.5-turbo", contextWindow: 16_385, maxOutputTokens: 4_096, supportsPrefill: false, inputPerMillion: 0.50, outputPerMillion: 1.50),

        // anthropic — source: platform.claude.com/docs models overview and per-model pages (opus-5-5, opus-5, haiku-5-5, fable-5, opus-4-6, opus-4-5) plus the migration guide, newest variant lists Claude Fable 5.2 (released 2026-11-09), read 2026-11-19; 4.x/3.x figures from BerriAI/litellm model_prices_and_context_window.json@00035b69f416be24e2e323c13198d9b7d2d1bdf9 (undated, newest dated id inside 2026-04-23)
        new("anthropic", "claude-fable-5-2", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 8.00, outputPerMillion: 40.00),
        new("anthropic", "claude-fable-5-1", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 10.00, outputPerMillion: 50.00),
        new("anthropic", "claude-fable-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 10.00, outputPerMillion: 50.00),
        new("anthropic", "claude-opus-5-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 4.00, outputPerMillion: 20.00),
        new("anthropic", "claude-opus-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 5.00, outputPerMillion: 25.00),
        new("anthropic", "claude-sonnet-5-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 10.00),
        new("anthropic", "claude-sonnet-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 10.00),
        new("anthropic", "claude-haiku-5-5", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 0.10, outputPerMillion: 0.50),
        new("anthropic", "claude-opus-4-8", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 5.00, outputPerMillion: 25.00),
        new("anthropic", "claude-opus-4-7", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 5.00, outputPerMillion: 25.00),
        new("anthropic", "claude-opus-4-6", contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsPrefill: false, inputPerMillion: 5.00, outputPerMillion: 25.00),
        new("anthropic", "claude-sonnet-4-6", contextWindow: 1_000_000, maxOutputTokens: 64_000, supportsPrefill: false, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-opus-4-5", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 5.00, outputPerMillion: 25.00),
        new("anthropic", "claude-opus-4-5-20251101", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 5.00, outputPerMillion: 25.00),
        new("anthropic", "claude-sonnet-4-5", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-sonnet-4-5-20250929", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-haiku-4-5", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 1.00, outputPerMillion: 5.00),
        new("anthropic", "claude-haiku-4-5-20251001", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 1.00, outputPerMillion: 5.00),
        new("anthropic", "claude-opus-4-1", contextWindow: 200_000, maxOutputTokens: 32_000, supportsPrefill: true, inputPerMillion: 15.00, outputPerMillion: 75.00),
        new("anthropic", "claude-opus-4-1-20250805", contextWindow: 200_000, maxOutputTokens: 32_000, supportsPrefill: true, inputPerMillion: 15.00, outputPerMillion: 75.00),
        new("anthropic", "claude-opus-4-0", contextWindow: 200_000, maxOutputTokens: 32_000, supportsPrefill: true, inputPerMillion: 15.00, outputPerMillion: 75.00),
        new("anthropic", "claude-opus-4-20250514", contextWindow: 200_000, maxOutputTokens: 32_000, supportsPrefill: true, inputPerMillion: 15.00, outputPerMillion: 75.00),
        new("anthropic", "claude-sonnet-4-0", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-sonnet-4-20250514", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-3-7-sonnet-latest", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-3-7-sonnet-20250219", contextWindow: 200_000, maxOutputTokens: 64_000, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-3-5-sonnet-latest", contextWindow: 200_000, maxOutputTokens: 8_192, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-3-5-sonnet-20241022", contextWindow: 200_000, maxOutputTokens: 8_192, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-3-5-sonnet-20240620", contextWindow: 200_000, maxOutputTokens: 4_096, supportsPrefill: true, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("anthropic", "claude-3-5-haiku-latest", contextWindow: 200_000, maxOutputTokens: 8_192, supportsPrefill: true, inputPerMillion: 0.80, outputPerMillion: 4.00),
        new("anthropic", "claude-3-5-haiku-20241022", contextWindow: 200_000, maxOutputTokens: 8_192, supportsPrefill: true, inputPerMillion: 0.80, outputPerMillion: 4.00),
        new("anthropic", "claude-3-haiku-20240307", contextWindow: 200_000, maxOutputTokens: 4_096, supportsPrefill: true, inputPerMillion: 0.25, outputPerMillion: 1.25),

        // google — source: ai.google.dev/gemini-api/docs/pricing as transcribed in api-evangelist/deepmind plans/deepmind-plans-pricing.yml@47a9772bdb46163b5e5560285bbc88bb11b86073 (page read 2026-10-07); ai.google.dev and docs.cloud.google.com model pages (gemini-3.5-flash-lite, 3.8/3.7 Flash dev guide, get-started-with-gemini-4); Gemini 4 prices from Google's launch terms as quoted by LiteLLM discussion #46238 and laozhang (2026-11-11); 2.x figures from BerriAI/litellm model_prices_and_context_window.json@00035b69f416be24e2e323c13198d9b7d2d1bdf9, read 2026-11-19
        new("google", "gemini-4-carbon", contextWindow: 1_048_576, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 4.00, outputPerMillion: 20.00),
        new("google", "gemini-4-argon", contextWindow: 1_048_576, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 4.00, outputPerMillion: 20.00),
        new("google", "gemini-3.8-flash", contextWindow: 1_048_576, maxOutputTokens: 65_536, supportsPrefill: false, inputPerMillion: 0.75, outputPerMillion: 3.75),
        new("google", "gemini-3.7-flash", contextWindow: 1_048_576, maxOutputTokens: 65_536, supportsPrefill: false, inputPerMillion: 0.75, outputPerMillion: 3.75),
        new("google", "gemini-3.5-flash", contextWindow: 1_048_576, maxOutputTokens: 65_536, supportsPrefill: false, inputPerMillion: 1.50, outputPerMillion: 9.00),
        new("google", "gemini-3.5-flash-lite", contextWindow: 1_048_576, maxOutputTokens: 65_536, supportsPrefill: false, inputPerMillion: 0.30, outputPerMillion: 2.50),
        new("google", "gemini-3.1-pro-preview", contextWindow: 1_048_576, maxOutputTokens: 65_536, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 12.00),
        new("google", "gemini-3.1-flash-lite", contextWindow: 1_048_576, maxOutputTokens: 65_536, supportsPrefill: false, inputPerMillion: 0.25, outputPerMillion: 1.50),
        new("google", "gemini-2.5-pro", contextWindow: 1_048_576, maxOutputTokens: 65_535, supportsPrefill: false, inputPerMillion: 1.25, outputPerMillion: 10.00),
        new("google", "gemini-2.5-flash", contextWindow: 1_048_576, maxOutputTokens: 65_535, supportsPrefill: false, inputPerMillion: 0.30, outputPerMillion: 2.50),
        new("google", "gemini-2.5-flash-lite", contextWindow: 1_048_576, maxOutputTokens: 65_535, supportsPrefill: false, inputPerMillion: 0.10, outputPerMillion: 0.40),
        new("google", "gemini-2.0-flash", contextWindow: 1_048_576, maxOutputTokens: 8_192, supportsPrefill: false, inputPerMillion: 0.10, outputPerMillion: 0.40),
        new("google", "gemini-2.0-flash-lite", contextWindow: 1_048_576, maxOutputTokens: 8_192, supportsPrefill: false, inputPerMillion: 0.075, outputPerMillion: 0.30),
        new("google", "gemini-1.5-pro", contextWindow: 2_097_152, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 0.00, outputPerMillion: 0.00),
        new("google", "gemini-1.5-flash", contextWindow: 1_048_576, maxOutputTokens: 8_192, supportsPrefill: false, inputPerMillion: 0.075, outputPerMillion: 0.00),

        // mistral — source: BerriAI/litellm model_prices_and_context_window.json@00035b69f416be24e2e323c13198d9b7d2d1bdf9 (undated, newest dated id inside 2026-04-23; entries cite docs.mistral.ai model cards and mistral.ai/pricing), Mistral OpenAPI spec (AssistantMessage.prefix), read 2026-11-19
        new("mistral", "mistral-large-latest", contextWindow: 262_144, maxOutputTokens: 262_144, supportsPrefill: true, inputPerMillion: 0.50, outputPerMillion: 1.50),
        new("mistral", "mistral-large-2512", contextWindow: 262_144, maxOutputTokens: 262_144, supportsPrefill: true, inputPerMillion: 0.50, outputPerMillion: 1.50),
        new("mistral", "mistral-large-2411", contextWindow: 128_000, maxOutputTokens: 128_000, supportsPrefill: true, inputPerMillion: 2.00, outputPerMillion: 6.00),
        new("mistral", "mistral-medium-latest", contextWindow: 262_144, maxOutputTokens: 262_144, supportsPrefill: true, inputPerMillion: 1.50, outputPerMillion: 7.50),
        new("mistral", "mistral-medium-2604", contextWindow: 262_144, maxOutputTokens: 262_144, supportsPrefill: true, inputPerMillion: 1.50, outputPerMillion: 7.50),
        new("mistral", "mistral-medium-2508", contextWindow: 131_072, maxOutputTokens: 131_072, supportsPrefill: true, inputPerMillion: 0.40, outputPerMillion: 2.00),
        new("mistral", "mistral-small-latest", contextWindow: 131_072, maxOutputTokens: 131_072, supportsPrefill: true, inputPerMillion: 0.06, outputPerMillion: 0.18),
        new("mistral", "mistral-small-2506", contextWindow: 131_072, maxOutputTokens: 131_072, supportsPrefill: true, inputPerMillion: 0.06, outputPerMillion: 0.18),
        new("mistral", "codestral-latest", contextWindow: 256_000, maxOutputTokens: 256_000, supportsPrefill: true, inputPerMillion: 0.30, outputPerMillion: 0.90),
        new("mistral", "codestral-2508", contextWindow: 256_000, maxOutputTokens: 256_000, supportsPrefill: true, inputPerMillion: 0.30, outputPerMillion: 0.90),

        // deepseek — source: api-docs.deepseek.com/quick_start/pricing (variant tagged check=20261115, ~2026-11-15) and its Chat Prefix Completion (Beta) guide; retired aliases from BerriAI/litellm model_prices_and_context_window.json@00035b69f416be24e2e323c13198d9b7d2d1bdf9, read 2026-11-19
        new("deepseek", "deepseek-flash", contextWindow: 1_000_000, maxOutputTokens: 384_000, supportsPrefill: true, inputPerMillion: 0.30, outputPerMillion: 1.20),
        new("deepseek", "deepseek-v4-pro", contextWindow: 1_000_000, maxOutputTokens: 384_000, supportsPrefill: true, inputPerMillion: 1.32, outputPerMillion: 3.96),
        new("deepseek", "deepseek-v4-flash", contextWindow: 1_000_000, maxOutputTokens: 384_000, supportsPrefill: true, inputPerMillion: 0.30, outputPerMillion: 1.20),
        new("deepseek", "deepseek-chat", contextWindow: 131_072, maxOutputTokens: 8_192, supportsPrefill: true, inputPerMillion: 0.28, outputPerMillion: 0.42),
        new("deepseek", "deepseek-reasoner", contextWindow: 131_072, maxOutputTokens: 65_536, supportsPrefill: true, inputPerMillion: 0.28, outputPerMillion: 0.42),

        // xai — source: docs.x.ai grok-4.5 page and pricing as quoted in Zoo-Code-Org/Zoo-Code issue #866 (2026-07); BerriAI/litellm model_prices_and_context_window.json@00035b69f416be24e2e323c13198d9b7d2d1bdf9 (undated, newest dated id inside 2026-04-23; entries cite docs.x.ai/docs/models); grok-4.6 only from docs.apiyi.com (2026-08-13), read 2026-11-19
        new("xai", "grok-4.6", contextWindow: 500_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 6.00),
        new("xai", "grok-4.5", contextWindow: 500_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 2.00, outputPerMillion: 6.00),
        new("xai", "grok-4.3", contextWindow: 1_000_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 1.25, outputPerMillion: 2.50),
        new("xai", "grok-4", contextWindow: 256_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("xai", "grok-4-0709", contextWindow: 256_000, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("xai", "grok-3", contextWindow: 131_072, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 3.00, outputPerMillion: 15.00),
        new("xai", "grok-3-mini", contextWindow: 131_072, maxOutputTokens: 0, supportsPrefill: false, inputPerMillion: 0.30, outputPerMillion: 0.50),
    ];
}
