using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace PodBench.Runtime.Tests.Results.Reference;

/// <summary>
/// Debian's Python with NumPy (<c>/usr/bin/python3</c>, package python3-numpy, installed by
/// scripts/install-test-deps.sh): a reader that shares no code with PodBench. Not the pyenv python3 on PATH.
/// </summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    /// <summary>Runs a script of TestData/Reference with <paramref name="args"/>; returns its stdout, or throws with its stderr.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: run scripts/install-test-deps.sh (python3-numpy).");
        }

        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "Reference", script));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(120))) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 120 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
