using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Fallback.Analyzers.Tests;

/// <summary>
/// INTEGRATION (slow, about a minute): builds a small real project with <c>dotnet build</c>, referencing the
/// runtime and the analyzers by absolute path, as a user's project would, and reads the diagnostics from
/// the build output. One build only. Offline: restore goes to the machine's configured NuGet feed.
/// Filter it out with <c>--filter Category!=Integration</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fallback-analyzers-build-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DotnetBuild_ReportsFB0001_FB0002_FB0003_AsAUserSeesThem()
    {
        string root = RepositoryRoot();
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "Sample.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/src/Fallback.Runtime/Fallback.Runtime.csproj" />
                <ProjectReference Include="{root}/src/Fallback.Analyzers/Fallback.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "Chains.cs"), """
            using Fallback;
            using Microsoft.Extensions.AI;

            namespace Sample;

            [FallbackChain("sample")]
            [Model("openai", "gpt-4o", Priority = 1)]
            [Model("anthropic", "claude-sonnet-4-5", Priority = 1)]
            public interface ISample : IChatClient
            {
            }
            """);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", "Sample.csproj", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the child build at the wrong SDK pieces.
        foreach (string variable in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        string log = await output + await error;

        Assert.True(process.ExitCode != 0, "FB0001 is an error, so the build must fail:\n" + log);
        Assert.Contains("Chains.cs(9,18): error FB0001: Interface 'ISample' declares fallback chain 'sample' but is not partial", log);
        Assert.Contains("Chains.cs(8,42): warning FB0002: Chain 'sample': model 'anthropic/claude-sonnet-4-5' has the same Priority (1) as model 'openai/gpt-4o'", log);
        Assert.Contains("Chains.cs(9,18): warning FB0003: Chain 'sample' has no [FinalFallback] method", log);
        Assert.DoesNotContain("AD0001", log);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fallback.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Fallback.slnx not found above " + AppContext.BaseDirectory);
    }
}
