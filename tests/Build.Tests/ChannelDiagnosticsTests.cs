using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// A runner's errors reach MSBuild over its typed channel (docs/architecture.md), not by matching its text: each is one
/// MSBuild error in canonical form, and the text a pod prints is passed on as text.
/// </summary>
public sealed class ChannelDiagnosticsTests
{
    [Fact]
    public void A_pod_error_is_an_msbuild_error_from_the_channel_not_a_matched_line()
    {
        var output = Path.Combine(Path.GetTempPath(), "podbench-channel-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // Nothing listens on port 1: every warm-up request fails and each pod reports its task as failed.
            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=c", "-p:BenchmarkEndpoint=http://127.0.0.1:1"],
                RepoPaths.Root);

            Assert.NotEqual(0, exitCode);
            var lines = log.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            foreach (var (pod, task) in new[] { (0, "[demo-vllm-api-general-chat-test1 x synthetic-test1]"), (1, "[demo-vllm-api-general-chat-test2 x synthetic-test2]") })
            {
                var errors = lines.Where(l => l.Contains($"error : [pod {pod}] {task} ", StringComparison.Ordinal)).ToArray();
                Assert.True(errors.Length > 0, log);
                Assert.All(errors, l => Assert.Contains("warm-up request(s)", l, StringComparison.Ordinal));
            }

            // The old text matching logged "[pod N] error: ..." as an error; the runner printed the line itself then.
            Assert.DoesNotContain(lines, l => l.Contains("] error: [", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
