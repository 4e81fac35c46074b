using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Fallback.Package.Tests;

/// <summary>
/// INTEGRATION (about two to three minutes on two cores, most of it the Native AOT publish): the path a new user
/// takes. A fresh console project in a temporary directory outside the repository, with its own nuget.config
/// (the local feed of <see cref="PackedFeed"/> added to the machine's default sources), references only the
/// <c>Fallback</c> package at this run's unique version. It declares a chain, builds (the generator emits the
/// chain; the analyzers report a deliberately broken second chain, a model id typo, a chain over its request timeout, a
/// registration with SDK retries on and a typo in appsettings.Staging.json), runs a member-only chain and reads the
/// catalogue's values (pinned and from the project's fallback.models.json) off the generated tables, against in-process fake clients,
/// and publishes with Native AOT with no IL2xxx/IL3xxx warning, then runs the native binary.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PackedFeed.Collection)]
public sealed partial class NewUserPathTests(PackedFeed feed, ITestOutputHelper output)
{
    private static readonly string[] ExpectedOutput =
    [
        "answer: answer from claude-sonnet-4-5",
        "served by: anthropic/claude-sonnet-4-5 (level 1)",
        "openai attempts: 3",
        "streamed: streamed from claude-sonnet-4-5",
        "stats: total=2 ok=2 fallbacks=2 anthropic/claude-sonnet-4-5=2",
        "final fallback: The service is busy; please try again.",
        "second chain: answer from gpt-4o",
        "configured: openai attempts 1, anthropic/claude-sonnet-4-5 disabled=False, first-token 00:00:10",
        "member-only: summary from claude-haiku-4-5, title from gpt-4o-mini",
        "catalogue: gpt-4o 128000 tokens at 2.5/10 per million, claude-sonnet-4-5 prefill True, our-model 32000 tokens",
    ];

    [Fact]
    public async Task FreshConsoleProject_ReferencingOnlyThePackage_BuildsRunsAndPublishesNativeAot()
    {
        string app = Path.Combine(feed.Root, "NewUser");
        Assert.False(app.StartsWith(Repository.Root, StringComparison.Ordinal), "the new user's project must live outside the repository");
        WriteProject(app);
        var environment = new Dictionary<string, string?>();
        output.WriteLine($"pack (3 packages): {feed.PackDuration.TotalSeconds:F0} s");

        // Build: the generator runs (Program.cs uses the generated ContentGeneratorChain), the analyzers report.
        Dotnet.Result build = await Dotnet.RunAsync(app, environment, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        output.WriteLine($"build: {build.Duration.TotalSeconds:F0} s");
        Assert.True(build.ExitCode == 0, "dotnet build: " + build);
        Assert.Contains("Fallback " + feed.Version, File.ReadAllText(Path.Combine(app, "obj", "project.assets.json")).Replace("\"Fallback/", "Fallback ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"Warnings\.cs\(\d+,\d+\): warning FB0002: Chain 'second'", build.Output);
        Assert.Matches(@"Warnings\.cs\(\d+,\d+\): warning FB0003: Chain 'second' has no \[FinalFallback\] method", build.Output);
        Assert.DoesNotMatch(@"\b(CS8032|CS9057|AD0001)\b", build.Output); // an analyzer or generator that failed to load or crashed

        // Issue 15's compile-time guarantees in a real build: a model id typo (FB0020, with the id meant), a chain whose
        // worst case exceeds its request timeout (FB0022), a client registered with the SDK's retries on (FB0023).
        Assert.Matches(@"Warnings\.cs\(\d+,\d+\): warning FB0020: Model id 'gpt-4o-mnii' is not in the model catalogue for 'openai' \(dated \d{4}-\d{2}-\d{2}\); did you mean 'gpt-4o-mini'\?", build.Output);
        Assert.Matches(@"Warnings\.cs\(\d+,\d+\): warning FB0022: Fallback chain 'bounded' can take \d+ ms in the worst case", build.Output);
        Assert.Matches(@"Registration\.cs\(\d+,\d+\): warning FB0023: The client registered under key 'openai'", build.Output);
        Assert.DoesNotMatch(@"Chains\.cs\(\d+,\d+\): warning FB", build.Output); // the app's own chains are clean

        // The package's build targets pass appsettings*.json to the analyzers: the staging file's typo is FB0025 at its
        // key, the valid appsettings.json says nothing.
        Assert.Matches(@"appsettings\.Staging\.json\(5,10\): warning FB0025: 'Fallback:Chains:content_generation:AttemptTimout' is not a FallbackOptions setting \(did you mean 'AttemptTimeout'\?\)", build.Output);
        Assert.DoesNotMatch(@"appsettings\.json\(\d+,\d+\): warning FB0025", build.Output);

        Dotnet.Result run = await Dotnet.RunAsync(app, environment, Path.Combine(app, "bin", "Release", "net10.0", "NewUser.dll"));
        Assert.True(run.ExitCode == 0, "dotnet NewUser.dll: " + run);
        Assert.Equal(ExpectedOutput, Lines(run.Output));

        // Native AOT: zero trim/AOT warnings, and the native binary answers the same. It links with clang (or gcc):
        // without one, say how to install it rather than fail inside the publish.
        string? linker = NativeToolchain.FindLinker();
        Assert.True(linker is not null, NativeToolchain.MissingLinkerMessage);
        output.WriteLine($"linker: {linker}");
        Dotnet.Result publish = await Dotnet.RunAsync(app, environment, "publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        output.WriteLine($"publish (Native AOT): {publish.Duration.TotalSeconds:F0} s");
        Assert.True(publish.ExitCode == 0, $"dotnet publish (linker {linker}; Native AOT also links with zlib: `{NativeToolchain.InstallCommand}`): {publish}");
        string[] trimWarnings = TrimOrAotWarning().Matches(publish.Output).Select(static m => m.Value).Distinct().ToArray();
        Assert.True(trimWarnings.Length == 0, $"trim/AOT warnings {string.Join(", ", trimWarnings)}:\n{publish.Output}");

        string native = Path.Combine(app, "bin", "Release", "net10.0", "linux-x64", "publish", "NewUser");
        Assert.True(File.Exists(native), "no native binary at " + native);
        Assert.False(File.Exists(Path.ChangeExtension(native, ".dll")), "the publish is not native: NewUser.dll is beside the binary");
        Dotnet.Result nativeRun = await Dotnet.RunProgramAsync(native, app, environment);
        Assert.True(nativeRun.ExitCode == 0, "native NewUser: " + nativeRun);
        Assert.Equal(ExpectedOutput, Lines(nativeRun.Output));
    }

    private static string[] Lines(string text)
        => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"\bIL[23][0-9]{3}\b")]
    private static partial Regex TrimOrAotWarning();

    private void WriteProject(string app)
    {
        Directory.CreateDirectory(app);

        // No <clear/>: the machine's default sources stay, so the package's own dependencies restore from them.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fallback-local" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);

        // What `dotnet new console` writes on a .NET 10 SDK, plus the one package reference.
        File.WriteAllText(Path.Combine(app, "NewUser.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fallback" Version="[{feed.Version}]" />
                <PackageReference Include="Fallback.OpenAI" Version="[{feed.Version}]" />
                <PackageReference Include="Microsoft.Extensions.Configuration.Json" Version="10.0.15" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
              </ItemGroup>
              <ItemGroup>
                <None Update="appsettings.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);

        // The chain tuned from appsettings.json, as an operator would: one retry layer less on gpt-4o, a first-token limit.
        File.WriteAllText(Path.Combine(app, "appsettings.json"), """
            {
              "Fallback": {
                "Chains": {
                  "content_generation": {
                    "FirstTokenTimeout": "00:00:10",
                    "BaseDelay": "00:00:00",
                    "MaxDelay": "00:00:00",
                    "Models": {
                      "openai/gpt-4o": { "MaxRetries": 0 }
                    }
                  }
                }
              }
            }
            """);

        // A deliberate mistake in a file the app does not load: FB0025 reports it while building.
        File.WriteAllText(Path.Combine(app, "appsettings.Staging.json"), """
            {
              "Fallback": {
                "Chains": {
                  "content_generation": {
                    "AttemptTimout": "00:00:20"
                  }
                }
              }
            }
            """);

        // The project's own catalogue entry: the package's build targets pass fallback.models.json to the generator.
        File.WriteAllText(Path.Combine(app, "fallback.models.json"), """
            { "models": { "local/our-model": { "contextWindow": 32000 } } }
            """);

        File.WriteAllText(Path.Combine(app, "Chains.cs"), """
            using Fallback;
            using Microsoft.Extensions.AI;

            namespace NewUser;

            [FallbackChain("content_generation")]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, MaxRetries = 1)]
            [Model("openai", "gpt-4o-mini", Priority = 3)]
            public partial interface IContentGenerator : IChatClient
            {
                [FinalFallback]
                static ChatResponse Busy(IEnumerable<ChatMessage> messages, AllModelsFailedException failure)
                    => new(new ChatMessage(ChatRole.Assistant, "The service is busy; please try again."));
            }

            // Member-only: no [Model] on the interface; each member brings its own list, in its own order.
            [FallbackChain("member_only", ThrowWhenExhausted = true)]
            public partial interface IWriter
            {
                [Model("anthropic", "claude-haiku-4-5", Priority = 1)]
                [Model("openai", "gpt-4o-mini", Priority = 2)]
                Task<string> SummarizeAsync(string text, CancellationToken cancellationToken = default);

                [Model("openai", "gpt-4o-mini", Priority = 1)]
                [Model("anthropic", "claude-haiku-4-5", Priority = 2)]
                Task<string> TitleAsync(string text, CancellationToken cancellationToken = default);
            }

            // A model only the project's fallback.models.json knows.
            [FallbackChain("local", ThrowWhenExhausted = true)]
            [Model("local", "our-model")]
            public partial interface ILocal : IChatClient
            {
            }
            """);

        // Deliberate mistakes: two models share a priority (FB0002) and there is no final fallback (FB0003).
        File.WriteAllText(Path.Combine(app, "Warnings.cs"), """
            using Fallback;
            using Microsoft.Extensions.AI;

            namespace NewUser;

            [FallbackChain("second")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
            [Model("openai", "gpt-4o-mnii", Priority = 3)]
            public partial interface ISecondChat : IChatClient
            {
            }

            // 3 attempts of 10 s and two waits of at least 10 s: more than the declared 30 s.
            [FallbackChain("bounded", ThrowWhenExhausted = true, RequestTimeoutMs = 30000)]
            [Model("openai", "gpt-4o", Priority = 1, MaxRetries = 2, AttemptTimeoutMs = 10000)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 2, AttemptTimeoutMs = 10000)]
            public partial interface IBoundedChat : IChatClient
            {
            }
            """);

        // A registration the app never runs: the OpenAI SDK client under the chains' key with its own retries on.
        File.WriteAllText(Path.Combine(app, "Registration.cs"), """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            namespace NewUser;

            public static class Registration
            {
                public static IServiceCollection AddProviders(IServiceCollection services, string apiKey)
                    => services.AddKeyedSingleton<IChatClient>("openai", new OpenAIClient(apiKey).GetChatClient("gpt-4o").AsIChatClient());
            }
            """);

        File.WriteAllText(Path.Combine(app, "FakeChatClient.cs"), """
            using System.Net;
            using System.Runtime.CompilerServices;
            using Microsoft.Extensions.AI;

            namespace NewUser;

            /// <summary>An in-process provider: answers with the model it was asked for, or fails with HTTP 503.</summary>
            internal sealed class FakeChatClient(bool fails) : IChatClient
            {
                private int _calls;

                public int Calls => Volatile.Read(ref _calls);

                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                {
                    Interlocked.Increment(ref _calls);
                    return fails
                        ? Task.FromException<ChatResponse>(Unavailable())
                        : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer from " + options?.ModelId))
                        {
                            ModelId = options?.ModelId,
                            FinishReason = ChatFinishReason.Stop,
                        });
                }

                public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                {
                    Interlocked.Increment(ref _calls);
                    await Task.Yield();
                    if (fails)
                    {
                        throw Unavailable();
                    }

                    yield return new ChatResponseUpdate(ChatRole.Assistant, "streamed ") { ModelId = options?.ModelId };
                    yield return new ChatResponseUpdate(ChatRole.Assistant, "from " + options?.ModelId) { ModelId = options?.ModelId, FinishReason = ChatFinishReason.Stop };
                }

                public object? GetService(Type serviceType, object? serviceKey = null) => null;

                public void Dispose()
                {
                }

                private static HttpRequestException Unavailable() => new("The fake provider is down.", null, HttpStatusCode.ServiceUnavailable);
            }
            """);

        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Fallback;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using NewUser;

            var openai = new FakeChatClient(fails: true);
            var anthropic = new FakeChatClient(fails: false);
            var options = new FallbackOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
            ChatMessage[] hello = [new(ChatRole.User, "hello")];

            // The generated chain: openai/gpt-4o fails (1 attempt + 2 retries), anthropic answers.
            IContentGenerator chain = new ContentGeneratorChain(key => key == "openai" ? openai : anthropic, options);
            ChatResponse response = await chain.GetResponseAsync(hello);
            Console.WriteLine($"answer: {response.Text}");
            Console.WriteLine($"served by: {response.AdditionalProperties?["fallback.model"]} (level {response.AdditionalProperties?["fallback.level"]})");
            Console.WriteLine($"openai attempts: {openai.Calls}");

            string streamed = string.Empty;
            await foreach (ChatResponseUpdate update in chain.GetStreamingResponseAsync(hello))
            {
                streamed += update.Text;
            }

            Console.WriteLine($"streamed: {streamed}");
            FallbackStats stats = ((IFallbackChain)chain).GetStats();
            Console.WriteLine($"stats: total={stats.TotalRequests} ok={stats.SuccessfulRequests} fallbacks={stats.FallbackCount} anthropic/claude-sonnet-4-5={stats.ModelUsage["anthropic/claude-sonnet-4-5"]}");

            // Every model down: the [FinalFallback] method answers.
            var down = new ContentGeneratorChain(_ => openai, options);
            Console.WriteLine($"final fallback: {(await down.GetResponseAsync(hello)).Text}");

            // The chain the analyzers warn about is still generated.
            ISecondChat second = new SecondChatChain(_ => anthropic, options);
            Console.WriteLine($"second chain: {(await second.GetResponseAsync(hello)).Text}");

            // The same chain registered in DI and bound from appsettings.json (the binder's source generator: AOT-safe).
            var configuredOpenAi = new FakeChatClient(fails: true);
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build());
            services.AddKeyedSingleton<IChatClient>("openai", configuredOpenAi);
            services.AddKeyedSingleton<IChatClient>("anthropic", anthropic);
            services.AddContentGeneratorChain();
            using ServiceProvider provider = services.BuildServiceProvider();
            provider.ValidateFallbackChains();
            var configured = provider.GetRequiredService<ContentGeneratorChain>();
            await configured.GetStreamingResponseAsync(hello).ToChatResponseAsync();
            Console.WriteLine($"configured: openai attempts {configuredOpenAi.Calls}, anthropic/claude-sonnet-4-5 disabled={!configured.Models[1].Enabled}, first-token {configured.Engine.Options.FirstTokenTimeout}");

            // The member-only chain: each member tries its own first model.
            IWriter writer = new WriterChain(key => key == "openai" ? new FakeChatClient(fails: false) : anthropic, options);
            string summary = await writer.SummarizeAsync("text");
            string title = await writer.TitleAsync("text");
            Console.WriteLine($"member-only: summary {summary.Replace("answer ", string.Empty)}, title {title.Replace("answer ", string.Empty)}");

            // What the catalogue (pinned, and the project's fallback.models.json) filled into the generated tables.
            ModelDescriptor gpt4o = configured.Models[0].Descriptor!;
            ModelDescriptor sonnet = configured.Models[1].Descriptor!;
            ModelDescriptor ours = new LocalChain(_ => anthropic, options).Models[0].Descriptor!;
            Console.WriteLine($"catalogue: {gpt4o.Model} {gpt4o.ContextWindow} tokens at {FormattableString.Invariant($"{gpt4o.InputPricePerMillionTokens}/{gpt4o.OutputPricePerMillionTokens}")} per million, {sonnet.Model} prefill {sonnet.SupportsPrefill}, {ours.Model} {ours.ContextWindow} tokens");
            """);
    }
}
