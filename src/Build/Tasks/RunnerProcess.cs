using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace PodBench.Build.Tasks;

/// <summary>Starts the plan's built runner (<c>dotnet exec Plan.dll ...</c>) with its output piped line by line.</summary>
internal static class RunnerProcess
{
    public static Process Start(string dotnetHost, string runnerAssembly, IEnumerable<string> arguments, string workingDirectory, Action<string> onOutput, Action<string> onError)
    {
        var info = new ProcessStartInfo(dotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(runnerAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The pods are not a terminal: they print plain progress lines.
        info.Environment["PODBENCH_PLAIN_PROGRESS"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onOutput(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onError(e.Data);
            }
        };
        if (!process.Start())
        {
            throw new IOException($"Could not start {dotnetHost} exec {runnerAssembly}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the runner to completion and returns its exit code and standard output.</summary>
    public static (int ExitCode, string Output, string Error) RunToEnd(string dotnetHost, string runnerAssembly, IEnumerable<string> arguments, string workingDirectory)
    {
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        using var process = Start(dotnetHost, runnerAssembly, arguments, workingDirectory, line => { lock (output) { output.AppendLine(line); } }, line => { lock (error) { error.AppendLine(line); } });
        process.WaitForExit();
        return (process.ExitCode, output.ToString(), error.ToString());
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }
}
