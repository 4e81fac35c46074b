using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Fallback.Package.Tests;

/// <summary>
/// INTEGRATION: opens the packed .nupkg files (zip archives) and checks what a user downloads: every file in its
/// folder and nothing else, and the nuspec's dependencies. Shares the pack with <see cref="NewUserPathTests"/>.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PackedFeed.Collection)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    private const string AnalyzerFolder = "analyzers/dotnet/roslyn4.8/cs/";

    [Fact]
    public void FallbackPackage_HasRuntimeInLib_RoslynComponentsInAnalyzers_AndOnlyTheAbstractionsAsDependencies()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath("Fallback"));
        Assert.Equal(
            new[]
            {
                "README.md",
                AnalyzerFolder + "Fallback.Analyzers.dll",
                AnalyzerFolder + "Fallback.CodeFixes.dll",
                AnalyzerFolder + "Fallback.Generator.dll",
                "buildTransitive/Fallback.targets",
                "lib/net8.0/Fallback.dll",
                "lib/net8.0/Fallback.xml",
            },
            ContentFiles(package));

        XElement metadata = Nuspec(package);
        Assert.Equal("Fallback", Value(metadata, "id"));
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        XElement license = Child(metadata, "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        XElement repository = Child(metadata, "repository");
        Assert.Equal("https://github.com/fallback-dotnet/fallback", (string?)repository.Attribute("url"));

        IReadOnlyDictionary<string, XElement> dependencies = Dependencies(metadata, "net8.0");
        Assert.Equal(
            new[]
            {
                "Microsoft.Extensions.AI.Abstractions", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.Configuration.Binder",
                "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Diagnostics.HealthChecks",
                "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
                "Microsoft.Extensions.Options.ConfigurationExtensions", "System.ClientModel",
            },
            dependencies.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Microsoft.Extensions.AI", dependencies.Keys);
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("OpenAI", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("Anthropic", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("Fallback", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("PolySharp", StringComparison.OrdinalIgnoreCase));

        // The symbols package beside it carries the runtime's PDB.
        using ZipArchive symbols = ZipFile.OpenRead(Path.ChangeExtension(feed.PackagePath("Fallback"), ".snupkg"));
        Assert.Contains("lib/net8.0/Fallback.pdb", symbols.Entries.Select(static e => e.FullName));
    }

    [Fact]
    public void FallbackPackage_BuildTargets_AddTheConsumersAppSettingsAndCatalogueFileToAdditionalFiles()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath("Fallback"));
        using Stream stream = package.GetEntry("buildTransitive/Fallback.targets")!.Open();
        XElement project = XDocument.Load(stream).Root!;
        XElement[] files = project.Descendants().Where(static e => e.Name.LocalName == "AdditionalFiles").ToArray();
        Assert.Equal(2, files.Length);

        // appsettings*.json for FB0025, with an opt-out.
        XElement settings = Assert.Single(files, static f => (string?)f.Attribute("Include") == "$(MSBuildProjectDirectory)/appsettings*.json");
        Assert.Equal("@(AdditionalFiles->'%(FullPath)')", (string?)settings.Attribute("Exclude"));
        Assert.Equal("'$(FallbackCheckConfiguration)' != 'false'", (string?)settings.Parent!.Attribute("Condition"));

        // fallback.models.json for the generator and FB0020, only when the project has one (a missing file would be CS2001).
        XElement catalogue = Assert.Single(files, static f => (string?)f.Attribute("Include") == "$(MSBuildProjectDirectory)/fallback.models.json");
        Assert.Equal("@(AdditionalFiles->'%(FullPath)')", (string?)catalogue.Attribute("Exclude"));
        Assert.Equal("Exists('$(MSBuildProjectDirectory)/fallback.models.json')", (string?)catalogue.Parent!.Attribute("Condition"));
    }

    [Fact]
    public void RoslynComponents_TargetNetStandard20_AndRoslyn48_SoEveryNet8SdkLoadsThem()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath("Fallback"));
        foreach (string name in new[] { "Fallback.Generator", "Fallback.Analyzers", "Fallback.CodeFixes" })
        {
            using var assembly = new MemoryStream();
            using (Stream entry = package.GetEntry(AnalyzerFolder + name + ".dll")!.Open())
            {
                entry.CopyTo(assembly);
            }

            assembly.Position = 0;
            using var pe = new PEReader(assembly);
            MetadataReader reader = pe.GetMetadataReader();
            var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
                .ToDictionary(r => reader.GetString(r.Name), r => r.Version, StringComparer.Ordinal);
            Assert.True(references.ContainsKey("netstandard"), $"{name} does not target netstandard2.0");
            Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
        }
    }

    [Theory]
    [InlineData("Fallback.OpenAI", "OpenAI", "Microsoft.Extensions.AI.OpenAI")]
    [InlineData("Fallback.Anthropic", "Anthropic", null)]
    public void CompanionPackage_DependsOnFallback_AndItsSdk_WithoutBundlingTheRuntime(string id, string sdk, string? adapter)
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath(id));
        Assert.Equal(new[] { "README.md", $"lib/net8.0/{id}.dll", $"lib/net8.0/{id}.xml" }, ContentFiles(package));

        IReadOnlyDictionary<string, XElement> dependencies = Dependencies(Nuspec(package), "net8.0");
        XElement fallback = dependencies["Fallback"];
        Assert.Equal(feed.Version, (string?)fallback.Attribute("version"));

        // The generator and analyzers flow through the companion to the user's project.
        Assert.DoesNotContain("Analyzers", (string?)fallback.Attribute("exclude") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(sdk, dependencies.Keys);
        if (adapter is not null)
        {
            Assert.Contains(adapter, dependencies.Keys);
        }

        Assert.DoesNotContain(dependencies.Keys, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The package's own files, sorted, without the OPC bookkeeping and the nuspec.</summary>
    private static string[] ContentFiles(ZipArchive package)
        => package.Entries
            .Select(static e => e.FullName)
            .Where(static name => !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal)
                && name != "[Content_Types].xml"
                && !name.EndsWith(".nuspec", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static XElement Nuspec(ZipArchive package)
    {
        ZipArchiveEntry entry = package.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using Stream stream = entry.Open();
        return Child(XDocument.Load(stream).Root!, "metadata");
    }

    private static IReadOnlyDictionary<string, XElement> Dependencies(XElement metadata, string targetFramework)
    {
        XElement group = Child(metadata, "dependencies").Elements()
            .Single(g => g.Name.LocalName == "group" && (string?)g.Attribute("targetFramework") == targetFramework);
        return group.Elements().ToDictionary(static d => (string)d.Attribute("id")!, StringComparer.Ordinal);
    }

    private static XElement Child(XElement parent, string name)
        => parent.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"nuspec has no <{name}>");

    private static string Value(XElement parent, string name) => Child(parent, name).Value;
}
