using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// A pod whose connections cannot fit under <c>ulimit -n</c> is refused before it sends anything, naming both numbers
/// and the fix; one that fits writes every record.
/// </summary>
public sealed class OpenFileLimitTests
{
    [Fact]
    public async Task Too_few_descriptors_refuse_the_pod_up_front_and_enough_write_every_record()
    {
        var build = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-nologo", "-v:q"], RepoPaths.Root);
        Assert.True(build.ExitCode == 0, build.Output);
        var runner = Path.Combine(RepoPaths.Root, "examples", "MultiPod", "bin", "Debug", "net10.0", "MultiPod.dll");
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(0.1) });
        var output = Path.Combine(Path.GetTempPath(), "podbench-nofile-" + Guid.NewGuid().ToString("N")[..8]);
        var url = server.BaseUrl.ToString().TrimEnd('/');
        try
        {
            // Pod 1: concurrency 100, so about 101 connections + the result files + what the runtime holds > 128.
            var (refused, refusal) = RunLimited(128, runner, output, "small", url);
            Assert.True(refused == 2, refusal);
            Assert.Contains("ulimit -n", refusal);
            Assert.Contains("may open only 128", refusal);
            Assert.Matches("plans 101 connection\\(s\\) at once and needs about [0-9]+ file descriptors", refusal);
            Assert.Equal(0, server.Stats.RequestsReceived);
            Assert.False(Directory.Exists(Path.Combine(output, "small", "performances")), "nothing may be written before the check");

            var (exit, text) = RunLimited(1024, runner, output, "enough", url);
            Assert.True(exit == 0, text);
            var details = File.ReadAllLines(Path.Combine(output, "enough", "performances", "demo-vllm-api-general-chat-test2", "synthetic-test2_details.jsonl"));
            Assert.Equal(20, details.Length);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>Runs one pod of <paramref name="runner"/> under <c>ulimit -n <paramref name="limit"/></c> (soft and hard).</summary>
    internal static (int ExitCode, string Output) RunLimited(int limit, string runner, string output, string run, string simulator, int pod = 1)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(runner)! };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -n {limit} && exec dotnet exec \"$0\" run --pod \"$4\" --output \"$1\" --run \"$2\" --simulator \"$3\"");
        foreach (var arg in new[] { runner, output, run, simulator, pod.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PODBENCH_PLAIN_PROGRESS"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the runner did not finish");
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
