using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>Runs Debian's headless <c>chromium</c> (scripts/install-test-deps.sh) on a page and returns what it printed.</summary>
public static class HeadlessChromium
{
    public static (string Stdout, string Stderr) Run(string chromium, string profile, params string[] args)
    {
        var info = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0" }.Concat(args))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 3 minutes");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
        return (stdout.Result, stderr.Result);
    }

    /// <summary>The JSON a page's probe script printed into <c>pre#probe</c> of the dumped DOM.</summary>
    public static JsonDocument Probe(string dom)
    {
        const string open = "<pre id=\"probe\">";
        var start = dom.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, "the probe did not run: " + dom[..Math.Min(dom.Length, 2000)]);
        start += open.Length;
        return JsonDocument.Parse(dom[start..dom.IndexOf("</pre>", start, StringComparison.Ordinal)]);
    }

    /// <summary>The page's console messages and uncaught errors in Chromium's log.</summary>
    public static List<string> ConsoleMessages(string stderr) =>
        stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToList();

    public static string? Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
