using Fallback.Samples.WebFallback;
using Microsoft.AspNetCore.Builder;

// A fallback chain behind a minimal API: POST /chat, GET /chains, GET /healthz, with the chain configured from
// appsettings.json (Fallback:Chains:assistant, reloaded while the app runs) and local provider endpoints on 127.0.0.1.
await using WebApplication app = await WebFallbackApp.BuildAsync(args);
await app.RunAsync();
