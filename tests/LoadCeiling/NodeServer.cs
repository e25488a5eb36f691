using System;
using System.Diagnostics;
using System.IO;

namespace PodBench.LoadCeiling;

/// <summary>
/// tests/LoadServer/server.js (Node) in its own process: the external server of issue 18 and scripts/measure-speed.sh,
/// every streamed response written with one socket write, so the client's CPU per chunk is its own.
/// </summary>
internal sealed class NodeServer : ILoadServer, IDisposable
{
    private readonly Process _process;

    private NodeServer(Process process, Uri baseUrl)
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

    public static NodeServer Start(string root, int chunks)
    {
        var script = Path.Combine(root, "tests", "LoadServer", "server.js");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--chunks", chunks.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("cannot start node");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start node for {script} (scripts/install-test-deps.sh installs it): {e.Message}", e);
        }

        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"{script} ended before listening");
        }

        return new NodeServer(process, new Uri(line["LISTENING ".Length..]));
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
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
