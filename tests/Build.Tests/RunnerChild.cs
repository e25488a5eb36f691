using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace PodBench.Build.Tests;

/// <summary>A built runner (<c>dotnet exec</c>) as a child process with its output captured; killed on dispose if still running.</summary>
internal sealed class RunnerChild : IDisposable
{
    private readonly StringBuilder output = new();

    private RunnerChild(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static RunnerChild Start(string runner, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(runner)! };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(runner);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PODBENCH_PLAIN_PROGRESS"] = "1";
        var runnerProcess = new RunnerChild(Process.Start(info)!);
        runnerProcess.Process.OutputDataReceived += (_, e) => runnerProcess.Append(e.Data);
        runnerProcess.Process.ErrorDataReceived += (_, e) => runnerProcess.Append(e.Data);
        runnerProcess.Process.BeginOutputReadLine();
        runnerProcess.Process.BeginErrorReadLine();
        return runnerProcess;
    }

    /// <summary>Waits for the exit, then for the last output lines; false when it did not exit in time.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout))
        {
            return false;
        }

        Process.WaitForExit();
        return true;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
