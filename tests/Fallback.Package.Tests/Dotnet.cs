using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Fallback.Package.Tests;

/// <summary>Runs the <c>dotnet</c> CLI (or a built program) as a user would, and returns its exit code and output.</summary>
internal static class Dotnet
{
    /// <summary>The longest one command may run before it counts as hung.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public sealed record Result(int ExitCode, string Output, TimeSpan Duration)
    {
        public override string ToString() => $"exit code {ExitCode} after {Duration.TotalSeconds:F0} s:\n{Output}";
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; build servers stay off, so no child outlives the command.</summary>
    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
        => RunProgramAsync("dotnet", workingDirectory, environment, arguments);

    public static async Task<Result> RunProgramAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point a child build at the wrong SDK pieces.
        foreach (string variable in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A guard against a hung tool, not a measurement: CI runs this beside every other test project on two cores, and a
        // Native AOT publish alone takes minutes there.
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{program} {string.Join(' ', arguments)}' ran over {Limit.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit(); // drains the redirected streams
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }
}
