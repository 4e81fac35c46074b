using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Fallback.Package.Tests;

/// <summary>
/// Packs Fallback, Fallback.OpenAI and Fallback.Anthropic once, as <c>dotnet pack -c Release</c>, into a local
/// folder feed in a temporary directory outside the repository. The version is unique to this run
/// (<c>0.1.0-local.t…</c>), so a package left in the machine's NuGet cache by an earlier run is never used. The
/// build goes to its own artifacts path, so it never touches the repository's bin/obj folders, which other
/// tests build into at the same time.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public const string Collection = "packed feed";

    public PackedFeed()
    {
        string id = Guid.NewGuid().ToString("N")[..12];
        Root = Path.Combine(Path.GetTempPath(), "fallback-package-" + id);
        Feed = Path.Combine(Root, "feed");
        Version = "0.1.0-local.t" + id;
    }

    /// <summary>The temporary directory: the feed, the pack's artifacts and the new user's project live under it.</summary>
    public string Root { get; }

    /// <summary>The local folder feed holding the .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>What packing took, for the test output.</summary>
    public TimeSpan PackDuration { get; private set; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var noEnvironment = new Dictionary<string, string?>();
        foreach (string project in new[] { "Fallback.Runtime", "Fallback.OpenAI", "Fallback.Anthropic" })
        {
            Dotnet.Result pack = await Dotnet.RunAsync(
                Repository.Root,
                noEnvironment,
                "pack", $"src/{project}/{project}.csproj", "-c", "Release", "-o", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"),
                $"-p:Version={Version}", "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false");
            PackDuration += pack.Duration;
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project}: {pack}");
        }
    }

    public Task DisposeAsync()
    {
        TryDelete(Root);

        // The restores of this run put its unique version into the global packages folder; take it out again.
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "fallback", "fallback.openai", "fallback.anthropic" })
        {
            TryDelete(Path.Combine(packages, id, Version));
        }

        return Task.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(PackedFeed.Collection)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
}
