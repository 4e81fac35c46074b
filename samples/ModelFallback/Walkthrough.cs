using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Fallback.Samples.ModelFallback;

/// <summary>The sample's own prompt and the local endpoints' answer (the seed's, in English).</summary>
internal static class Demo
{
    public const string Prompt = "What is artificial intelligence? Answer in one sentence.";

    public const string LocalAnswer = "Artificial intelligence is technology that lets computers imitate human intelligence.";
}

/// <summary>Who served one answer, read with <c>GetFallbackInfo()</c> from <c>fallback.model</c> and <c>fallback.level</c>.</summary>
internal sealed record Answer(string Model, int Level, string Text, TimeSpan Elapsed, int Updates, string? Failure = null);

/// <summary>
/// The seeds' six steps: a plain request, a streaming request, statistics, disabling and re-enabling the primary,
/// retry then fallback under scripted faults, final statistics. On the embedded default every step is also
/// checked; <see cref="RunAsync"/> returns 1 when a check failed.
/// </summary>
internal sealed class Walkthrough(IContentGeneration generator, IFallbackChain chain, ProviderSet providers, int circuitThreshold, CancellationToken cancellationToken)
{
    // What fallback.model says when the [FinalFallback] method answered.
    private const string FinalModel = FallbackInfo.FinalFallbackModel;
    private static readonly TimeSpan LongRetryAfter = TimeSpan.FromSeconds(120);
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, Demo.Prompt)];
    private int _checks;
    private int _failures;
    private int _requests;
    private readonly HashSet<string> _openCircuits = new(StringComparer.Ordinal);

    private bool Checking => providers.Embedded;

    /// <summary>
    /// Whether this is the native binary. <see cref="RuntimeFeature.IsDynamicCodeSupported"/> alone cannot tell:
    /// <c>PublishAot</c> gives <c>dotnet run</c> the native binary's feature switches, so it is false there too. Under
    /// Native AOT no method is ever JIT-compiled; under <c>dotnet run</c> this very code was.
    /// </summary>
    private static bool IsNativeAot => !RuntimeFeature.IsDynamicCodeSupported && JitInfo.GetCompiledMethodCount() == 0;

    public async Task<int> RunAsync()
    {
        Header();
        await PlainRequestAsync();
        await StreamingRequestAsync();
        Statistics();
        await ManageModelsAsync();
        await RetryThenFallbackAsync();
        FinalStatistics();

        if (!Checking)
        {
            Console.WriteLine("Done (real services: answers vary, so nothing is checked).");
            return 0;
        }

        Console.WriteLine(_failures == 0
            ? $"All {_checks} checks passed."
            : $"{_failures} of {_checks} checks FAILED.");
        return _failures == 0 ? 0 : 1;
    }

    private void Header()
    {
        string mode = providers.Embedded ? "embedded local endpoints on 127.0.0.1 (no API keys set)" : "real services";
        Console.WriteLine($"=== Model Fallback: chain \"{chain.Name}\", {mode} ===");
        Console.WriteLine($"{(IsNativeAot ? "Native AOT binary" : "JIT run (dotnet run) with Native AOT's feature switches")}: anthropic is reached through an OpenAI-compatible endpoint (the Anthropic SDK is not AOT-ready).");
        foreach (Provider provider in providers.All)
        {
            Console.WriteLine($"  {provider.Id,-28} {provider.Route}");
            if (!provider.Available)
            {
                chain.DisableModel(provider.Key, provider.Model);
            }
        }

        Console.WriteLine($"Prompt: \"{Demo.Prompt}\"");
    }

    private async Task PlainRequestAsync()
    {
        Step(1, "Plain request");
        Provider? primary = FirstEnabled();
        int before = primary?.Requests ?? 0;
        Answer answer = await AskAsync();
        Served(answer);
        Console.WriteLine($"   answer: {OneLine(answer.Text)}");
        Check(answer.Model == providers.Anthropic.Id && answer.Level == 0, "the primary serves at level 0");
        Check(providers.Anthropic.Requests - before == 1, "one request reaches the primary's endpoint");
    }

    private async Task StreamingRequestAsync()
    {
        Step(2, "Streaming request");
        Answer answer = await AskStreamingAsync();
        Served(answer, $"{answer.Updates} updates");
        Console.WriteLine($"   answer: {OneLine(answer.Text)}");
        Check(answer.Model == providers.Anthropic.Id && answer.Level == 0, "the primary streams at level 0");
        Check(answer.Text == Demo.LocalAnswer, "the stream is complete");
    }

    private void Statistics()
    {
        Step(3, "Statistics");
        FallbackStats stats = chain.GetStats();
        PrintTotals(stats);
        Console.Write("   model usage:");
        foreach (KeyValuePair<string, long> usage in stats.ModelUsage)
        {
            if (usage.Value > 0)
            {
                Console.Write($" {usage.Key} x{usage.Value}");
            }
        }

        Console.WriteLine();
        Check(stats.TotalRequests == 2 && stats.SuccessfulRequests == 2 && stats.FallbackCount == 0, "2 requests, 2 successful, no fallback");
        Check(stats.ModelUsage.TryGetValue(providers.Anthropic.Id, out long served) && served == 2, "the primary served both");
    }

    private async Task ManageModelsAsync()
    {
        Step(4, "Managing models at run time");
        Provider? primary = FirstEnabled();
        foreach (ModelStatus model in chain.Models)
        {
            string state = model.Enabled ? "enabled " : "disabled";
            string role = primary is not null && model.Id == primary.Id ? "  <- primary" : string.Empty;
            Console.WriteLine($"   [{state}] {model.Id,-28} priority {model.Priority}, max retries {model.MaxRetries}{role}");
        }

        if (primary is null)
        {
            Console.WriteLine("   (no model is enabled)");
            return;
        }

        int before = primary.Requests;
        Console.WriteLine($"   DisableModel(\"{primary.Key}\", \"{primary.Model}\")");
        chain.DisableModel(primary.Key, primary.Model);
        Answer backup = await AskAsync();
        Served(backup, backup.Model != FinalModel ? "the first enabled model is level 0" : null);
        Check(backup.Model == providers.OpenAI.Id && backup.Level == 0, "with the primary disabled the backup serves at level 0");
        Check(primary.Requests == before, "a disabled model receives no request");

        Console.WriteLine($"   EnableModel(\"{primary.Key}\", \"{primary.Model}\")");
        chain.EnableModel(primary.Key, primary.Model);
        Answer again = await AskAsync();
        Served(again);
        Check(again.Model == providers.Anthropic.Id && again.Level == 0, "re-enabled, the primary serves again");
    }

    private async Task RetryThenFallbackAsync()
    {
        Step(5, "Automatic retry, then fallback");
        List<Provider> enabled = Enabled();
        if (enabled.Count == 0)
        {
            Console.WriteLine("   (no model is enabled)");
            return;
        }

        Provider primary = enabled[0];

        // a) 429 with a Retry-After longer than the chain waits (FallbackOptions.MaxRetryAfter, 10 s): fall back at once.
        Dictionary<string, long> attempts;
        if (primary.TryRateLimitNext(LongRetryAfter))
        {
            Console.WriteLine($"   {primary.Key} rate-limited (429, Retry-After: {LongRetryAfter.TotalSeconds:0} s, longer than the chain waits)");
            attempts = Attempts();
            Answer limited = await AskAsync();
            Served(limited);
            Tried(attempts);
            Check(limited.Model == providers.OpenAI.Id && limited.Level == 1, "the 429 falls back to openai/gpt-4o at level 1");
            CheckAttempts(attempts, primary, 1, "a long Retry-After is not retried");
            Check(limited.Elapsed < TimeSpan.FromSeconds(5), "a long Retry-After is not waited for");
            primary.Restore();
        }
        else
        {
            Console.WriteLine("   (a scripted 429 with Retry-After needs the local endpoints: skipped with real keys)");
        }

        // b) A lasting outage: the primary is tried 1 + MaxRetries times with backoff (500 ms, 1 s), then the next model serves.
        string how = Checking ? "scripted on its local endpoint" : "simulated in front of the client: no request leaves the machine";
        Console.WriteLine($"   {primary.Key} down (503 to every request, {how})");
        primary.StartOutage();
        attempts = Attempts();
        Answer outage = await AskAsync();
        Served(outage);
        Tried(attempts);
        Check(outage.Model == providers.OpenAI.Id && outage.Level == 1, "the outage falls back to openai/gpt-4o at level 1");
        CheckAttempts(attempts, primary, 3, "the primary is tried 1 + MaxRetries 2 = 3 times");

        // c) The first two models down: the third serves.
        if (enabled.Count > 2)
        {
            Console.WriteLine($"   {enabled[0].Key} and {enabled[1].Key} down (503)");
            enabled[1].StartOutage();
            attempts = Attempts();
            Answer third = await AskAsync();
            Served(third);
            Tried(attempts);
            Check(third.Model == providers.DeepSeek.Id && third.Level == 2, "two models down: deepseek/deepseek-chat serves at level 2");
        }

        // d) Everything down: the [FinalFallback] method answers.
        Console.WriteLine("   every provider down (503)");
        foreach (Provider provider in enabled)
        {
            provider.StartOutage();
        }

        attempts = Attempts();
        Answer final = await AskAsync();
        Served(final);
        Tried(attempts, printAttempts: final.Failure is null); // the "why" line already lists every attempt
        Console.WriteLine($"   answer: {OneLine(final.Text)}");
        Check(final.Model == FinalModel && final.Text == IContentGeneration.BusyMessage, "every model down: the final fallback answers");

        // e) The outage ends; a model that kept failing stays skipped for its cooldown (circuit breaker).
        providers.RestoreAll();
        Console.WriteLine("   outage over: every provider answers again, but open circuits skip their models until the cooldown ends");

        int primaryBefore = primary.Requests;
        attempts = Attempts();
        Answer after = await AskAsync();
        Served(after);
        Tried(attempts);
        Check(after.Model != primary.Id && after.Level >= 1, "the cooling-down primary is skipped: a backup serves");
        Check(primary.Requests == primaryBefore, "no request reaches the cooling-down primary");
    }

    private void FinalStatistics()
    {
        Step(6, "Final statistics");
        FallbackStats stats = chain.GetStats();
        PrintTotals(stats);
        Console.WriteLine($"   success rate {stats.SuccessRate:P1}, final fallback answered {stats.FinalFallbackCount}");
        long served = 0;
        bool attemptsMatch = true;
        foreach (ModelStats model in stats.Models)
        {
            served += model.Served;
            Console.WriteLine($"   {model.Provider + "/" + model.Model,-28} served {model.Served}, attempts {model.Attempts}, failed attempts {model.Failures}");
            foreach (Provider provider in providers.All)
            {
                if (provider.Id == model.Provider + "/" + model.Model)
                {
                    attemptsMatch &= provider.Requests == model.Attempts;
                }
            }
        }

        Check(stats.TotalRequests == _requests && stats.TotalRequests == stats.SuccessfulRequests + stats.FailedRequests, "every request counted once: total = succeeded + failed");
        Check(stats.FailedRequests == 1 && stats.FinalFallbackCount == 1 && served == stats.SuccessfulRequests, "one request failed (answered by the final fallback); the rest were served");
        Check(attemptsMatch, "one chain attempt is exactly one HTTP request (SDK retries off)");
    }

    private async Task<Answer> AskAsync()
    {
        long start = Stopwatch.GetTimestamp();
        ChatResponse response = await generator.GetResponseAsync(Prompt, Options(), cancellationToken);
        _requests++;
        (string model, int level) = ServedBy(response.GetFallbackInfo());
        string? failure = response.AdditionalProperties?.TryGetValue(IContentGeneration.FailureProperty, out object? why) == true ? why as string : null;
        return new Answer(model, level, response.Text, Stopwatch.GetElapsedTime(start), 0, failure);
    }

    private async Task<Answer> AskStreamingAsync()
    {
        long start = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        string model = "?";
        int level = -1;
        int updates = 0;
        await foreach (ChatResponseUpdate update in generator.GetStreamingResponseAsync(Prompt, Options(), cancellationToken))
        {
            updates++;
            text.Append(update.Text);
            if (level < 0 && update.GetFallbackInfo() is { } served)
            {
                (model, level) = ServedBy(served);
            }
        }

        _requests++;
        return new Answer(model, level, text.ToString(), Stopwatch.GetElapsedTime(start), updates);
    }

    // A fresh options object per request; short answers keep real-key runs cheap.
    private static ChatOptions Options() => new() { MaxOutputTokens = 200 };

    private static (string Model, int Level) ServedBy(FallbackInfo? served)
        => served is { } info ? (info.Model, info.Level) : ("?", -1);

    private List<Provider> Enabled()
    {
        var enabled = new List<Provider>();
        foreach (ModelStatus model in chain.Models)
        {
            foreach (Provider provider in providers.All)
            {
                if (model.Enabled && provider.Id == model.Id)
                {
                    enabled.Add(provider);
                }
            }
        }

        return enabled;
    }

    private Provider? FirstEnabled() => Enabled() is { Count: > 0 } enabled ? enabled[0] : null;

    private Dictionary<string, long> Attempts()
    {
        var attempts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (ModelStats model in chain.GetStats().Models)
        {
            attempts[model.Provider + "/" + model.Model] = model.Attempts;
        }

        return attempts;
    }

    private void Tried(Dictionary<string, long> before, bool printAttempts = true)
    {
        if (printAttempts)
        {
            TriedLine(before);
        }

        foreach (ModelStatus model in chain.Models)
        {
            bool open = model.Circuit == CircuitState.Open;
            if (open && _openCircuits.Add(model.Id))
            {
                // The circuit opens at the threshold's failure; the request that opened it still finishes its retries,
                // so the model's count of failures in a row can be higher by the time the request returns.
                string cooldown = model.OpenUntil is { } end ? $" for {Math.Max(0, (end - DateTimeOffset.UtcNow).TotalSeconds):0} s" : string.Empty;
                string since = model.ConsecutiveFailures > circuitThreshold
                    ? $" ({model.ConsecutiveFailures} by the end of that request, which finished its retries)"
                    : string.Empty;
                Console.WriteLine($"   circuit opened: {model.Id} after {circuitThreshold} failures in a row{since}; skipped{cooldown}");
                Check(circuitThreshold > 0 && model.ConsecutiveFailures >= circuitThreshold, $"{model.Id}'s circuit opened after CircuitBreakerThreshold ({circuitThreshold}) failures in a row");
            }
            else if (!open)
            {
                _openCircuits.Remove(model.Id);
            }
        }
    }

    private void TriedLine(Dictionary<string, long> before)
    {
        var line = new StringBuilder("   attempts:");
        foreach (KeyValuePair<string, long> now in Attempts())
        {
            long made = now.Value - before.GetValueOrDefault(now.Key);
            if (made > 0)
            {
                line.Append(CultureInfo.InvariantCulture, $" {now.Key} x{made}");
            }
        }

        Console.WriteLine(line.Length == "   attempts:".Length ? "   attempts: none (every model skipped)" : line.ToString());
    }

    private void CheckAttempts(Dictionary<string, long> before, Provider provider, long expected, string what)
    {
        long made = Attempts().GetValueOrDefault(provider.Id) - before.GetValueOrDefault(provider.Id);
        Check(made == expected, what);
    }

    private static void Served(Answer answer, string? note = null)
    {
        string extra = note is null ? string.Empty : ": " + note;
        Console.WriteLine($"   served by {answer.Model} (fallback.level={answer.Level}{extra}) in {Duration(answer.Elapsed)}");
        if (answer.Failure is not null)
        {
            Console.WriteLine($"   why: {answer.Failure}");
        }
    }

    private static void PrintTotals(FallbackStats stats)
        => Console.WriteLine($"   requests {stats.TotalRequests}: succeeded {stats.SuccessfulRequests}, failed {stats.FailedRequests}, fallbacks {stats.FallbackCount}");

    private static void Step(int number, string title) => Console.WriteLine($"{Environment.NewLine}{number}. {title}");

    private void Check(bool condition, string what)
    {
        if (!Checking)
        {
            return;
        }

        _checks++;
        if (!condition)
        {
            _failures++;
            Console.WriteLine($"   CHECK FAILED: {what}");
        }
    }

    private static string Duration(TimeSpan elapsed)
        => elapsed < TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.00} s");

    private static string OneLine(string text)
    {
        string flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 160 ? flat : flat[..157] + "...";
    }
}
