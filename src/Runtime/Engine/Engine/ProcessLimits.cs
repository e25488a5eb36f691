using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace PodBench.Runtime.Engine;

/// <summary>
/// File descriptors, checked before any load is sent: the runner raises its soft <c>RLIMIT_NOFILE</c> to the hard
/// limit at start, and a pod whose planned connections cannot fit under it is refused with both numbers and the fix,
/// instead of failing every request with "Too many open files".
/// </summary>
public static class ProcessLimits
{
    /// <summary>Descriptors each task keeps open besides its connections: details, failed, journal, DuckDB, spare.</summary>
    public const int FilesPerTask = 8;

    /// <summary>Descriptors kept free for the runtime, DuckDB and the summaries, above those already open.</summary>
    public const int Margin = 32;

    private const int RlimitNofile = 7; // Linux

    /// <summary>The soft and hard limits on open files; null where unknown (not Linux).</summary>
    public static (ulong Soft, ulong Hard)? OpenFileLimit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return GetRLimit(RlimitNofile, out var limit) == 0 ? (limit.Current, limit.Maximum) : null;
    }

    /// <summary>Raises the soft limit on open files to the hard limit (Linux); returns the soft limit now in force.</summary>
    public static ulong? RaiseOpenFileLimit()
    {
        if (OpenFileLimit() is not { } limit)
        {
            return null;
        }

        if (limit.Soft < limit.Hard && SetRLimit(RlimitNofile, new RLimit { Current = limit.Hard, Maximum = limit.Hard }) == 0)
        {
            return limit.Hard;
        }

        return limit.Soft;
    }

    /// <summary>Descriptors this process has open now (Linux), else 0.</summary>
    public static int OpenDescriptors()
    {
        try
        {
            return OperatingSystem.IsLinux() ? Directory.GetFileSystemEntries("/proc/self/fd").Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The descriptors a run of <paramref name="connections"/> connections at once in <paramref name="tasks"/>
    /// parallel tasks needs: those open now, the connections, <see cref="FilesPerTask"/> per task and <see cref="Margin"/>.
    /// </summary>
    public static long Needed(long connections, int tasks) => OpenDescriptors() + connections + ((long)tasks * FilesPerTask) + Margin;

    /// <summary>
    /// Null when <paramref name="connections"/> connections in <paramref name="tasks"/> parallel tasks fit under the
    /// soft limit; else the message that refuses the run, naming both numbers and the fix.
    /// </summary>
    /// <param name="who">What plans the connections, e.g. "pod 0".</param>
    /// <param name="connections">Connections open at once at most.</param>
    /// <param name="tasks">Tasks running at once at most.</param>
    public static string? CheckOpenFiles(string who, long connections, int tasks)
    {
        if (OpenFileLimit() is not { } limit)
        {
            return null;
        }

        var needed = Needed(connections, tasks);
        if ((ulong)needed <= limit.Soft)
        {
            return null;
        }

        var suggestion = Math.Max(needed, 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{who} plans {connections} connection(s) at once and needs about {needed} file descriptors (with the result files and {Margin} spare), but this process may open only {limit.Soft} (RLIMIT_NOFILE; hard limit {limit.Hard}). Nothing was sent. Raise the limit in the shell that starts the run, e.g. `ulimit -n {suggestion}` (in a container: its nofile limit), or lower the concurrency.");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, in RLimit limit);
}
