using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>
/// Every request counts once, whatever was appended (docs/run-folder.md): a rerun's retry and a request sent twice are
/// counted once and named; a torn last line is skipped and named; a 50 MB details line merges and renders; lines of
/// an attempt no manifest lists do not count.
/// </summary>
public sealed class RecordIdentityTests
{
    [Fact]
    public void Two_attempts_of_a_pod_count_each_request_once_and_the_merge_names_the_duplicates()
    {
        using var run = new RunFixture();
        run.WritePlan(1, 4);
        var layout = new RunLayout(run.RunDir);
        // attempt 1: ids 0..4, id 2 failed; attempt 2 (a rerun): id 2 succeeds, and id 3 is sent again and succeeds.
        var first = Write(layout, 0, [(0, true), (1, true), (2, false), (3, true), (4, true)]);
        var second = Write(layout, 0, [(2, true), (3, true)]);
        // a third attempt nothing lists (e.g. a concurrent writer refused later): its lines must not count
        Write(layout, 0, [(9, true)]);
        Publish(run, layout, 0, [first, second]);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, ExpectedPods = [0] });

        var totals = outcome.Merged.Globals.Where(g => g.Stage == "total").ToDictionary(g => g.Key, g => g.Value);
        Assert.Equal(5, totals["Total Requests"]);
        Assert.Equal(5, totals["Success Requests"]);
        Assert.Equal(0, totals["Failed Requests"]);
        Assert.Equal(
            [new DuplicateRequest("m0", "ds", 0, 2, 0, 2, 1), new DuplicateRequest("m0", "ds", 0, 3, 0, 2, 2)],
            outcome.Document.Duplicates);
        Assert.Contains(outcome.Merged.Notes, n => n.Contains("m0/ds pod 0 request 3: 2 records (2 successful), counted once as its success", StringComparison.Ordinal));
        var summary = File.ReadAllText(Path.Combine(outcome.OutputDirectory, MergeSummaryDocument.FileName));
        Assert.Contains("\"duplicates\"", summary, StringComparison.OrdinalIgnoreCase);

        // the pod's own task view applies the same rule over its own attempts (it would count the unlisted one too)
        var task = TaskSummaries.SummarizeTask(layout, 0, "m0", "ds", new SummaryRequest { Scope = "m0/ds" });
        Assert.Equal(6, task.Globals.Single(g => g.Key == "Total Requests" && g.Stage == "total").Value);
        Assert.Equal(6, task.Globals.Single(g => g.Key == "Success Requests" && g.Stage == "total").Value);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_and_named_by_the_merge()
    {
        using var run = new RunFixture();
        run.WritePlan(1, 4);
        var layout = new RunLayout(run.RunDir);
        var db = Write(layout, 0, [(0, true), (1, true)]);
        File.AppendAllText(layout.DetailsFile("m0", "ds"), "{\"data_abbr\": \"ds\", \"id\": 7, \"succ");
        Publish(run, layout, 0, [db]);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, ExpectedPods = [0] });

        Assert.Equal(2, outcome.Merged.Globals.Single(g => g.Key == "Total Requests" && g.Stage == "total").Value);
        var torn = Assert.Single(outcome.Document.TornLines);
        Assert.Contains("performances/m0/ds_details.jsonl: its last line is half-written (34 bytes", torn, StringComparison.Ordinal);
        Assert.Contains(outcome.Merged.Notes, n => n == torn);
        var merged = File.ReadAllLines(Path.Combine(outcome.OutputDirectory, "merged_details.jsonl"));
        Assert.Equal(2, merged.Length);
        Assert.All(merged, l => System.Text.Json.JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public void A_torn_tail_is_cut_into_a_side_file_named_in_the_message()
    {
        using var run = new Results.TempRun();
        var file = Path.Combine(run.Root, "d_details.jsonl");
        File.WriteAllText(file, "{\"a\":1}\n{\"a\":2}\n{\"a\":");

        var cut = AppendOnlyFile.CutTornTail(file, Path.Combine(run.Root, "locks", "d.lock"));

        Assert.NotNull(cut);
        Assert.Equal(5, cut.Bytes);
        Assert.Equal(file + ".torn", cut.SideFile);
        Assert.Equal("{\"a\":1}\n{\"a\":2}\n", File.ReadAllText(file));
        Assert.Equal("{\"a\":\n", File.ReadAllText(cut.SideFile));
        Assert.Contains(file + ".torn", cut.Describe(), StringComparison.Ordinal);
        Assert.Null(AppendOnlyFile.CutTornTail(file, null));
    }

    [Fact]
    public void A_50_MB_details_line_merges_and_renders()
    {
        using var run = new RunFixture();
        run.WritePlan(1, 4);
        var big = new string('x', 50 * 1024 * 1024);
        run.WritePod(0, [new FixtureRequest(1_000_000, 2_000_000, 3, 1_000_000, 10, 4, Prediction: big), new FixtureRequest(2_000_000, 2_000_000, 3, 1_000_000, 10, 4)], 4);

        var finish = RunFinisher.Finish(new FinishOptions(run.RunDir, false, null), TextWriter.Null);

        Assert.Empty(finish.Errors);
        var merged = Path.Combine(run.RunDir, "performances", "merge_results", "merged_details.jsonl");
        Assert.True(new FileInfo(merged).Length > 50L * 1024 * 1024);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunDir, "performances", "merge_results", "merged.json")));
        Assert.Equal(2, json.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
        Assert.True(File.Exists(Path.Combine(run.RunDir, "report.html")));
    }

    /// <summary>One attempt of pod <paramref name="pod"/> at task m&lt;pod&gt;/ds; returns its db_data file.</summary>
    private static string Write(RunLayout layout, int pod, IReadOnlyList<(long Id, bool Success)> requests)
    {
        var model = "m" + pod;
        var writer = TaskResultWriter.Open(layout, pod, model, "ds");
        foreach (var (id, success) in requests)
        {
            var start = 1_767_225_600_000_000_000 + (id * 10_000_000);
            writer.WriteAsync(new RequestRecord
            {
                ModelAbbr = model,
                DataAbbr = "ds",
                Id = id,
                Uuid = Guid.NewGuid().ToString("N"),
                Pod = pod,
                Success = success,
                ErrorInfo = success ? "" : "HTTP 500",
                TimePointsNs = success ? [start, start + 2_000_000, start + 3_000_000] : [start],
                InputTokens = 10,
                OutputTokens = success ? 2 : 0,
                HttpStatus = success ? 200 : 500,
                Input = "A A A",
                Prediction = "ok",
            }).AsTask().GetAwaiter().GetResult();
        }

        writer.CompleteAsync().GetAwaiter().GetResult();
        return writer.ParquetPath;
    }

    private static void Publish(RunFixture run, RunLayout layout, int pod, IReadOnlyList<string> dbFiles)
    {
        var files = new List<string> { layout.DetailsFile("m" + pod, "ds") };
        files.AddRange(dbFiles);
        if (File.Exists(layout.FailedFile("m" + pod, "ds")))
        {
            files.Add(layout.FailedFile("m" + pod, "ds"));
        }

        var task = new PodTaskFiles("m" + pod, "ds", 4, new PodRecordCounts(5, 5, 0), files);
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        PodManifestWriter.Write(run.RunDir, PodManifest.Create(run.RunDir, pod, RunFixture.PlanHash, new PodClock(1000, 1_767_225_600_000_000_000), started, [task], started.AddMinutes(1), "host-a"));
    }
}
