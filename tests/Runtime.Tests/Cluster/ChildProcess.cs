using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>Runs a real process to its end (or kills it at the timeout) and keeps its output.</summary>
internal sealed record ChildProcess(int ExitCode, string Output)
{
    public static ChildProcess Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                return new ChildProcess(-1, $"{file} killed after {timeout.TotalSeconds} s\n{output}");
            }
        }

        process.WaitForExit(); // drains the output readers
        lock (output)
        {
            return new ChildProcess(process.ExitCode, output.ToString());
        }
    }
}
