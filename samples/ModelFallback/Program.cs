using System;
using System.Threading;
using System.Threading.Tasks;
using Fallback;
using Fallback.Samples.ModelFallback;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The seeds' model fallback walkthrough (shared/seeds/001) on a generated chain. No API keys: local endpoints on
// 127.0.0.1 with scripted outages, and every step is checked (exit code 1 when one fails). With OPENAI_API_KEY,
// ANTHROPIC_API_KEY or DEEPSEEK_API_KEY: the real services. --verbose turns the chain's logs on.
bool verbose = false;
foreach (string arg in args)
{
    switch (arg)
    {
        case "--verbose" or "-v":
            verbose = true;
            break;
        case "--help" or "-h":
            Console.WriteLine("usage: ModelFallback [--verbose]");
            Console.WriteLine("  no API key set: local endpoints with scripted outages; every step is checked (exit code 1 on failure)");
            Console.WriteLine("  OPENAI_API_KEY / ANTHROPIC_API_KEY / DEEPSEEK_API_KEY: the real services; models without a key are disabled");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{arg}' (try --help)");
            return 2;
    }
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

await using ProviderSet providers = await ProviderSet.CreateAsync();

var services = new ServiceCollection();
services.AddLogging(logging =>
{
    // Quiet by default: the walkthrough prints what matters. --verbose shows the chain's own logs (never prompt text).
    logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.None);
    if (verbose)
    {
        logging.AddSimpleConsole(console => console.SingleLine = true);
    }
});

foreach (Provider provider in providers.All)
{
    services.AddKeyedChatClient(provider.Key, provider.Client);
}

// The generated registration: ContentGenerationChain as IContentGeneration, as itself and as the keyed
// IChatClient "content_generation", its models served by the keyed clients above. Default options (the seeds'
// 500 ms backoff base, Retry-After waits up to 10 s, circuit breaker after 3 failures); the walkthrough reads the
// breaker's threshold from them to explain when a circuit opened.
int circuitThreshold = 0;
services.AddContentGenerationChain(options => circuitThreshold = options.CircuitBreakerThreshold);

await using ServiceProvider container = services.BuildServiceProvider();
var walkthrough = new Walkthrough(
    container.GetRequiredService<IContentGeneration>(),
    container.GetRequiredService<ContentGenerationChain>(),
    providers,
    circuitThreshold,
    cancellation.Token);

try
{
    return await walkthrough.RunAsync();
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.WriteLine("Cancelled.");
    return 130;
}
