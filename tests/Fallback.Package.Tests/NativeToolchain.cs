using System;
using System.IO;

namespace Fallback.Package.Tests;

/// <summary>
/// The platform linker a Native AOT publish needs on Linux. The ILCompiler package looks for <c>clang</c> on
/// <c>PATH</c> and, failing that, for <c>gcc</c>; without either the publish stops with "Platform linker ('clang' or
/// 'gcc') not found in PATH". The package test looks first, so a machine without one gets a failure that says what
/// to install rather than a publish log.
/// </summary>
internal static class NativeToolchain
{
    /// <summary>The linkers the ILCompiler accepts on Linux, in the order it tries them.</summary>
    public static readonly string[] Linkers = ["clang", "gcc"];

    /// <summary>What to run on Debian or Ubuntu (as root) to get the linker and the zlib the runtime links with.</summary>
    public const string InstallCommand = "apt-get install -y clang zlib1g-dev";

    public static string MissingLinkerMessage { get; } =
        "Native AOT publish needs a platform linker, and neither clang nor gcc is on PATH. "
        + $"Install one with `{InstallCommand}` (Debian/Ubuntu, as root; see https://aka.ms/nativeaot-prerequisites for other systems), "
        + "or skip the integration tests with `--filter Category!=Integration`.";

    /// <summary>The full path of the first linker found on <paramref name="path"/> (a <c>PATH</c>-style list), or null.</summary>
    public static string? FindLinker(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (string linker in Linkers)
        {
            foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string candidate = Path.Combine(directory, linker);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The linker on this process's <c>PATH</c>, or null.</summary>
    public static string? FindLinker() => FindLinker(Environment.GetEnvironmentVariable("PATH"));
}
