using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>The run settings through real builds: a mistyped property is named, and a missing file stops the run before any request.</summary>
public sealed class RunSettingsTargetTests
{
    private const string MissingFilePlan = """
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace Tests.Missing;

        [BenchmarkPlan]
        public sealed class MissingFilePlan : BenchmarkPlan
        {
            private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("chat") with { Model = "qwen", Concurrency = 2, MaxOutLen = 8 };

            private static readonly SyntheticDataset Synthetic = new("synthetic") { RequestCount = 4, Input = Length.Uniform(8, 8), Output = Length.Uniform(4, 4) };

            private static readonly CustomQaDataset Questions = new("questions", "data/missing-questions.jsonl");

            public override IReadOnlyList<ModelEndpoint> Models => [Chat];

            public override IReadOnlyList<Dataset> Datasets => [Synthetic, Questions];

            public override IReadOnlyList<PodGroup> Pods => [new(Chat, Synthetic), new(Chat, Questions)];
        }
        """;

    [Fact]
    public void A_mistyped_Benchmark_property_warns_naming_the_nearest_and_a_lone_pressure_time_says_it_does_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), "podbench-typo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=typo",
                 "-p:BenchmarkPressureTme=10", "-p:BenchmarkPressureTime=3", "-p:BenchmarkNumPrompts=2"],
                RepoPaths.Root);

            Assert.True(exitCode == 0, log);
            // canonical form, at the plan project: MSBuild prints it where it happens and again in the summary
            var typos = log.Split('\n').Where(l => l.Contains("warning PB0100", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(typos);
            Assert.All(typos, l => Assert.StartsWith(RepoPaths.MultiPodProject + " : warning PB0100: BenchmarkPressureTme is not a PodBench setting", l.Trim(), StringComparison.Ordinal));
            Assert.All(typos, l => Assert.Contains("did you mean BenchmarkPressureTime?", l, StringComparison.Ordinal));
            Assert.Contains("warning PB0101: BenchmarkPressureTime=3 does nothing", log, StringComparison.Ordinal);
            Assert.Contains("BenchmarkPressure=true", log, StringComparison.Ordinal);

            // the run itself went on: the warnings change nothing
            Assert.True(File.Exists(Path.Combine(output, "typo", "performances", "merge_results", "merged.json")), log);
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
    public async Task A_missing_dataset_file_of_one_pod_stops_the_run_before_any_pod_sends_a_request()
    {
        using var plan = new TempPlanProject("missing", "Missing", "MissingFilePlan.cs", MissingFilePlan);
        var project = plan.Folder;
        var output = Path.Combine(Path.GetTempPath(), "podbench-missing-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(0.1) });

            var (exitCode, log) = DotnetCli.Run(
                ["build", plan.ProjectFile, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=missing",
                 "-p:BenchmarkEndpoint=" + server.BaseUrl.ToString().TrimEnd('/')],
                RepoPaths.Root);

            Assert.NotEqual(0, exitCode);
            Assert.True(log.Contains("error PB0102: data/missing-questions.jsonl: file not found (MissingFilePlan.Questions.Path of dataset \"questions\"", StringComparison.Ordinal), log);
            Assert.Contains(Path.Combine(project, "data", "missing-questions.jsonl"), log, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
            Assert.Equal(0, server.Stats.RequestsReceived);
            Assert.False(Directory.Exists(Path.Combine(output, "missing")), "the run folder was created although no pod started");

            // the same plan with the file in place runs both pods
            Directory.CreateDirectory(Path.Combine(project, "data"));
            File.WriteAllLines(Path.Combine(project, "data", "missing-questions.jsonl"), ["{\"question\": \"What is 2+2?\", \"answer\": \"4\"}"]);
            var (fixedExit, fixedLog) = DotnetCli.Run(
                ["build", plan.ProjectFile, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=present",
                 "-p:BenchmarkEndpoint=" + server.BaseUrl.ToString().TrimEnd('/')],
                RepoPaths.Root);
            Assert.True(fixedExit == 0, fixedLog);
            Assert.True(File.Exists(Path.Combine(output, "present", "performances", "chat", "questions_details.jsonl")), fixedLog);
            Assert.True(server.Stats.RequestsReceived > 0);
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
