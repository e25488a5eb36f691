using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Children die with their parent build. RunBenchmark starts every runner (pods, simulator) with
/// <see cref="Variable"/> naming the processes it depends on: the MSBuild task host that started it and its
/// ancestors up to the <c>dotnet build</c> entry process. The runner polls them every 100 ms; when one is gone it
/// cancels its run (requests in flight end as cancelled, the files are closed, no manifest is written) and exits
/// hard after a grace period. A runner started by hand has no variable and no watch.
/// </summary>
/// <remarks>
/// Not <c>PR_SET_PDEATHSIG</c>: it fires when the parent <em>thread</em> exits, and the task starts children from a
/// thread-pool thread that may retire in the middle of a run. Each process is named with its start time, so a pid
/// reused by another process does not look alive, and a zombie (a dead child nobody reaped) counts as gone.
/// </remarks>
public static class ParentWatch
{
    /// <summary>The variable: <c>pid:starttime</c> pairs separated by <c>,</c> (start time in clock ticks since boot, 0 when unknown).</summary>
    public const string Variable = "PODBENCH_WATCH_PIDS";

    /// <summary>Exit code of a runner that stopped because its parent was gone and did not end within the grace period.</summary>
    public const int ParentGoneExitCode = 129;

    /// <summary>How long a runner whose parent is gone may take to stop before it exits hard: a pod's requests in
    /// flight end as cancelled and its files are closed in far less.</summary>
    public static readonly TimeSpan PodGrace = TimeSpan.FromSeconds(1);

    /// <summary>The same for the simulator: it has no files to finish.</summary>
    public static readonly TimeSpan SimulatorGrace = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The value of <see cref="Variable"/> for a child of this process: this process, then its ancestors while they
    /// are MSBuild nodes, then the MSBuild entry process above them when there is one (a reused node whose entry
    /// process has ended has none: its parent is init).
    /// </summary>
    public static string ForChild()
    {
        var chain = new List<int> { Environment.ProcessId };
        var pid = ParentOf(Environment.ProcessId);
        for (var depth = 0; pid > 1 && depth < 16; depth++)
        {
            var arguments = CommandLine(pid);
            if (IsMSBuildNode(arguments))
            {
                chain.Add(pid);
                pid = ParentOf(pid);
                continue;
            }

            if (IsBuildEntry(arguments))
            {
                chain.Add(pid);
            }

            break;
        }

        return string.Join(",", chain.Select(p => p.ToString(CultureInfo.InvariantCulture) + ":" + StartTime(p).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// When the MSBuild entry process (<c>dotnet build</c>) above this runner started, ns since the Unix epoch: the last
    /// process <see cref="Variable"/> names, when it is an entry and not a node. Null without the variable, off Linux or
    /// when the chain ends at a reused node.
    /// </summary>
    public static long? CommandStartedUtcNs()
    {
        var watched = Parse(Environment.GetEnvironmentVariable(Variable));
        if (watched.Count == 0 || !OperatingSystem.IsLinux())
        {
            return null;
        }

        var (pid, startTime) = watched[^1];
        var arguments = CommandLine(pid);
        if (IsMSBuildNode(arguments) || !IsBuildEntry(arguments) || !IsAlive(pid, startTime))
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() * 1_000_000;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts watching the processes named in <see cref="Variable"/>; when one is gone, writes one line to
    /// <paramref name="error"/>, cancels <paramref name="cancel"/> and exits the process after <paramref name="grace"/>.
    /// Does nothing when the variable is unset or empty.
    /// </summary>
    /// <returns>Whether a watch was started.</returns>
    public static bool Start(CancellationTokenSource cancel, TextWriter error, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        ArgumentNullException.ThrowIfNull(error);
        var watched = Parse(Environment.GetEnvironmentVariable(Variable));
        if (watched.Count == 0)
        {
            return false;
        }

        var thread = new Thread(() => Watch(watched, cancel, error, grace)) { IsBackground = true, Name = "PodBench parent watch" };
        thread.Start();
        return true;
    }

    /// <summary>Parses the variable's value; malformed entries are skipped.</summary>
    public static IReadOnlyList<(int Pid, long StartTime)> Parse(string? value)
    {
        var list = new List<(int, long)>();
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var pidText = colon < 0 ? part : part[..colon];
            var startText = colon < 0 ? "0" : part[(colon + 1)..];
            if (int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1
                && long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                list.Add((pid, start));
            }
        }

        return list;
    }

    /// <summary>Whether process <paramref name="pid"/> runs and is the one that started at <paramref name="startTime"/> (0: any).</summary>
    public static bool IsAlive(int pid, long startTime)
    {
        if (OperatingSystem.IsLinux())
        {
            var stat = Stat(pid);
            return stat is not null && stat.Value.State is not ('Z' or 'X' or 'x') && (startTime == 0 || stat.Value.StartTime == startTime);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Watch(IReadOnlyList<(int Pid, long StartTime)> watched, CancellationTokenSource cancel, TextWriter error, TimeSpan grace)
    {
        while (true)
        {
            foreach (var (pid, start) in watched)
            {
                if (!IsAlive(pid, start))
                {
                    Stop(pid, cancel, error, grace);
                    return;
                }
            }

            Thread.Sleep(Interval);
        }
    }

    private static void Stop(int pid, CancellationTokenSource cancel, TextWriter error, TimeSpan grace)
    {
        try
        {
            error.WriteLine($"error: the build that started this runner is gone (process {pid} ended); stopping: requests in flight end as cancelled, finished ones stay in the run folder, no manifest is written.");
            error.Flush();
        }
        catch (IOException)
        {
            // The reader of our output was the build that is gone.
        }

        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already ended.
        }

        Thread.Sleep(grace);
        Environment.Exit(ParentGoneExitCode);
    }

    private static bool IsMSBuildNode(IReadOnlyList<string> arguments) =>
        arguments.Any(a => a.TrimStart('-', '/').StartsWith("nodemode:", StringComparison.OrdinalIgnoreCase));

    private static bool IsBuildEntry(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return false;
        }

        var program = Path.GetFileNameWithoutExtension(arguments[0]);
        return program.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || program.Equals("msbuild", StringComparison.OrdinalIgnoreCase)
            || arguments.Any(a => a.EndsWith("MSBuild.dll", StringComparison.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static int ParentOf(int pid) => Stat(pid)?.Parent ?? 0;

    private static long StartTime(int pid) => Stat(pid)?.StartTime ?? 0;

    // /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22nd field) ..."; comm may hold spaces and parentheses.
    private static (char State, int Parent, long StartTime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0].Length != 1
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            || !long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return (fields[0][0], parent, start);
    }
}
