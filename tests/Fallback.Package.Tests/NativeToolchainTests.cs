using System;
using System.IO;

namespace Fallback.Package.Tests;

/// <summary>The linker probe behind the Native AOT package test's "install clang" failure.</summary>
public sealed class NativeToolchainTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fallback-toolchain-" + Guid.NewGuid().ToString("N")[..12]);

    public NativeToolchainTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void NoLinkerOnPath_IsNotFound_AndTheMessageSaysHowToInstallOne()
    {
        Assert.Null(NativeToolchain.FindLinker(_directory));
        Assert.Null(NativeToolchain.FindLinker(null));
        Assert.Null(NativeToolchain.FindLinker(string.Empty));
        Assert.Contains("apt-get install -y clang zlib1g-dev", NativeToolchain.MissingLinkerMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clang")]
    [InlineData("gcc")]
    public void EitherLinkerOnPath_IsFound(string linker)
    {
        string empty = Path.Combine(_directory, "empty");
        string bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(empty);
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, linker), string.Empty);

        Assert.Equal(Path.Combine(bin, linker), NativeToolchain.FindLinker(empty + Path.PathSeparator + bin));
    }

    [Fact]
    public void Clang_IsPreferredOverGcc_AsTheILCompilerDoes()
    {
        string first = Path.Combine(_directory, "first");
        string second = Path.Combine(_directory, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(first, "gcc"), string.Empty);
        File.WriteAllText(Path.Combine(second, "clang"), string.Empty);

        Assert.Equal(Path.Combine(second, "clang"), NativeToolchain.FindLinker(first + Path.PathSeparator + second));
    }
}
