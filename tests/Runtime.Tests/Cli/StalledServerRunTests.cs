using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using PodBench.Dsl;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Tests.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>
/// The runner's <c>run</c> verb on a plan whose endpoint sets a small <c>IdleTimeout</c>, against a real loopback
/// server that stalls one stream: the pod ends at the limit, the stalled request is recorded as failed with the
/// named reason, and the progress lines, written while it waited, say that a request was stalled.
/// </summary>
public sealed class StalledServerRunTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_pod_whose_server_stalls_ends_at_the_plan_s_idle_limit()
    {
        await using var server = await TestServer.StartAsync(q => q.Prompt.Contains("stall", StringComparison.Ordinal) ? new TestServerPlan { StallAfter = 2 } : new TestServerPlan());
        var folder = Path.Combine(Path.GetTempPath(), "podbench-stall-" + Guid.NewGuid().ToString("N")[..8]);
        var prompts = Path.Combine(Path.GetTempPath(), "podbench-stall-" + Guid.NewGuid().ToString("N")[..8] + ".jsonl");
        await File.WriteAllLinesAsync(prompts, ["{\"question\":\"fine one\",\"answer\":\"a\"}", "{\"question\":\"please stall\",\"answer\":\"b\"}"]);
        try
        {
            var plan = new StallPlan(server.BaseUrl.ToString(), prompts);
            var output = new StringWriter();
            var started = Stopwatch.GetTimestamp();
            var exit = RunnerMain.Dispatch(plan, new GeneratedPlan(typeof(StallPlan).FullName!, null), RunnerArguments.Parse(["run", "--pod", "0", "--output", folder, "--run", "stall"]), output, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var console = output.ToString();

            Assert.True(elapsed < TimeSpan.FromSeconds(90), $"took {elapsed}");
            Assert.Equal(2, server.Requests.Count);
            Assert.Contains("| stalled 1 (longest wait ", console);
            var records = Directory.GetFiles(folder, "*.jsonl", SearchOption.AllDirectories).SelectMany(File.ReadLines).ToArray();
            Assert.Contains(records, line => line.Contains("no stream event for 12 s (IdleTimeout)", StringComparison.Ordinal));
            Assert.True(exit == 0, $"exit {exit}: {console}");
            Assert.Contains("| failed 1 |", console);
        }
        finally
        {
            File.Delete(prompts);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class StallPlan(string url, string prompts) : BenchmarkPlan
    {
        public override IReadOnlyList<ModelEndpoint> Models =>
            [ModelEndpoint.StreamChat("m") with { Url = url, Model = "served", Concurrency = 2, Retry = 1, MaxOutLen = 8, IdleTimeout = TimeSpan.FromSeconds(12), ApiKey = ApiKey.None }];

        public override IReadOnlyList<Dataset> Datasets => [new CustomQaDataset("qa", prompts)];

        public override RunOptions Run => RunOptions.Default with { WarmUp = 0 };
    }
}
