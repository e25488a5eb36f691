using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// The seed's two-pod example driven through a real <c>dotnet build -t:RunBenchmark</c> against the built-in
/// simulated server, then <c>MergeBenchmark</c> on the same run. One run is shared by the tests of this class.
/// </summary>
public sealed class EndToEndTests : IClassFixture<EndToEndTests.SeedRun>
{
    private const string Model1 = "demo-vllm-api-general-chat-test1";
    private const string Model2 = "demo-vllm-api-general-chat-test2";
    private readonly SeedRun _run;

    public EndToEndTests(SeedRun run) => _run = run;

    [Fact]
    public void The_build_succeeds_and_prints_each_task_and_the_merge()
    {
        Assert.True(_run.ExitCode == 0, _run.Output);
        Assert.Contains("[pod 0]", _run.Output);
        Assert.Contains("[pod 1]", _run.Output);
        Assert.Contains("TTFT", _run.Output);
        Assert.Contains("merge_results", _run.Output);
    }

    [Fact]
    public void The_console_fits_120_columns_shows_one_merged_summary_and_ends_with_the_report()
    {
        Assert.True(_run.ExitCode == 0, _run.Output);
        var lines = _run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // MSBuild's own warning and error lines stay as MSBuild prints them
        var ours = lines.Where(l => !l.Contains(": warning ", StringComparison.Ordinal) && !l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.All(ours, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}\n{_run.Output}"));
        Assert.True(lines.Count < 80, $"{lines.Count} lines\n{_run.Output}");
        // the per-pod tables are behind BenchmarkVerbosity=detailed; the merge prints one compact summary
        Assert.DoesNotContain("Performance Results of task", _run.Output, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("PodBench merged 2 of 2 pod(s):", StringComparison.Ordinal));
        var report = lines.FindLastIndex(l => l.Contains("PodBench report: ", StringComparison.Ordinal));
        Assert.True(report >= 0, _run.Output);
        Assert.EndsWith(Path.Combine(_run.RunDirectory, "report.html"), lines[report].Trim(), StringComparison.Ordinal);
        // after it only MSBuild's own summary, which repeats the warnings (the seed demo's identical prompts)
        var summary = lines.FindIndex(report, l => l.StartsWith("Build succeeded", StringComparison.Ordinal));
        Assert.True(summary > report, _run.Output);
        Assert.DoesNotContain(lines.Skip(report + 1).Take(summary - report - 1), l => l.Contains("PodBench", StringComparison.Ordinal) || l.Contains("[pod ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_compatible_file_is_written()
    {
        var perf = Path.Combine(_run.RunDirectory, "performances");
        foreach (var (model, dataset) in new[] { (Model1, "synthetic-test1"), (Model2, "synthetic-test2") })
        {
            foreach (var suffix in new[] { "_details.jsonl", ".csv", ".json" })
            {
                Assert.True(File.Exists(Path.Combine(perf, model, dataset + suffix)), $"{model}/{dataset}{suffix} missing\n{_run.Output}");
            }

            Assert.NotEmpty(Directory.GetFiles(Path.Combine(perf, model, "db_data"), "*.parquet"));
        }

        var merge = Path.Combine(perf, "merge_results");
        foreach (var file in new[] { "merged_details.jsonl", "merged.csv", "merged.json" })
        {
            Assert.True(File.Exists(Path.Combine(merge, file)), file + " missing");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(merge, "db_data")));
        Assert.True(File.Exists(Path.Combine(_run.RunDirectory, "report.md")));
        Assert.True(File.Exists(Path.Combine(_run.RunDirectory, "report.html")));
        Assert.True(File.Exists(Path.Combine(_run.RunDirectory, "pods", "pod-0.json")));
        Assert.True(File.Exists(Path.Combine(_run.RunDirectory, "pods", "pod-1.json")));
    }

    [Fact]
    public void The_runner_gets_the_props_runtime_settings_server_GC_without_DATAS_and_without_dynamic_PGO()
    {
        var config = Path.Combine(Path.GetDirectoryName(RepoPaths.MultiPodProject)!, "bin", "Debug", "net10.0", "MultiPod.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public void Each_pod_manifest_records_the_polling_BenchmarkBusyPoll_gave_its_socket_loop()
    {
        foreach (var pod in new[] { 0, 1 })
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.RunDirectory, "pods", $"pod-{pod}.json")));
            Assert.Equal(SeedRun.BusyPoll, manifest.RootElement.GetProperty("busy_poll_microseconds").GetInt64());
        }
    }

    [Fact]
    public void Each_pod_manifest_records_how_long_its_stamped_events_waited_to_be_read()
    {
        foreach (var pod in new[] { 0, 1 })
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.RunDirectory, "pods", $"pod-{pod}.json")));
            var task = Assert.Single(manifest.RootElement.GetProperty("tasks").EnumerateArray());
            var delay = task.GetProperty("read_delay");
            Assert.True(delay.GetProperty("count").GetInt64() > 0);
            Assert.InRange(delay.GetProperty("p50_us").GetDouble(), 0, delay.GetProperty("max_us").GetDouble());
        }
    }

    [Fact]
    public void The_merge_counts_every_request_of_both_pods()
    {
        using var merged = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.RunDirectory, "performances", "merge_results", "merged.json")));
        Assert.Equal(30, merged.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
        Assert.Equal(30, merged.RootElement.GetProperty("Success Requests").GetProperty("total").GetInt32());
        Assert.Equal(0, merged.RootElement.GetProperty("Failed Requests").GetProperty("total").GetInt32());
        Assert.Equal(200, merged.RootElement.GetProperty("Max Concurrency").GetProperty("total").GetInt32());
        Assert.EndsWith(" ms", merged.RootElement.GetProperty("Benchmark Duration").GetProperty("total").GetString());

        var lines = File.ReadAllLines(Path.Combine(_run.RunDirectory, "performances", "merge_results", "merged_details.jsonl"));
        Assert.Equal(30, lines.Length);
    }

    [Fact]
    public void The_merged_csv_has_the_compatible_header_and_rows()
    {
        var csv = File.ReadAllLines(Path.Combine(_run.RunDirectory, "performances", "merge_results", "merged.csv"));
        Assert.Equal("Performance Parameters,Stage,Average,Min,Max,Median,P75,P90,P99,N", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("E2EL,total,", StringComparison.Ordinal) && l.EndsWith(",30", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("TTFT,total,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("OutputTokens,total,", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_task_json_reports_its_own_requests()
    {
        using var test1 = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.RunDirectory, "performances", Model1, "synthetic-test1.json")));
        using var test2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.RunDirectory, "performances", Model2, "synthetic-test2.json")));
        Assert.Equal(10, test1.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
        Assert.Equal(20, test2.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
        Assert.Equal(100, test1.RootElement.GetProperty("Max Concurrency").GetProperty("total").GetInt32());
    }

    [Fact]
    public void The_pods_leave_their_task_summary_to_the_merge_record_their_timings_and_the_report_says_where_the_time_went()
    {
        Assert.True(_run.ExitCode == 0, _run.Output);
        foreach (var pod in new[] { 0, 1 })
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_run.RunDirectory, "pods", $"pod-{pod}.json")));
            // RunBenchmark passes --merge-follows: the task's .csv/.json (Every_compatible_file_is_written) are the merge's
            var files = manifest.RootElement.GetProperty("tasks").EnumerateArray().SelectMany(t => t.GetProperty("files").EnumerateArray()).Select(f => f.GetProperty("path").GetString()!).ToList();
            Assert.Contains(files, f => f.EndsWith("_details.jsonl", StringComparison.Ordinal));
            Assert.DoesNotContain(files, f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal));
            var timings = manifest.RootElement.GetProperty("timings");
            Assert.True(timings.GetProperty("cpu_before_seconds").GetDouble() > 0, manifest.RootElement.ToString());
            Assert.True(timings.GetProperty("load_ended_utc_ns").GetInt64() > timings.GetProperty("process_started_utc_ns").GetInt64(), manifest.RootElement.ToString());
        }

        Assert.Contains("Wall time: ", File.ReadAllText(Path.Combine(_run.RunDirectory, "report.md")), StringComparison.Ordinal);
        // the tasks ran in the build node from a folder of this build of the tasks
        var stage = Path.Combine(Path.GetDirectoryName(RepoPaths.MultiPodProject)!, "obj", "podbench-tasks");
        Assert.Contains(Directory.GetDirectories(stage), d => long.TryParse(Path.GetFileName(d), out _) && File.Exists(Path.Combine(d, "PodBench.Build.dll")));
    }

    [Fact]
    public void MergeBenchmark_rerenders_the_same_numbers_without_sending()
    {
        var mergedCsv = Path.Combine(_run.RunDirectory, "performances", "merge_results", "merged.csv");
        var before = File.ReadAllText(mergedCsv);
        var detailsBefore = Directory.GetFiles(Path.Combine(_run.RunDirectory, "performances"), "*_details.jsonl", SearchOption.AllDirectories)
            .Where(f => !f.Contains("merge_results", StringComparison.Ordinal)).Sum(f => File.ReadAllLines(f).Length);

        var (exitCode, output) = DotnetCli.Run(
            ["build", RepoPaths.MultiPodProject, "-t:MergeBenchmark", "-nologo", $"-p:BenchmarkOutput={_run.OutputRoot}", "-p:BenchmarkRun=e2e"],
            RepoPaths.Root);

        Assert.True(exitCode == 0, output);
        Assert.Equal(before, File.ReadAllText(mergedCsv));
        var detailsAfter = Directory.GetFiles(Path.Combine(_run.RunDirectory, "performances"), "*_details.jsonl", SearchOption.AllDirectories)
            .Where(f => !f.Contains("merge_results", StringComparison.Ordinal)).Sum(f => File.ReadAllLines(f).Length);
        Assert.Equal(detailsBefore, detailsAfter);
    }

    /// <summary>Runs the example once for the whole class.</summary>
    public sealed class SeedRun : IDisposable
    {
        public SeedRun()
        {
            OutputRoot = Path.Combine(Path.GetTempPath(), "podbench-e2e-" + Guid.NewGuid().ToString("N")[..8]);
            RunDirectory = Path.Combine(OutputRoot, "e2e");
            (ExitCode, Output) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={OutputRoot}", "-p:BenchmarkRun=e2e", $"-p:BenchmarkBusyPoll={BusyPoll}"],
                RepoPaths.Root);
        }

        /// <summary>A short polling window, so the run shows the property reaching each pod's socket loop.</summary>
        public static int BusyPoll => 1500;

        public string OutputRoot { get; }

        public string RunDirectory { get; }

        public int ExitCode { get; }

        public string Output { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(OutputRoot, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean; the test result does not depend on it.
            }
        }
    }
}
