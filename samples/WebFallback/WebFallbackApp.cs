using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Fallback.LocalProviders;
using Fallback.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fallback.Samples.WebFallback;

/// <summary>
/// The web app: a fallback chain behind a minimal API, configured from <c>appsettings.json</c> (reloaded while it
/// runs), with health checks and OpenTelemetry. Program.cs runs it; the tests build the same app on a free port.
/// </summary>
public static partial class WebFallbackApp
{
    /// <summary>Builds the app: starts the local provider endpoints, registers the chain and maps the endpoints.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--contentRoot</c>, any configuration key).</param>
    /// <param name="configure">Adjusts the builder before the app is built (the tests add in-memory exporters).</param>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);

        // Scripted endpoints on 127.0.0.1 instead of real providers: no API key, and outages on demand. The container
        // created the singleton through a factory, so it disposes it (and stops the endpoints) with the app.
        LocalEndpoints local = await LocalEndpoints.StartAsync(["openai", "anthropic"]).ConfigureAwait(false);
        builder.Services.AddSingleton(_ => local);

        // One keyed IChatClient per client key the chain's models name. OpenAIChainClient turns the SDK's own retries
        // off: the chain is the one retry layer.
        foreach (KeyValuePair<string, LocalProviderServer> provider in local.Servers)
        {
            builder.Services.AddKeyedChatClient(provider.Key, OpenAIChainClient.Create(LocalEndpoints.ApiKey, provider.Value.BaseUri));
        }

        // The generated registration. Code sets the defaults; Fallback:Chains:assistant in configuration wins over
        // them, and changes to it apply to the running chain.
        builder.Services.AddAssistantChain(options => options.AttemptTimeout = TimeSpan.FromSeconds(30));

        builder.Services.AddHealthChecks().AddFallbackChainHealthChecks();

        // Telemetry: the chain's meter and activity source, both named "Fallback", beside ASP.NET Core's own. The
        // console exporter is for watching locally; put an OTLP exporter here to ship them.
        bool console = bool.TryParse(builder.Configuration["Telemetry:ConsoleExporter"], out bool on) && on;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("WebFallback"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FallbackTelemetry.Name, "Microsoft.AspNetCore.Hosting");
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(FallbackTelemetry.Name, "Microsoft.AspNetCore");
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebFallbackJsonContext.Default));

        configure?.Invoke(builder);

        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch
        {
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        ILogger chatLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WebFallback.Chat");

        app.MapPost("/chat", async (ChatRequest request, IAssistant assistant, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Message))
            {
                return Results.BadRequest(new ErrorReply("'message' is required."));
            }

            ChatResponse response;
            try
            {
                response = await assistant.GetResponseAsync(request.Message, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ContentFilteredException filtered)
            {
                // A safety refusal is the caller's to know about, not an outage to route around (FallBackOnContentFilter is off).
                LogFiltered(chatLog, filtered.Provider + "/" + filtered.Model);
                return Results.UnprocessableEntity(new ErrorReply("The request was refused by the provider's content filter."));
            }

            FallbackInfo served = response.GetFallbackInfo() ?? new FallbackInfo(response.ModelId ?? "unknown", -1);
            LogServed(chatLog, served.Model, served.Level); // who served; never the prompt or the answer
            return Results.Ok(new ChatReply(response.Text, served.Model, served.Level));
        });

        app.MapGet("/chains", (IEnumerable<IFallbackChain> chains) =>
        {
            var reports = new List<ChainReport>();
            foreach (IFallbackChain chain in chains)
            {
                reports.Add(Report(chain));
            }

            return Results.Ok<IReadOnlyList<ChainReport>>(reports);
        });

        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

        // Demo switches for the local endpoints (this sample only): PUT starts an outage (503 to every request), DELETE ends it.
        app.MapPut("/local/{provider}/outage", (string provider, LocalEndpoints local)
            => local.TryStartOutage(provider) ? Results.NoContent() : Results.NotFound(new ErrorReply($"no local provider '{provider}'")));
        app.MapDelete("/local/{provider}/outage", (string provider, LocalEndpoints local)
            => local.TryEndOutage(provider) ? Results.NoContent() : Results.NotFound(new ErrorReply($"no local provider '{provider}'")));
    }

    private static ChainReport Report(IFallbackChain chain)
    {
        FallbackStats stats = chain.GetStats();
        var models = new List<ModelReport>();
        foreach (ModelStatus model in chain.Models)
        {
            ModelStats? counted = null;
            foreach (ModelStats candidate in stats.Models)
            {
                if (candidate.Provider == model.Provider && candidate.Model == model.Model && candidate.Client == model.Client)
                {
                    counted = candidate;
                }
            }

            models.Add(new ModelReport(
                model.Id, model.Client, model.Priority, model.MaxRetries, model.Enabled, model.Circuit.ToString(), model.ConsecutiveFailures,
                model.OpenUntil, counted?.Attempts ?? 0, counted?.Failures ?? 0, counted?.Served ?? 0));
        }

        return new ChainReport(
            chain.Name,
            models,
            new StatsReport(stats.TotalRequests, stats.SuccessfulRequests, stats.FailedRequests, stats.FallbackCount, stats.FinalFallbackCount, stats.ModelUsage));
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var checks = new List<HealthEntryBody>();
        foreach (KeyValuePair<string, HealthReportEntry> entry in report.Entries)
        {
            checks.Add(new HealthEntryBody(entry.Key, entry.Value.Status.ToString(), entry.Value.Description));
        }

        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new HealthReportBody(report.Status.ToString(), checks), WebFallbackJsonContext.Default.HealthReportBody, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Chat served by {Model} at level {Level}")]
    private static partial void LogServed(ILogger logger, string model, int level);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Chat refused by the content filter of {Model}")]
    private static partial void LogFiltered(ILogger logger, string model);
}
