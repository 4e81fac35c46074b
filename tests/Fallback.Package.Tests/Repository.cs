using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Fallback.Package.Tests;

/// <summary>Where the repository is: recorded by the build, so it holds under PathMap and any output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ReadmePath => Path.Combine(Root, "README.md");

    private static string FindRoot()
    {
        string? recorded = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(static a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Fallback.slnx")))
        {
            return recorded;
        }

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
