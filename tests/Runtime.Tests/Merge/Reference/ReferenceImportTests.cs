using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Merge.Reference;
using Xunit;

namespace PodBench.Runtime.Tests.Merge.Reference;

/// <summary>
/// Two pods written by the reference tool's format (each on its own monotonic clock, pod 1's starting 10^5 s later;
/// pod 0 with failures and a lost blob) imported and merged: counts exact, Max Concurrency summed, percentiles those
/// of the union (hand-computed with numpy's interpolation), durations per the first-send alignment rule.
/// </summary>
public sealed class ReferenceImportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "podbench-import-" + Guid.NewGuid().ToString("N"));

    /// <summary>Pod 0: 10 requests on a clock near 1000 s, batch_size 4: request 3 got HTTP 500, 6 has one time point, 8 lost its blob.</summary>
    internal static List<ReferenceRequest> PodA() => Enumerable.Range(0, 10).Select(i => i switch
    {
        3 => new ReferenceRequest(i, false, "Internal Server Error", []),
        6 => new ReferenceRequest(i, false, "ClientPayloadError: connection reset", [1000.00000037 + (i * 0.05)]),
        8 => new ReferenceRequest(i, true, "", null),
        _ => ReferenceRequest.Streamed(i, 1000.00000037 + (i * 0.05), 0.020 + (i * 0.0031), 5, 0.004 + (i * 0.00021)),
    }).ToList();

    /// <summary>Pod 1: 8 slower requests on a clock 10^5 s later, batch_size 2.</summary>
    internal static List<ReferenceRequest> PodB() => Enumerable.Range(0, 8)
        .Select(i => ReferenceRequest.Streamed(i, 101000.00200037 + (i * 0.11), 0.150 + (i * 0.013), 9, 0.011 + (i * 0.00071)))
        .ToList();

    [Fact]
    public async Task Two_reference_pods_merge_exactly_with_union_percentiles_and_the_first_send_alignment()
    {
        var (a, b) = await WritePodsAsync("vllm-api-stream-chat", "synthetic", "20260101_120003");
        var runDir = Path.Combine(_root, "outputs", "import");

        var pods = ReferenceImport.Stage([a.Folder, b.Folder], runDir);
        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = runDir });

        // Per pod, on its own clock.
        Assert.Equal((10L, 7L, 4), (pods[0].Total, pods[0].Success, pods[0].MaxConcurrency));
        Assert.Equal((8L, 8L, 2), (pods[1].Total, pods[1].Success, pods[1].MaxConcurrency));
        Assert.Contains("batch_size", pods[0].ConcurrencySource, StringComparison.Ordinal);
        Assert.Equal(Math.Round(OwnDurationSeconds(a.Requests) * 1000, 4), pods[0].DurationMs, 6);
        Assert.Equal(Math.Round(OwnDurationSeconds(b.Requests) * 1000, 4), pods[1].DurationMs, 6);
        Assert.Equal(101000.00200037, pods[1].FirstSendSeconds);

        // Counts and Max Concurrency.
        var globals = outcome.Merged.Globals.Where(g => g.Stage == "total").ToDictionary(g => g.Key, g => g.Value);
        Assert.Equal(18, globals["Total Requests"]);
        Assert.Equal(15, globals["Success Requests"]);
        Assert.Equal(3, globals["Failed Requests"]);
        Assert.Equal(6, globals["Max Concurrency"]);
        Assert.Contains(outcome.Merged.Failures, f => f.Reason.Contains("time points missing from db_data", StringComparison.Ordinal));

        // Percentiles of the union, as numpy computes them over every successful request of both pods.
        var union = a.Requests.Concat(b.Requests).Where(r => r.Counts).ToList();
        foreach (var (metric, select) in new (string, Func<ReferenceRequest, double>)[] { ("E2EL", r => r.TimePoints![^1] - r.TimePoints[0]), ("TTFT", r => r.TimePoints![1] - r.TimePoints[0]) })
        {
            var row = outcome.Merged.Metrics.Single(m => m.Metric == metric && m.Stage == "total");
            Assert.Equal(15, row.N);
            foreach (var (stat, p) in new[] { ("Median", 50.0), ("P75", 75.0), ("P90", 90.0), ("P99", 99.0) })
            {
                Assert.Equal(Numpy.Percentile(union.Select(select), p), row.Values.Single(v => v.Key == stat).Value, 8);
            }

            Assert.Equal(union.Average(select), row.Values.Single(v => v.Key == "Average").Value, 8);
        }

        var gaps = union.SelectMany(r => r.TimePoints!.Skip(1).Zip(r.TimePoints!.Skip(2), (x, y) => y - x)).ToList();
        var itl = outcome.Merged.Metrics.Single(m => m.Metric == "ITL" && m.Stage == "total");
        Assert.Equal(Numpy.Percentile(gaps, 99), itl.Values.Single(v => v.Key == "P99").Value, 8);

        // Each pod's first send is 0 on the merged axis: the duration is the longer pod's span, not 10^5 s.
        var starts = union.Select(r => r.TimePoints![0] - FirstSend(a.Requests.Contains(r) ? a.Requests : b.Requests)).ToList();
        var ends = union.Select(r => r.TimePoints![^1] - FirstSend(a.Requests.Contains(r) ? a.Requests : b.Requests)).ToList();
        var duration = ends.Max() - starts.Min();
        Assert.Equal(duration * 1000, globals["Benchmark Duration"], 5);
        Assert.Equal(15 / duration, globals["Request Throughput"], 6);
        Assert.Equal(union.Sum(r => r.TimePoints![^1] - r.TimePoints[0]) / duration, globals["Concurrency"], 6);

        // The CSV keeps the spec's rounding: 4 decimals in seconds, then ms.
        var median = Numpy.Percentile(union.Select(r => r.TimePoints![^1] - r.TimePoints[0]), 50);
        var csv = File.ReadAllLines(Path.Combine(outcome.OutputDirectory, "merged.csv"));
        Assert.Contains(csv, l => l.StartsWith("E2EL,total,", StringComparison.Ordinal) && l.Split(',')[5] == Math.Round(Math.Round(median, 4) * 1000, 4).ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture) + " ms");
        Assert.All(outcome.Document.Pods, p => Assert.StartsWith("imported:", p.HostName, StringComparison.Ordinal));
        Assert.StartsWith("not applicable", outcome.Document.ClockSkew, StringComparison.Ordinal);
        Assert.Equal(a.Folder, PodManifest.Read(PodManifestWriter.ManifestPath(runDir, 0)).ImportedFrom);
    }

    [Fact]
    public async Task The_merge_path_of_MergeBenchmark_and_the_merge_verb_imports_then_merges_and_renders()
    {
        var (a, b) = await WritePodsAsync("m", "d", "20260101_120000");
        var output = Path.Combine(_root, "outputs", "default");
        using var log = new StringWriter();

        var runDir = ReferenceImportRun.Stage(output, null, a.Folder + ";" + b.Folder, log);
        var finished = RunFinisher.Finish(new FinishOptions(runDir), log);

        Assert.Empty(finished.Errors);
        Assert.StartsWith(Path.Combine(output, "import_"), runDir, StringComparison.Ordinal);
        Assert.Contains("pod 1 <- " + b.Folder + ": 8 requests (0 failed)", log.ToString(), StringComparison.Ordinal);
        Assert.Contains(finished.Files, f => f.EndsWith("report.html", StringComparison.Ordinal));
        var merged = File.ReadAllLines(Path.Combine(runDir, "performances", "merge_results", "merged_details.jsonl"));
        Assert.Equal(18, merged.Length);
        Assert.Equal(3, merged.Count(l => l.Contains("\"success\": false", StringComparison.Ordinal)));
        // The merged folder names the reference-format db files its details lines point at.
        var names = merged.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("db_name").GetString()!).Distinct();
        Assert.All(names, n => Assert.True(File.Exists(Path.Combine(runDir, "performances", "merge_results", "db_data", n)), n));

        // Read as the reference's --reuse reads a merged folder (Python's json, sqlite3, NumPy): every request, the
        // merged Benchmark Duration on the shared axis.
        using var reference = System.Text.Json.JsonDocument.Parse(await Results.Reference.DebianPython.RunAsync("read_run.py", runDir, "--merged"));
        Assert.Equal(18, reference.RootElement.GetProperty("requests").GetArrayLength());
        Assert.Equal(3, reference.RootElement.GetProperty("grep_failed").GetInt32());
        var mergedJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "performances", "merge_results", "merged.json")));
        var duration = mergedJson.RootElement.GetProperty("Benchmark Duration").GetProperty("total").GetString()!;
        var referenceDuration = reference.RootElement.GetProperty("figures").GetProperty("Benchmark Duration").GetDouble();
        Assert.EndsWith(" ms", duration, StringComparison.Ordinal);
        Assert.Equal(Math.Round(referenceDuration, 4), double.Parse(duration[..^3], System.Globalization.CultureInfo.InvariantCulture), 9);

        // A second import into the same named run is refused; the first stays as it was.
        var again = Assert.Throws<UsageException>(() => ReferenceImportRun.Stage(output, Path.GetFileName(runDir), a.Folder, log));
        Assert.Contains(runDir, again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_input_is_named_with_its_folder_file_and_line()
    {
        var a = new ReferencePodSpec(Path.Combine(_root, "a", "20260101_120000"), "m", "d", 4, true, PodB());
        await a.WriteAsync();
        var details = Path.Combine(a.Folder, "performances", "m", "d_details.jsonl");
        var lines = File.ReadAllLines(details);
        lines[2] = "{\"data_abbr\": \"d\", \"id\": ";
        File.WriteAllLines(details, lines);

        var broken = Assert.Throws<MergeException>(() => ReferenceImport.Stage([a.Folder], Path.Combine(_root, "r1")));
        Assert.Contains(details + "(3)", broken.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "r1")), "a half-imported run folder was left behind");
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var none = Assert.Throws<MergeException>(() => ReferenceImport.Stage([empty], Path.Combine(_root, "r2")));
        Assert.Contains(empty + " is not an output folder of the reference tool", none.Message, StringComparison.Ordinal);

        // A torn last line (a killed writer, no newline) is skipped like the reference's reader would have to.
        File.WriteAllLines(details, lines.Take(2).Concat(lines.Skip(3)));
        File.AppendAllText(details, "{\"data_abbr\": \"d\", \"id\": 9");
        var pods = ReferenceImport.Stage([a.Folder], Path.Combine(_root, "r3"));
        Assert.Equal(7, pods[0].Total);
    }

    /// <summary>Pod A (batch_size 4) and pod B (batch_size 2, its run folder named <paramref name="podBStamp"/>).</summary>
    private async Task<(ReferencePodSpec A, ReferencePodSpec B)> WritePodsAsync(string model, string dataset, string podBStamp)
    {
        var a = new ReferencePodSpec(Path.Combine(_root, "podA", "20260101_120000"), model, dataset, 4, true, PodA());
        var b = new ReferencePodSpec(Path.Combine(_root, "podB", podBStamp), model, dataset, 2, true, PodB());
        await a.WriteAsync();
        await b.WriteAsync();
        return (a, b);
    }

    private static double FirstSend(IEnumerable<ReferenceRequest> pod) => pod.Where(r => r.TimePoints is { Length: > 0 }).Min(r => r.TimePoints![0]);

    private static double OwnDurationSeconds(IEnumerable<ReferenceRequest> pod)
    {
        var ok = pod.Where(r => r.Counts).ToList();
        return ok.Max(r => r.TimePoints![^1]) - ok.Min(r => r.TimePoints![0]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
