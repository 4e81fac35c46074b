using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Fallback.Generator.Tests;

/// <summary>
/// Golden files in Verify's naming: <c>Snapshots/&lt;Name&gt;.verified.cs</c> beside the tests, LF line endings,
/// compared as exact text. <c>FALLBACK_ACCEPT_SNAPSHOTS=1</c> rewrites them; otherwise a mismatch leaves
/// <c>&lt;Name&gt;.received.cs</c> beside the verified file for a diff tool (git ignores it).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "FALLBACK_ACCEPT_SNAPSHOTS";

    /// <summary>The Snapshots folder beside the test sources, as the build recorded it (PathMap does not touch it).</summary>
    public static string Directory { get; } = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "SnapshotsDirectory").Value!;

    public static void Verify(string name, string actual)
    {
        string directory = Directory;
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"No golden file {verifiedPath}; the output is in {receivedPath}. Run with {AcceptVariable}=1 to accept it."
            : $"Generated source differs from {verifiedPath}; see {receivedPath}. Run with {AcceptVariable}=1 to accept it.");
    }
}
