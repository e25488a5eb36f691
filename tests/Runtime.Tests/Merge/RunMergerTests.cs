using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

public sealed class RunMergerTests
{
    private const long T0 = 1_767_225_600_000_000_000;

    /// <summary>Pod 0: 20 fast requests; pod 1: 5 slow ones. Skewed on purpose.</summary>
    internal static (List<FixtureRequest> Fast, List<FixtureRequest> Slow) SkewedPods()
    {
        var fast = Enumerable.Range(0, 20)
            .Select(i => new FixtureRequest(T0 + i * 50_000_000L, 10_000_000 + i * 1_000_000L, 9, 2_000_000 + i * 100_000L, 100 + i, 10))
            .ToList();
        var slow = Enumerable.Range(0, 5)
            .Select(i => new FixtureRequest(T0 + 3_000_000 + i * 200_000_000L, 400_000_000 + i * 37_000_000L, 19, 30_000_000 + i * 1_000_000L, 1000, 20))
            .ToList();
        return (fast, slow);
    }

    [Fact]
    public void MergedPercentilesAreThoseOfTheUnionNotTheAverageOfPods()
    {
        using var run = new RunFixture();
        var (fast, slow) = SkewedPods();
        run.WritePlan(pods: 2, concurrency: 4);
        run.WritePod(0, fast, concurrency: 4);
        run.WritePod(1, slow, concurrency: 4);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        var union = fast.Concat(slow).ToList();
        foreach (var (metric, select) in new (string, Func<FixtureRequest, double>)[] { ("TTFT", r => r.TtftSeconds), ("E2EL", r => r.E2elSeconds) })
        {
            var row = outcome.Merged.Metrics.Single(m => m.Metric == metric && m.Stage == "total");
            Assert.Equal(25, row.N);
            foreach (var (stat, p) in new[] { ("Median", 50.0), ("P75", 75.0), ("P90", 90.0), ("P99", 99.0) })
            {
                var expected = Numpy.Percentile(union.Select(select), p);
                var measured = row.Values.Single(v => v.Key == stat).Value;
                Assert.Equal(expected, measured, 9);
                var averageOfPods = (Numpy.Percentile(fast.Select(select), p) + Numpy.Percentile(slow.Select(select), p)) / 2;
                Assert.True(Math.Abs(averageOfPods - measured) > 0.001, $"{stat} {metric}: the merge equals the average of per-pod percentiles");
            }

            Assert.Equal(union.Average(select), row.Values.Single(v => v.Key == "Average").Value, 9);
            Assert.Equal(union.Max(select), row.Values.Single(v => v.Key == "Max").Value, 9);
        }

        var itl = outcome.Merged.Metrics.Single(m => m.Metric == "ITL" && m.Stage == "total");
        var gaps = union.SelectMany(r => Enumerable.Repeat(r.GapNs / 1e9, r.Gaps)).ToList();
        Assert.Equal(Numpy.Percentile(gaps, 99), itl.Values.Single(v => v.Key == "P99").Value, 9);
        Assert.Equal(Numpy.Percentile(gaps, 50), itl.Values.Single(v => v.Key == "Median").Value, 9);

        var globals = outcome.Merged.Globals.Where(g => g.Stage == "total").ToDictionary(g => g.Key, g => g.Value);
        Assert.Equal(8, globals["Max Concurrency"]);
        Assert.Equal(25, globals["Total Requests"]);
        var durationNs = union.Max(r => r.TimePoints()[^1]) - union.Min(r => r.StartNs);
        Assert.Equal(durationNs / 1e6, globals["Benchmark Duration"], 6);
        Assert.Equal(25 / (durationNs / 1e9), globals["Request Throughput"], 9);
        Assert.Equal(union.Sum(r => r.E2elSeconds) / (durationNs / 1e9), globals["Concurrency"], 9);

        var json = File.ReadAllText(Path.Combine(outcome.OutputDirectory, "merged.json"));
        Assert.Contains("\"Max Concurrency\": {\n        \"total\": 8", json, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(outcome.OutputDirectory, "merged.csv"));
        Assert.Equal("Performance Parameters,Stage,Average,Min,Max,Median,P75,P90,P99,N", csv[0]);
        Assert.Equal(2, outcome.Document.Tasks.Count);
        var lines = File.ReadAllLines(Path.Combine(outcome.OutputDirectory, "merged_details.jsonl"));
        Assert.Equal(25, lines.Length);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains(RunFixture.Uuid(0, i), lines[i], StringComparison.Ordinal));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains(RunFixture.Uuid(1, i), lines[20 + i], StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(outcome.OutputDirectory, "db_data", "requests.parquet")));
        Assert.False(outcome.Partial);
    }

    [Fact]
    public void PodsOfAReplicatedGroupShareTheirTaskFileAndEachRequestCountsOnce()
    {
        using var run = new RunFixture();
        run.WritePlan(2, 4, model: "shared");
        var requests = Enumerable.Range(0, 5).Select(i => new FixtureRequest(1_000_000L * i, 2_000_000, 3, 1_000_000, 10, 4)).ToList();
        run.WritePod(0, requests, 2, model: "shared");
        run.WritePod(1, requests.Concat(requests).ToList(), 2, model: "shared");

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, ExpectedPods = [0, 1] });

        Assert.Empty(outcome.Problems);
        Assert.Equal(15, outcome.Merged.Globals.Single(g => g.Key == "Total Requests" && g.Stage == "total").Value);
        Assert.Equal(15, File.ReadAllLines(Path.Combine(outcome.OutputDirectory, "merged_details.jsonl")).Length);
    }

    [Fact]
    public void MissingPodsAreNamedWithTheirStartedState()
    {
        using var run = new RunFixture();
        var (fast, slow) = SkewedPods();
        run.WritePlan(pods: 3, concurrency: 4);
        run.WritePod(0, fast, concurrency: 4);
        run.WritePod(1, slow, concurrency: 4, publish: false);

        var e = Assert.Throws<MergeException>(() => RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir }));

        Assert.Equal(2, e.Problems.Count);
        Assert.StartsWith("pod 1: no manifest at pods/pod-1.json (the pod never finished or never ran); its started marker pods/pod-1.started.json is present", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("started and died", e.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("pod 2: no manifest", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains("absent too, so it never started", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains("1 of 3 expected pods are complete", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.RunDir, "performances", "merge_results")));
    }

    [Fact]
    public void CorruptedShardIsNamedByItsChecksum()
    {
        using var run = new RunFixture();
        var (fast, slow) = SkewedPods();
        run.WritePlan(pods: 2, concurrency: 4);
        run.WritePod(0, fast, concurrency: 4);
        run.WritePod(1, slow, concurrency: 4);
        var details = Path.Combine(run.RunDir, "performances", "m0", "ds_details.jsonl");
        var bytes = File.ReadAllBytes(details);
        bytes[10] ^= 0x01;
        File.WriteAllBytes(details, bytes);
        var parquet = Directory.GetFiles(Path.Combine(run.RunDir, "performances", "m1", "db_data"), "*.parquet").Single();
        File.WriteAllBytes(parquet, File.ReadAllBytes(parquet)[..^5]);

        var e = Assert.Throws<MergeException>(() => RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir }));

        Assert.Equal(2, e.Problems.Count);
        Assert.StartsWith("pod 0: performances/m0/ds_details.jsonl checksum mismatch", e.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("pod 1: performances/m1/db_data/", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains(".parquet has ", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains("truncated", e.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void PlanHashMismatchIsNamed()
    {
        using var run = new RunFixture();
        var (fast, _) = SkewedPods();
        run.WritePlan(pods: 1, concurrency: 4);
        var manifest = run.WritePod(0, fast, concurrency: 4, publish: false);
        PodManifestWriter.Write(run.RunDir, manifest with { PlanHash = "other" });

        var e = Assert.Throws<MergeException>(() => RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir }));

        Assert.StartsWith("pod 0: ran plan other, but this run's plan is abc123", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void PartialMergeMergesWhatIsCompleteAndSaysSo()
    {
        using var run = new RunFixture();
        var (fast, _) = SkewedPods();
        run.WritePlan(pods: 2, concurrency: 4);
        run.WritePod(0, fast, concurrency: 4);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, AllowPartial = true });

        Assert.True(outcome.Partial);
        Assert.Equal([0], outcome.Document.MergedPods);
        Assert.StartsWith("pod 1: no manifest", Assert.Single(outcome.Problems), StringComparison.Ordinal);
        Assert.StartsWith("PARTIAL MERGE: 1 of 2 expected pods merged", outcome.Merged.Notes[0], StringComparison.Ordinal);
        Assert.Equal(2, outcome.Merged.Extras.Single(e => e.Key == "Pods Expected").Value);
        Assert.Equal(1, outcome.Merged.Extras.Single(e => e.Key == "Pods Merged").Value);
        Assert.Equal(20, outcome.Merged.Globals.Single(g => g.Key == "Total Requests" && g.Stage == "total").Value);
    }

    [Fact]
    public void MergingTwiceWritesIdenticalFiles()
    {
        using var run = new RunFixture();
        var (fast, slow) = SkewedPods();
        run.WritePlan(pods: 2, concurrency: 4);
        run.WritePod(0, fast, concurrency: 4);
        run.WritePod(1, slow.Append(new FixtureRequest(0, 0, 0, 0, 5, 0, Success: false, Error: "HTTP 500")).ToList(), concurrency: 4);
        var names = new[] { "merged.csv", "merged.json", "merged_details.jsonl", MergeSummaryDocument.FileName };

        var first = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });
        var before = names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(first.OutputDirectory, n)));
        var second = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        foreach (var name in names)
        {
            Assert.Equal(before[name], File.ReadAllBytes(Path.Combine(second.OutputDirectory, name)));
        }

        Assert.Equal("HTTP 500", Assert.Single(second.Merged.Failures).Reason);
        Assert.Equal(1, second.Merged.Globals.Single(g => g.Key == "Failed Requests" && g.Stage == "total").Value);
        var back = MergeSummaryDocument.Read(Path.Combine(second.OutputDirectory, MergeSummaryDocument.FileName));
        Assert.Equal(second.Merged.Metrics.Count, back.Merged.Metrics.Count);
        Assert.All(second.Merged.Metrics.Zip(back.Merged.Metrics), p => Assert.All(p.First.Values.Zip(p.Second.Values), v =>
        {
            Assert.Equal(v.First.Key, v.Second.Key);
            Assert.Equal(v.First.Value, v.Second.Value, 1e-9 * Math.Max(1, Math.Abs(v.First.Value)));
        }));
    }

    [Fact]
    public void FailingGateIsNamedInJUnit()
    {
        using var run = new RunFixture();
        var (fast, slow) = SkewedPods();
        run.WritePlan(pods: 2, concurrency: 4, gates:
        [
            new GateDocument("TTFT", "P99", "AtMost", 100),
            new GateDocument("FailedRequests", "Average", "AtMost", 0),
            new GateDocument("TTFT", "P95", "AtMost", 100),
        ]);
        run.WritePod(0, fast, concurrency: 4);
        run.WritePod(1, slow, concurrency: 4);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        Assert.False(outcome.Gates[0].Passed);
        Assert.True(outcome.Gates[1].Passed);
        Assert.False(outcome.Gates[2].Passed);
        Assert.Contains("add P95 to the plan's statistics", outcome.Gates[2].Message, StringComparison.Ordinal);
        var xml = XDocument.Load(outcome.JUnitPath!);
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("slo-gates", suite.Attribute("name")!.Value);
        Assert.Equal("2", suite.Attribute("failures")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("P99 TTFT <= 100 ms", cases[0].Attribute("name")!.Value);
        var p99 = Numpy.Percentile(fast.Concat(slow).Select(r => r.TtftSeconds * 1000), 99);
        Assert.Equal($"P99 TTFT measured {Math.Round(p99, 4):0.####} ms, threshold <= 100 ms: FAIL", cases[0].Element("failure")!.Attribute("message")!.Value);
        Assert.Null(cases[1].Element("failure"));
    }

    [Fact]
    public void StableStageOfTheMergeUsesTheLimitSummedOverPods()
    {
        using var run = new RunFixture();
        static List<FixtureRequest> ClosedLoop(long offsetNs) => Enumerable.Range(0, 20)
            .Select(i => new FixtureRequest(T0 + offsetNs + (i / 2) * 100_000_000L + (i % 2) * 7_000_000L, 15_000_000, 8, 10_000_000, 50, 9))
            .ToList();
        run.WritePlan(pods: 2, concurrency: 2);
        run.WritePod(0, ClosedLoop(0), concurrency: 2);
        run.WritePod(1, ClosedLoop(3_000_000), concurrency: 2);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        var stable = outcome.Merged.Globals.Where(g => g.Stage == "stable").ToDictionary(g => g.Key, g => g.Value);
        Assert.Equal(4, stable["Max Concurrency"]);
        Assert.True(stable["Concurrency"] <= 4);
        Assert.InRange(stable["Success Requests"], 1, 39);
        Assert.Contains(outcome.Merged.Metrics, m => m.Metric == "E2EL" && m.Stage == "stable");
        Assert.All(outcome.Document.Tasks, t => Assert.Equal(2, t.Globals.First(g => g.Key == "Max Concurrency").Value));
    }
}
