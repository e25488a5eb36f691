using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace PodBench.Build.Tests;

/// <summary>
/// The live processes of one test, found by a marker in their environment (inherited by every descendant: MSBuild
/// nodes, task hosts, runners), never by name: other builds on the machine are not the test's business.
/// </summary>
internal static class MarkedProcesses
{
    /// <summary>The environment variable carrying the marker.</summary>
    public const string Variable = "PODBENCH_TEST_MARKER";

    /// <summary>Live (not zombie) processes whose environment holds <see cref="Variable"/>=<paramref name="marker"/>.</summary>
    public static IReadOnlyList<(int Pid, string CommandLine)> Find(string marker)
    {
        var needle = Encoding.UTF8.GetBytes(Variable + "=" + marker + "\0");
        var found = new List<(int, string)>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..][0];
                if (state is 'Z' or 'X' || File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) < 0)
                {
                    continue;
                }

                found.Add((pid, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // It ended while we looked, or is not ours to read.
            }
        }

        return found;
    }

    /// <summary>The parent pid of <paramref name="pid"/>, or 0.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return 0;
        }
    }

    /// <summary>Kills (SIGKILL) every live process carrying the marker: the test's own leftovers, reused MSBuild nodes included.</summary>
    public static void KillAll(string marker)
    {
        foreach (var (pid, _) in Find(marker))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Starts <c>dotnet</c> with <paramref name="arguments"/>, the marker in its environment and its output collected.</summary>
    public static Process StartDotnet(IEnumerable<string> arguments, string marker, StringBuilder output, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment[Variable] = marker;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
