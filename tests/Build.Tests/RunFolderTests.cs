using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// The run-folder rules of docs/run-folder.md through the real MSBuild targets and runner processes, counted at a
/// real simulated server: a second identical run sends nothing and merges the same; the merge's dead-pod advice works
/// as printed; two runs of one run folder at once: one refuses naming the holder; replicas and a model shared by two
/// pod groups merge exactly; an invalid BenchmarkRun is refused before anything runs.
/// </summary>
public sealed class RunFolderTests
{
    private const string Test1 = "demo-vllm-api-general-chat-test1";
    private const string Test2 = "demo-vllm-api-general-chat-test2";
    private static readonly SimulatorOptions Fast = SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(0.1) };

    private static string SharedModelsProject => Path.Combine(RepoPaths.Root, "examples", "SharedModels", "SharedModels.csproj");

    [Fact]
    public async Task Replicas_and_a_shared_model_run_exactly_and_the_same_command_again_sends_nothing_and_merges_the_same()
    {
        await using var server = await SimulatorServer.StartAsync(Fast);
        using var output = new TempFolder();
        string[] command = ["build", SharedModelsProject, "-t:RunBenchmark", "-nologo", "-v:m", "-p:BenchmarkOutput=" + output.Path, "-p:BenchmarkRun=twice", "-p:BenchmarkEndpoint=" + Url(server)];

        var first = DotnetCli.Run(command, RepoPaths.Root);
        Assert.True(first.ExitCode == 0, first.Output);
        var sentFirst = server.Stats.RequestsReceived;
        var merge = Path.Combine(output.Path, "twice", "performances", "merge_results");
        var mergedFirst = File.ReadAllText(Path.Combine(merge, "merged.json"));
        var summaryFirst = File.ReadAllText(Path.Combine(merge, "merge_summary.json"));
        using (var json = JsonDocument.Parse(mergedFirst))
        {
            Assert.Equal(23, Total(json, "Total Requests"));
            Assert.Equal(23, Total(json, "Success Requests"));
        }

        // 23 requests and one warm-up per task (4 replica tasks + 2): every request sent exactly once
        Assert.Equal(23 + 6, sentFirst);
        Assert.Equal(12, File.ReadAllLines(Path.Combine(output.Path, "twice", "performances", "shared-replicated", "split-12_details.jsonl")).Length);

        var second = DotnetCli.Run(command, RepoPaths.Root);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(sentFirst, server.Stats.RequestsReceived);
        Assert.All(Enumerable.Range(0, 6), pod => Assert.Contains($"[pod {pod}] pod {pod}: complete, nothing to send", second.Output, StringComparison.Ordinal));
        Assert.Equal(mergedFirst, File.ReadAllText(Path.Combine(merge, "merged.json")));
        Assert.Equal(summaryFirst, File.ReadAllText(Path.Combine(merge, "merge_summary.json")));
    }

    [Fact]
    public async Task The_merge_advice_after_a_failed_pod_works_as_printed()
    {
        await using var server = await SimulatorServer.StartAsync(Fast);
        using var output = new TempFolder();
        string[] common = ["-nologo", "-v:m", "-p:BenchmarkOutput=" + output.Path, "-p:BenchmarkRun=advice"];

        // Pod 1's server refuses connections: its warm-up fails, so its task does not complete.
        var failed = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", .. common, $"-p:BenchmarkEndpoints={Test1}={Url(server)}%3B{Test2}=http://127.0.0.1:{ClosedPort()}"], RepoPaths.Root);
        Assert.True(failed.ExitCode != 0, failed.Output);
        Assert.Contains("Pod 1 failed", failed.Output, StringComparison.Ordinal);
        Assert.Equal(10 + 1, server.Stats.RequestsReceived);

        var refused = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:MergeBenchmark", .. common], RepoPaths.Root);
        Assert.True(refused.ExitCode != 0, refused.Output);
        Assert.Contains($"pod 1: its manifest lacks task(s) {Test2}/synthetic-test2", refused.Output, StringComparison.Ordinal);
        Assert.Contains("Rerun the missing pods with -p:BenchmarkPod=N and the same BenchmarkRun", refused.Output, StringComparison.Ordinal);

        // The advice, followed: pod 1 alone, same BenchmarkRun; it sends its 20 requests (and a warm-up), nothing of pod 0.
        var rerun = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", .. common, "-p:BenchmarkPod=1", "-p:BenchmarkEndpoint=" + Url(server)], RepoPaths.Root);
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(10 + 1 + 20 + 1, server.Stats.RequestsReceived);

        var merged = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:MergeBenchmark", .. common], RepoPaths.Root);
        Assert.True(merged.ExitCode == 0, merged.Output);
        var mergeFolder = Path.Combine(output.Path, "advice", "performances", "merge_results");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(mergeFolder, "merged.json")));
        Assert.Equal(30, Total(json, "Total Requests"));
        Assert.Equal(30, Total(json, "Success Requests"));
        Assert.Equal(0, Total(json, "Failed Requests"));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(mergeFolder, "merge_summary.json")));
        Assert.Equal(0, summary.RootElement.GetProperty("duplicates").GetArrayLength());
    }

    [Fact]
    public async Task Two_runs_of_one_run_folder_at_once_one_refuses_naming_the_holder_and_the_other_is_exact()
    {
        Assert.True(DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-nologo", "-v:q"], RepoPaths.Root).ExitCode == 0);
        var runner = Path.Combine(RepoPaths.Root, "examples", "MultiPod", "bin", "Debug", "net10.0", "MultiPod.dll");
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { DecodePerToken = TimeSpan.FromMilliseconds(4), MaxBatch = 4 });
        using var output = new TempFolder();
        string[] run = ["run", "--output", output.Path, "--run", "busy", "--simulator", Url(server)];

        using var owner = RunnerChild.Start(runner, run);
        var lockFile = Path.Combine(output.Path, "busy", "locks", "pod-1.lock");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((!File.Exists(lockFile) || new FileInfo(lockFile).Length == 0) && DateTime.UtcNow < deadline && !owner.Process.HasExited)
        {
            Thread.Sleep(20);
        }

        Assert.False(owner.Process.HasExited, owner.Output);
        var sentBefore = server.Stats.RequestsReceived;
        using (var second = RunnerChild.Start(runner, run))
        {
            Assert.True(second.WaitForExit(TimeSpan.FromMinutes(1)), "the second run did not refuse at once");
            Assert.Equal(2, second.Process.ExitCode);
            Assert.Contains($"is already being run by process {owner.Process.Id} on host {Environment.MachineName}", second.Output, StringComparison.Ordinal);
        }

        using (var onePod = RunnerChild.Start(runner, ["run", "--pod", "1", "--output", output.Path, "--run", "busy", "--simulator", Url(server)]))
        {
            Assert.True(onePod.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Equal(2, onePod.Process.ExitCode);
            Assert.Contains($"pod 1 of the run {Path.Combine(output.Path, "busy")} is held by process {owner.Process.Id}", onePod.Output, StringComparison.Ordinal);
            Assert.Contains("nothing was sent", onePod.Output, StringComparison.Ordinal);
        }

        Assert.True(owner.WaitForExit(TimeSpan.FromMinutes(5)), owner.Output);
        Assert.True(owner.Process.ExitCode == 0, owner.Output);
        Assert.True(sentBefore <= 30 + 2);
        Assert.Equal(30 + 2, server.Stats.RequestsReceived);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "busy", "performances", "merge_results", "merged.json")));
        Assert.Equal(30, Total(json, "Total Requests"));
        Assert.Equal(30, Total(json, "Success Requests"));
    }

    [Fact]
    public void An_invalid_BenchmarkRun_is_refused_before_anything_runs()
    {
        using var output = new TempFolder();

        var result = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", "-v:m", "-p:BenchmarkOutput=" + output.Path, "-p:BenchmarkRun=nightly/42"], RepoPaths.Root);

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains("BenchmarkRun: 'nightly/42' is not a run folder name", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("kept in", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[pod ", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    private static string Url(SimulatorServer server) => server.BaseUrl.ToString().TrimEnd('/');

    private static int Total(JsonDocument json, string key) => json.RootElement.GetProperty(key).GetProperty("total").GetInt32();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A temp folder deleted after the test.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "podbench-runfolder-" + Guid.NewGuid().ToString("N")[..8])).FullName;

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
