using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Fallback;
using Fallback.AotSmoke;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

// Native AOT smoke test: generated chains run against in-process fake clients (a failing primary, a working
// secondary). Prints one line per check; exits non-zero when any check fails.
int failures = 0;
void Check(string name, bool ok, string detail)
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}{(ok ? string.Empty : ": " + detail)}");
    if (!ok)
    {
        failures++;
    }
}

var noDelays = new FallbackOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
ChatMessage[] hello = [new ChatMessage(ChatRole.User, "hello")];

// 1. IChatClient chain through DI: openai fails (1 + 2 retries), anthropic answers.
var openai = new FakeChatClient(fails: true);
var anthropic = new FakeChatClient(fails: false);
var services = new ServiceCollection();
services.AddKeyedSingleton<IChatClient>("openai", openai);
services.AddKeyedSingleton<IChatClient>("anthropic", anthropic);
services.AddContentGeneratorChain(static options => options.BaseDelay = options.MaxDelay = TimeSpan.Zero);
using (ServiceProvider provider = services.BuildServiceProvider())
{
    var generator = provider.GetRequiredService<IContentGenerator>();
    ChatResponse response = await generator.GetResponseAsync(hello);
    object? served = response.AdditionalProperties?["fallback.model"];
    Check("content chain falls back to anthropic", Equals(served, "anthropic/claude-sonnet-4-5"), $"served by {served}");
    Check("primary tried with its retries", openai.Calls == 3, $"{openai.Calls} calls");

    FallbackStats stats = ((IFallbackChain)generator).GetStats();
    Check("statistics count the fallback", stats.SuccessfulRequests == 1 && stats.FallbackCount == 1 && stats.ModelUsage["anthropic/claude-sonnet-4-5"] == 1,
        $"ok={stats.SuccessfulRequests} fallbacks={stats.FallbackCount}");
    Check("DI: interface, class and keyed IChatClient are one chain",
        ReferenceEquals(generator, provider.GetRequiredService<ContentGeneratorChain>())
        && ReferenceEquals(generator, provider.GetRequiredKeyedService<IChatClient>(ContentGeneratorChain.ChainName)),
        "different instances");
}

// 2. Every model fails: the final fallback answers.
var down = new FakeChatClient(fails: true);
var exhausted = new ContentGeneratorChain(_ => down, noDelays);
ChatResponse busy = await exhausted.GetResponseAsync(hello);
Check("final fallback answers when every model fails", busy.Text == "The service is busy; please try again.", busy.Text);

// 3. Text, streaming and a member route.
var clients = new Dictionary<string, IChatClient> { ["openai"] = new FakeChatClient(fails: true), ["anthropic"] = new FakeChatClient(fails: false) };
IAnalyst analyst = new AnalystChain(key => clients[key], noDelays);
string summary = await analyst.SummarizeAsync("a long text");
Check("text member falls back", summary == "answer from claude-sonnet-4-5", summary);
string streamed = string.Empty;
await foreach (ChatResponseUpdate update in analyst.AnalyzeAsync(hello))
{
    streamed += update.Text;
}

Check("streaming member falls back before the first update", streamed == "streamed from claude-sonnet-4-5", streamed);
string label = await analyst.ClassifyAsync("spam?");
Check("member with its own models uses its own route", label == "answer from claude-haiku-4-5", label);

// 4. Region failover: the same model behind a second client.
var us = new FakeChatClient(fails: true);
var eu = new FakeChatClient(fails: false);
var regional = new RegionalChatChain(key => key == "openai-us" ? us : eu, noDelays);
ChatResponse regionalResponse = await regional.GetResponseAsync(hello);
Check("region failover serves from the second client",
    us.Calls == 1 && eu.Calls == 1 && Equals(regionalResponse.AdditionalProperties?["fallback.level"], 1),
    $"us={us.Calls} eu={eu.Calls}");

Console.WriteLine(failures == 0 ? "AOT smoke: every check passed" : $"AOT smoke: {failures} check(s) failed");
return failures == 0 ? 0 : 1;
