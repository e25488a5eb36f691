using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace PodBench.LoadCeiling;

/// <summary>
/// A load server in its own process, so the client's CPU time is its own: this program started again with
/// <c>--server</c>, or tests/LoadServer (Node).
/// </summary>
internal sealed class ServerProcess : ILoadServer, IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>
    /// Starts the server; with <paramref name="cpus"/> (a taskset list, e.g. "0") it runs only on those cores, as a
    /// real server runs on its own machine: sharing the client's cores, its threads delay the client's wake-ups.
    /// </summary>
    public static ServerProcess Start(string kind, int chunks, double delayMs, string flush = "each", bool inlineSend = false, string? cpus = null, double jitter = 0)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        var info = new ProcessStartInfo(cpus is null ? self : "taskset") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (cpus is not null)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpus);
            info.ArgumentList.Add(self);
        }

        // the server keeps .NET's default socket scheduling whatever the client uses
        info.Environment.Remove(PodBench.Runtime.Engine.EngineProcessSettings.InlineCompletionsVariable);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var arg in new[] { "--server", kind, "--chunks", chunks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--delay-ms", delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--flush", flush, "--inline", "off", "--send", inlineSend ? "inline" : "pooled", "--jitter", jitter.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        return Listening(Process.Start(info) ?? throw new InvalidOperationException("cannot start the server process"), "the server process");
    }

    /// <summary>
    /// tests/LoadServer/server.js (Node): the external server of issue 18 and scripts/measure-speed.sh, every streamed
    /// response written with one socket write, so the client's CPU per chunk is its own.
    /// </summary>
    public static ServerProcess StartNode(string root, int chunks)
    {
        var script = Path.Combine(root, "tests", "LoadServer", "server.js");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--chunks", chunks.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            return Listening(Process.Start(info) ?? throw new InvalidOperationException("cannot start node"), script);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start node for {script} (scripts/install-test-deps.sh installs it): {e.Message}", e);
        }
    }

    private static ServerProcess Listening(Process process, string what)
    {
        while (true)
        {
            var line = process.StandardOutput.ReadLine();
            if (line is null)
            {
                process.Kill();
                process.Dispose();
                throw new InvalidOperationException($"{what} ended before listening");
            }

            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                return new ServerProcess(process, new Uri(line["LISTENING ".Length..]));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            // this program's server ends when its input closes; node's is killed
            if (_process.StartInfo.RedirectStandardInput)
            {
                _process.StandardInput.Close();
            }

            if (!_process.StartInfo.RedirectStandardInput || !_process.WaitForExit(5000))
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
