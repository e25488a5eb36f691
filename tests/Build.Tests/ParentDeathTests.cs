using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace PodBench.Build.Tests;

/// <summary>
/// <c>kill -9</c> of <c>dotnet build -t:RunBenchmark</c> mid-run, with MSBuild node reuse off and on (a reused worker
/// node outlives its entry process by design), the tasks in a task host (the repository's examples with reuse on) or in
/// the build node (the package's way): no runner process (pods, simulator) is left 2 s later, no pod claims completion
/// and every details line written is whole.
/// </summary>
public sealed class ParentDeathTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void Killing_the_build_stops_every_runner_within_two_seconds(bool nodeReuse, bool taskHost)
    {
        var marker = "pbkill" + Guid.NewGuid().ToString("N")[..10];
        var output = Path.Combine(Path.GetTempPath(), marker);
        var reuse = new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = nodeReuse ? "0" : "1" };
        var reuseSwitch = "-nodeReuse:" + (nodeReuse ? "true" : "false");
        try
        {
            // With reuse on, a first build leaves idle worker nodes that the benchmark build then reuses.
            var first = new StringBuilder();
            using (var build = MarkedProcesses.StartDotnet(["build", RepoPaths.MultiPodProject, "-nologo", "-v:q", reuseSwitch], marker, first, reuse))
            {
                // Only the timed wait: an idle reused node holds the output pipes open, so waiting for their end never returns.
                Assert.True(build.WaitForExit(TimeSpan.FromMinutes(10)), first.ToString());
                Assert.True(build.ExitCode == 0, first.ToString());
            }

            var nodesBefore = MarkedProcesses.Find(marker).Where(p => p.CommandLine.Contains("nodemode", StringComparison.OrdinalIgnoreCase)).Select(p => p.Pid).ToArray();
            log.WriteLine($"idle nodes before the run: {string.Join(", ", nodesBefore)}");

            var text = new StringBuilder();
            using var entry = MarkedProcesses.StartDotnet(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", reuseSwitch, $"-p:BenchmarkOutput={output}", $"-p:BenchmarkRun={marker}",
                 "-p:BenchmarkPressure=true", "-p:BenchmarkPressureTime=120", "-p:PodBenchTaskHost=" + (taskHost ? "true" : "false")],
                marker, text, reuse);
            var runners = WaitForRunners(marker, entry, text, Path.Combine(output, marker));
            foreach (var (pid, commandLine) in runners)
            {
                log.WriteLine($"runner {pid}: {commandLine}");
                for (var p = MarkedProcesses.ParentOf(pid); p > 1 && p != entry.Id; p = MarkedProcesses.ParentOf(p))
                {
                    log.WriteLine($"  ancestor {p}: {MarkedProcesses.Find(marker).FirstOrDefault(x => x.Pid == p).CommandLine}");
                }
            }

            entry.Kill(); // SIGKILL, the entry process alone
            var killed = DateTime.UtcNow;
            var deadline = killed.AddSeconds(2);
            IReadOnlyList<(int Pid, string CommandLine)> left;
            do
            {
                Thread.Sleep(100);
                left = Runners(marker);
            }
            while (left.Count > 0 && DateTime.UtcNow < deadline);

            log.WriteLine($"runners left after {(DateTime.UtcNow - killed).TotalMilliseconds:0} ms: {left.Count}");
            log.WriteLine("processes left after the kill: " + string.Join("; ", MarkedProcesses.Find(marker).Select(p => $"{p.Pid} {p.CommandLine}")));
            Assert.True(left.Count == 0, "runners still running 2 s after kill -9 of the build: " + string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")) + "\n" + text);

            var run = Path.Combine(output, marker);
            Assert.DoesNotContain(Directory.GetFiles(Path.Combine(run, "pods"), "pod-*.json"), f => !f.EndsWith(".started.json", StringComparison.Ordinal));
            var details = Directory.GetFiles(run, "*_details.jsonl", SearchOption.AllDirectories);
            Assert.NotEmpty(details);
            foreach (var line in details.SelectMany(File.ReadLines).Where(l => l.Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
            }
        }
        finally
        {
            MarkedProcesses.KillAll(marker);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static IReadOnlyList<(int Pid, string CommandLine)> Runners(string marker) =>
        MarkedProcesses.Find(marker).Where(p => p.CommandLine.Contains("MultiPod.dll", StringComparison.Ordinal)).ToArray();

    // The simulator and both pods, once both pods have measured requests on disk (they warm up and meet at the start
    // barrier first).
    private static IReadOnlyList<(int Pid, string CommandLine)> WaitForRunners(string marker, System.Diagnostics.Process entry, StringBuilder text, string run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline && !entry.HasExited)
        {
            var runners = Runners(marker);
            string log;
            lock (text)
            {
                log = text.ToString();
            }

            if (runners.Count(r => r.CommandLine.Contains(" run --pod ", StringComparison.Ordinal)) == 2 && log.Contains("[pod 0]", StringComparison.Ordinal) && log.Contains("[pod 1]", StringComparison.Ordinal)
                && MeasuredFiles(run) == 2)
            {
                Thread.Sleep(500);
                return runners;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("the pods did not start:\n" + text);
    }

    // Details files with at least one record (one per pod of the MultiPod plan).
    private static int MeasuredFiles(string run) => !Directory.Exists(run)
        ? 0
        : Directory.GetFiles(run, "*_details.jsonl", SearchOption.AllDirectories).Count(f => new FileInfo(f).Length > 0);
}
