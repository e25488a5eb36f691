using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// A pod killed with SIGKILL mid-run keeps every finished record readable, and a rerun of that pod (resumed by
/// default) cuts a torn last line and sends only what is missing; <c>--reuse</c> on a complete pod sends its failed
/// requests again; every file stays append-only and each request counts once.
/// </summary>
public sealed class CrashAndReuseTests
{
    [Fact]
    public async Task A_killed_pod_keeps_its_records_and_a_reuse_rerun_sends_only_the_rest()
    {
        var build = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-nologo", "-v:q"], RepoPaths.Root);
        Assert.True(build.ExitCode == 0, build.Output);
        var runner = Path.Combine(RepoPaths.Root, "examples", "MultiPod", "bin", "Debug", "net10.0", "MultiPod.dll");

        // One stream decoded at a time, about 1 s each: the requests finish one by one, so the kill lands mid-run.
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { DecodePerToken = TimeSpan.FromMilliseconds(4), MaxBatch = 1 });
        var url = server.BaseUrl.ToString().TrimEnd('/');
        var output = Path.Combine(Path.GetTempPath(), "podbench-crash-" + Guid.NewGuid().ToString("N")[..8]);
        var details = Path.Combine(output, "r", "performances", "demo-vllm-api-general-chat-test2", "synthetic-test2_details.jsonl");
        try
        {
            // Pod 1 sends its 20 requests at once (concurrency 100); kill it as soon as some, not all, have finished.
            using (var first = RunnerChild.Start(runner, ["run", "--pod", "1", "--output", output, "--run", "r", "--simulator", url]))
            {
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (Lines(details) < 3 && DateTime.UtcNow < deadline && !first.Process.HasExited)
                {
                    Thread.Sleep(20);
                }

                first.Process.Kill(entireProcessTree: true);
                first.Process.WaitForExit();
            }

            var finished = Lines(details);
            Assert.InRange(finished, 1, 19);
            Assert.False(File.Exists(Path.Combine(output, "r", "pods", "pod-1.json")), "a killed pod must not publish a manifest");
            var receivedBefore = server.Stats.RequestsReceived;

            // A disk that filled up mid-line: the last line is half-written.
            const string torn = "{\"data_abbr\": \"synthetic-test2\", \"id\": 1";
            File.AppendAllText(details, torn);
            string rerunOutput;
            using (var rerun = RunnerChild.Start(runner, ["run", "--pod", "1", "--output", output, "--run", "r", "--simulator", url]))
            {
                Assert.True(rerun.WaitForExit(TimeSpan.FromMinutes(5)), "the rerun did not finish");
                Assert.Equal(0, rerun.Process.ExitCode);
                rerunOutput = rerun.Output;
            }

            Assert.Contains($"{details} ended in a half-written line of {torn.Length} bytes (a crash or a full disk): cut, and kept in {details}.torn", rerunOutput, StringComparison.Ordinal);
            Assert.Equal(torn + "\n", File.ReadAllText(details + ".torn"));
            Assert.All(File.ReadAllLines(details), l => System.Text.Json.JsonDocument.Parse(l).Dispose());

            // Warm-up requests are not results; everything else sent by the rerun is exactly the missing rows.
            var sentByRerun = server.Stats.RequestsReceived - receivedBefore;
            var warmUp = 1;
            Assert.Equal(20 - finished + warmUp, sentByRerun);
            var ids = File.ReadAllLines(details).Count(Succeeded);
            Assert.Equal(20, ids);
            Assert.True(File.Exists(Path.Combine(output, "r", "pods", "pod-1.json")));

            // The task's summary counts the records of both runs, the killed run's time points included.
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(details.Replace("_details", "", StringComparison.Ordinal), ".json")));
            Assert.Equal(20, summary.RootElement.GetProperty("Success Requests").GetProperty("total").GetInt32());
            Assert.Equal(20, summary.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
            var csv = File.ReadAllLines(Path.ChangeExtension(details.Replace("_details", "", StringComparison.Ordinal), ".csv"));
            Assert.Contains(csv, l => l.StartsWith("E2EL,total,", StringComparison.Ordinal) && l.EndsWith(",20", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_reuse_rerun_sends_the_failed_requests_again_and_counts_each_request_once()
    {
        var build = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-nologo", "-v:q"], RepoPaths.Root);
        Assert.True(build.ExitCode == 0, build.Output);
        var runner = Path.Combine(RepoPaths.Root, "examples", "MultiPod", "bin", "Debug", "net10.0", "MultiPod.dll");
        var fast = SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(0.1) };
        await using var failing = await SimulatorServer.StartAsync(fast with { Fault = SimulatorFault.Http500, FaultRate = 0.5 });
        await using var healthy = await SimulatorServer.StartAsync(fast);
        var output = Path.Combine(Path.GetTempPath(), "podbench-retry-" + Guid.NewGuid().ToString("N")[..8]);
        var task = Path.Combine(output, "r", "performances", "demo-vllm-api-general-chat-test2", "synthetic-test2");
        try
        {
            using (var first = RunnerChild.Start(runner, ["run", "--pod", "1", "--output", output, "--run", "r", "--simulator", failing.BaseUrl.ToString().TrimEnd('/')]))
            {
                Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)));
            }

            var failedFirst = File.ReadAllLines(task + "_details.jsonl").Count(l => !Succeeded(l));
            Assert.InRange(failedFirst, 1, 19);

            using (var rerun = RunnerChild.Start(runner, ["run", "--pod", "1", "--output", output, "--run", "r", "--simulator", healthy.BaseUrl.ToString().TrimEnd('/'), "--reuse"]))
            {
                Assert.True(rerun.WaitForExit(TimeSpan.FromMinutes(5)));
                Assert.Equal(0, rerun.Process.ExitCode);
            }

            // The failed lines stay where they were (append-only); the views count each request once.
            Assert.Equal(failedFirst + 1, healthy.Stats.RequestsReceived);
            Assert.Equal(20 + failedFirst, File.ReadAllLines(task + "_details.jsonl").Length);
            Assert.False(File.Exists(task + "_retried.jsonl"));
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(task + ".json"));
            Assert.Equal(20, summary.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
            Assert.Equal(20, summary.RootElement.GetProperty("Success Requests").GetProperty("total").GetInt32());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static bool Succeeded(string line)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("success").GetBoolean();
    }

    private static int Lines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.EndsWith('}'))
            {
                count++;
            }
        }

        return count;
    }
}
