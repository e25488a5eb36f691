using System;
using System.IO;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Results;

public sealed class RunLayoutTests
{
    private static readonly RunLayout Layout = new("/tmp/run");

    [Fact]
    public void Paths_follow_the_reference_layout()
    {
        Assert.Equal("/tmp/run/performances/vllm-a/syn_1_details.jsonl", Layout.DetailsFile("vllm-a", "syn_1"));
        Assert.Equal("/tmp/run/performances/vllm-a/syn_1_failed.jsonl", Layout.FailedFile("vllm-a", "syn_1"));
        Assert.Equal("/tmp/run/performances/vllm-a/syn_1.csv", Layout.CsvFile("vllm-a", "syn_1"));
        Assert.Equal("/tmp/run/performances/vllm-a/syn_1.json", Layout.JsonFile("vllm-a", "syn_1"));
        Assert.Equal("/tmp/run/performances/vllm-a/db_data", Layout.DbDataFolder("vllm-a"));
        Assert.Equal("/tmp/run/performances/merge_results/merged_details.jsonl", Layout.MergedDetailsFile);
        Assert.Equal("/tmp/run/performances/merge_results/merged.csv", Layout.MergedCsvFile);
        Assert.Equal("/tmp/run/performances/merge_results/merged.json", Layout.MergedJsonFile);
        Assert.Equal("/tmp/run/performances/merge_results/db_data", Layout.MergedDbDataFolder);
        Assert.Equal("/tmp/run/pods/pod-3.json", Layout.PodManifest(3));
        Assert.Equal("/tmp/run/plan.json", Layout.PlanFile);
        Assert.Equal("/tmp/run/report.md", Layout.ReportMarkdown);
        Assert.Equal("/tmp/run/report.html", Layout.ReportHtml);
        Assert.Equal("/tmp/run/logs", Layout.Logs);
        Assert.Equal("/tmp/run/performances/m.v1/db_data/pod0_0a1b2c3d.parquet", Layout.DbParquetFile("m.v1", "pod0_0a1b2c3d"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".hidden")]
    [InlineData("merge_results")]
    [InlineData("MERGE_RESULTS")]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("/etc")]
    [InlineData("x\0y")]
    [InlineData("ünï")]
    public void Abbrs_that_could_escape_or_clash_are_rejected_plainly(string abbr)
    {
        var ex = Assert.Throws<ArgumentException>(() => Layout.DetailsFile(abbr, "d"));
        Assert.Contains("model abbr", ex.Message, StringComparison.Ordinal);
        var ex2 = Assert.Throws<ArgumentException>(() => Layout.CsvFile("m", abbr));
        Assert.Contains("dataset abbr", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_path_stays_inside_the_run()
    {
        foreach (var abbr in new[] { "a", "a.b", "A-1_x", "9" })
        {
            var full = Path.GetFullPath(Layout.DetailsFile(abbr, abbr));
            Assert.StartsWith(Layout.Root + "/performances/", full, StringComparison.Ordinal);
        }
    }
}
