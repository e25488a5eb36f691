using System;
using System.Linq;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Tests.Merge;
using Xunit;
using Xunit.Abstractions;

namespace PodBench.Runtime.Tests.Reports;

public sealed class ConsoleSummaryTests
{
    private readonly ITestOutputHelper _output;

    public ConsoleSummaryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_summary_fits_120_columns_and_opens_with_the_headline_and_the_warnings()
    {
        using var run = new RunFixture();
        var merged = ReportScenarios.Write(ReportScenarios.Mixed, run);

        var lines = ConsoleSummary.Render(merged.Document).TrimEnd('\n').Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        Assert.StartsWith("PodBench merged 3 of 3 pod(s): 75 of 75 requests succeeded (0 failed)", lines[0], StringComparison.Ordinal);
        var warning = Array.FindIndex(lines, l => l.StartsWith("WARNING: CLIENT DID NOT KEEP UP in chat-endpoint-c/mooncake-trace", StringComparison.Ordinal));
        Assert.InRange(warning, 1, 2);
        Assert.True(warning < Array.FindIndex(lines, l => l.StartsWith("Latency ", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains("ok, TTFT P99", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_seed_demos_summary_fits_120_columns_and_keeps_its_two_tasks_apart()
    {
        using var run = new RunFixture();
        var merged = ReportScenarios.Write(ReportScenarios.Seed, run);

        var text = ConsoleSummary.Render(merged.Document);
        _output.WriteLine(text);
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        Assert.StartsWith("PodBench merged 2 of 2 pod(s): 30 of 30 requests succeeded (0 failed)", lines[0], StringComparison.Ordinal);
        var tasks = lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains("ok, TTFT P99", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Contains(tasks, l => l.Contains("test1", StringComparison.Ordinal));
        Assert.Contains(tasks, l => l.Contains("test2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hundred_tasks_take_one_line()
    {
        using var run = new RunFixture();
        var merged = ReportScenarios.Write(ReportScenarios.Hundred, run);

        var lines = ConsoleSummary.Render(merged.Document).TrimEnd('\n').Split('\n');

        Assert.True(lines.Length < 12, string.Join("\n", lines));
        Assert.Contains("100 tasks: see report.md / report.html", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-vllm-api-general-chat-test1/synthetic-test1|demo-vllm-api-general-chat-test2/synthetic-test2|merge_results/merged", "…test1/synthetic-test1|…test2/synthetic-test2|merge_results/merged")]
    [InlineData("m0/ds|m1/ds", "m0…|m1…")]
    [InlineData("same|same", "same|same")]
    public void Labels_drop_what_every_name_shares_and_stay_apart(string names, string expected)
    {
        var list = names.Split('|');

        var labels = ChartLabels.Shorten(list, n => n == "merge_results/merged").Select(l => string.Join(" ", l)).ToList();

        Assert.Equal(expected.Split('|'), labels);
        Assert.All(labels.SelectMany(l => l.Split(' ')), l => Assert.True(l.Length <= ChartLabels.LineChars, l));
    }
}
