using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// A plan of 1,000 streams under <c>ulimit -n 256</c>: refused before anything is sent, naming both numbers and the
/// fix; with enough descriptors every one of the 1,000 records is written.
/// </summary>
public sealed class ThousandStreamsTests
{
    private const string Plan = """
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace Tests.Streams;

        [BenchmarkPlan]
        public sealed class StreamsPlan : BenchmarkPlan
        {
            private static readonly ModelEndpoint Model = ModelEndpoint.StreamChat("streams") with { Model = "qwen", Concurrency = 1000, MaxOutLen = 16 };

            private static readonly SyntheticDataset Data = new("thousand") { RequestCount = 1000, Input = Length.Uniform(8, 8), Output = Length.Uniform(4, 4) };

            public override IReadOnlyList<ModelEndpoint> Models => [Model];

            public override IReadOnlyList<Dataset> Datasets => [Data];

            public override IReadOnlyList<PodGroup> Pods => [new(Model, Data)];
        }
        """;

    [Fact]
    public async Task A_thousand_streams_under_ulimit_256_are_refused_up_front_and_with_enough_descriptors_every_record_is_written()
    {
        using var project = new TempPlanProject("streams", "Streams", "StreamsPlan.cs", Plan);
        var output = Path.Combine(Path.GetTempPath(), "podbench-streams-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var build = DotnetCli.Run(["build", project.ProjectFile, "-nologo", "-v:q"], RepoPaths.Root);
            Assert.True(build.ExitCode == 0, build.Output);
            var runner = project.Runner;
            await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(0.1) });
            var url = server.BaseUrl.ToString().TrimEnd('/');

            var (refused, refusal) = OpenFileLimitTests.RunLimited(256, runner, output, "small", url, pod: 0);
            Assert.True(refused == 2, refusal);
            Assert.Matches("plans 1001 connection\\(s\\) at once and needs about [0-9]+ file descriptors", refusal);
            Assert.Contains("may open only 256", refusal);
            Assert.Contains("ulimit -n", refusal);
            Assert.Equal(0, server.Stats.RequestsReceived);

            var (exit, text) = OpenFileLimitTests.RunLimited(4096, runner, output, "enough", url, pod: 0);
            Assert.True(exit == 0, text);
            var details = File.ReadAllLines(Path.Combine(output, "enough", "performances", "streams", "thousand_details.jsonl"));
            Assert.Equal(1000, details.Length);
            Assert.Equal(1000, details.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64()).Distinct().Count());
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
