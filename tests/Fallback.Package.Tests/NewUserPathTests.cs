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
/// chain; the analyzers report a deliberately broken second chain and a typo in appsettings.Staging.json), runs against in-process fake clients,
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
            """);

        // Deliberate mistakes: two models share a priority (FB0002) and there is no final fallback (FB0003).
        File.WriteAllText(Path.Combine(app, "Warnings.cs"), """
            using Fallback;
            using Microsoft.Extensions.AI;

            namespace NewUser;

            [FallbackChain("second")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
            public partial interface ISecondChat : IChatClient
            {
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
            """);
    }
}
