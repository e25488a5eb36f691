using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>A finished real process: its exit code (-1 when killed at the timeout) and its output.</summary>
public sealed record ChildProcess(int ExitCode, string Output)
{
    public static ChildProcess Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string?>? environment = null)
    {
        using var running = RunningChild.Start(file, arguments, workingDirectory, environment);
        return running.WaitForExit(timeout);
    }
}

/// <summary>A started real process whose output is collected.</summary>
public sealed class RunningChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _file;

    private RunningChild(Process process, string file)
    {
        _process = process;
        _file = file;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static RunningChild Start(string file, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment = null)
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

        var child = new RunningChild(new Process { StartInfo = info }, file);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL, as when a node dies or the OOM killer strikes.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ChildProcess WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            return new ChildProcess(-1, $"{_file} killed after {timeout.TotalSeconds} s\n{Output}");
        }

        _process.WaitForExit(); // drains the output readers
        return new ChildProcess(_process.ExitCode, Output);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
