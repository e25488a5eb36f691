using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Channel;

namespace PodBench.Build.Tasks;

/// <summary>
/// Starts the plan's built runner (<c>dotnet exec Plan.dll ...</c>) with its output piped line by line (text for
/// people) and, when asked, a typed channel (<see cref="ChannelListener"/>) for its errors, warnings, written files
/// and readiness. Every runner watches this task's process and the build above it (<see cref="ParentWatch"/>), so it
/// stops when the build is gone.
/// </summary>
internal static class RunnerProcess
{
    private const int SigInt = 2;

    private static readonly ConditionalWeakTable<Process, ChannelListener> Channels = [];

    public static Process Start(string dotnetHost, string runnerAssembly, IEnumerable<string> arguments, string workingDirectory, Action<string> onOutput, Action<string> onError, IReadOnlyDictionary<string, string>? environment = null, Action<ChannelMessage>? onMessage = null)
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
        info.Environment[ParentWatch.Variable] = ParentWatch.ForChild();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var channel = onMessage is null ? null : ChannelListener.Start(onMessage);
        if (channel is not null)
        {
            info.Environment[RunnerChannel.Variable] = channel.SocketPath;
        }

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
            channel?.Dispose();
            throw new IOException($"Could not start {dotnetHost} exec {runnerAssembly}.");
        }

        if (channel is not null)
        {
            Channels.Add(process, channel);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Runs the runner to completion and returns its exit code and standard output (given to
    /// <paramref name="onOutput"/> line by line instead, when set); its channel messages go to
    /// <paramref name="onMessage"/> (every one handed over before this returns).
    /// </summary>
    public static (int ExitCode, string Output, string Error) RunToEnd(string dotnetHost, string runnerAssembly, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, Action<ChannelMessage>? onMessage = null, Action<string>? onOutput = null)
    {
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        Action<string> collect = onOutput ?? (line => { lock (output) { output.AppendLine(line); } });
        using var process = Start(dotnetHost, runnerAssembly, arguments, workingDirectory, collect, line => { lock (error) { error.AppendLine(line); } }, environment, onMessage);
        WaitForExit(process);
        return (process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Waits for <paramref name="process"/> to end, then for every message of its channel to be handed over, and closes
    /// the channel: nothing it reported is logged after the task's step ends.
    /// </summary>
    public static void WaitForExit(Process process)
    {
        process.WaitForExit();
        if (Channels.TryGetValue(process, out var channel))
        {
            Channels.Remove(process);
            channel.Drain(TimeSpan.FromSeconds(10));
            channel.Dispose();
        }
    }

    /// <summary>
    /// Asks <paramref name="processes"/> to stop as Ctrl+C would (SIGINT: requests in flight end as cancelled, the
    /// files are closed); kills those that cannot be signalled.
    /// </summary>
    public static void Interrupt(IEnumerable<Process> processes)
    {
        foreach (var process in processes)
        {
            if (!HasExited(process) && (OperatingSystem.IsWindows() || SendSignal(process.Id, SigInt) != 0))
            {
                Kill(process);
            }
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for every one of <paramref name="processes"/> to end; true when all did.</summary>
    public static bool WaitAll(IEnumerable<Process> processes, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        foreach (var process in processes)
        {
            var left = deadline - DateTime.UtcNow;
            if (!HasExited(process) && (left <= TimeSpan.Zero || !process.WaitForExit(left)))
            {
                return false;
            }
        }

        return true;
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

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
