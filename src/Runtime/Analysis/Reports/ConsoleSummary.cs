using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>
/// The merge's compact console summary: the headline, the validity warnings, one small latency table and a line per
/// task (at most <see cref="MaxTaskLines"/>); every line fits <see cref="MaxWidth"/> columns. The full tables are
/// <see cref="ConsoleTables"/>, printed at <c>BenchmarkVerbosity=detailed</c>.
/// </summary>
public static class ConsoleSummary
{
    /// <summary>No line is wider than this.</summary>
    public const int MaxWidth = 118;

    /// <summary>More tasks than this are summed up in one line.</summary>
    public const int MaxTaskLines = 10;

    private static readonly string[] Latencies = ["TTFT", "ITL", "TPOT", "E2EL"];

    /// <summary>The summary's lines (each ends with <c>\n</c>); <paramref name="skipStaggered"/> leaves out the staggered warning printed before it.</summary>
    public static string Render(MergeSummaryDocument document, bool skipStaggered = false)
    {
        ArgumentNullException.ThrowIfNull(document);
        var merged = document.Merged;
        string G(string key) => merged.Globals.Where(g => g.Key == key && g.Stage == "total").Select(CompatibleFormat.Global).FirstOrDefault() ?? "n/a";
        var lines = new List<string>();
        lines.AddRange(Wrap($"PodBench merged {document.MergedPods.Count} of {document.ExpectedPods.Count} pod(s): {G("Success Requests")} of {G("Total Requests")} requests succeeded ({G("Failed Requests")} failed) in {G("Benchmark Duration")}; {G("Request Throughput")}, {G("Output Token Throughput")} output", ""));
        foreach (var warning in ReportWarnings.Of(document).Where(w => !skipStaggered || w != document.Alignment?.Warning))
        {
            lines.AddRange(Wrap("WARNING: " + warning, "  "));
        }

        var stats = merged.Statistics.Where(s => s is "Average" or "Median" || s.StartsWith('P')).ToList();
        var header = new StringBuilder("Latency  ");
        foreach (var s in stats)
        {
            header.Append(s.PadLeft(12));
        }

        lines.Add(header.Append("N".PadLeft(8)).ToString());
        foreach (var metric in Latencies)
        {
            var m = merged.Metrics.FirstOrDefault(x => x.Metric == metric && x.Stage == "total");
            if (m is null)
            {
                continue;
            }

            var row = new StringBuilder(metric.PadRight(9));
            foreach (var s in stats)
            {
                row.Append(m.Values.Where(v => v.Key == s).Select(v => CompatibleFormat.Statistic(m.Kind, v.Value)).FirstOrDefault("").PadLeft(12));
            }

            lines.Add(row.Append(m.N.ToString(CultureInfo.InvariantCulture).PadLeft(8)).ToString());
        }

        if (document.Tasks.Count > MaxTaskLines)
        {
            lines.Add($"{document.Tasks.Count} tasks: see report.md / report.html for each (or BenchmarkVerbosity=detailed).");
        }
        else if (document.Tasks.Count > 1)
        {
            foreach (var task in document.Tasks)
            {
                lines.Add(Cut("  " + TaskLine(task)));
            }
        }

        foreach (var curve in document.Sweep)
        {
            var levels = string.Join(", ", curve.Points.Select(p => (p.Passed ? "" : "x") + p.Level.ToString("0.###", CultureInfo.InvariantCulture)));
            lines.AddRange(Wrap($"sweep {curve.Model}/{curve.Dataset} ({curve.Dimension} {levels}; x: gates fail): " + (curve.BestTask is { } best ? "best level " + best : "no best level"), "  "));
        }

        return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>
    /// The prefix every one of <paramref name="models"/> shares, cut after a separator ("" when none or only one
    /// model): console lines of a task may print it as "…", so that "[demo-vllm-api-general-chat-test1 x ...]" fits.
    /// </summary>
    public static string SharedPrefix(IReadOnlyList<string> models) => Cli.NamePrefix.Shared(models);

    /// <summary><paramref name="text"/> wrapped at <see cref="MaxWidth"/> columns, each line ending with <c>\n</c>.</summary>
    public static string Fit(string text) => string.Concat(Wrap(text, "  ").Select(l => l + "\n"));

    private static string TaskLine(PerfSummary task)
    {
        string G(string key) => task.Globals.Where(g => g.Key == key && g.Stage == "total").Select(CompatibleFormat.Global).FirstOrDefault() ?? "n/a";
        string P(string metric)
        {
            var m = task.Metrics.FirstOrDefault(x => x.Metric == metric && x.Stage == "total");
            var p = m?.Values.LastOrDefault(v => v.Key.StartsWith('P'));
            return m is null || p?.Key is null ? "" : $", {metric} {p.Value.Key} {CompatibleFormat.Statistic(m.Kind, p.Value.Value)}";
        }

        return $"{G("Success Requests")}/{G("Total Requests")} ok{P("TTFT")}{P("E2EL")}, {G("Output Token Throughput")}: {task.Scope}";
    }

    private static string Cut(string line) => line.Length <= MaxWidth ? line : line[..(MaxWidth - 1)] + "…";

    /// <summary>Words wrapped at <see cref="MaxWidth"/>; a word longer than a line is cut into pieces.</summary>
    private static IEnumerable<string> Wrap(string text, string indent)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = MaxWidth - line.Length - (line.Length > 0 ? 1 : 0);
                if (rest.Length <= room)
                {
                    line.Append(line.Length > 0 ? " " : "").Append(rest);
                    rest = "";
                }
                else if (line.Length > indent.Length && rest.Length <= MaxWidth - indent.Length)
                {
                    yield return line.ToString();
                    line.Clear().Append(indent);
                }
                else
                {
                    line.Append(line.Length > 0 ? " " : "").Append(rest[..Math.Max(1, room)]);
                    rest = rest[Math.Max(1, room)..];
                    yield return line.ToString();
                    line.Clear().Append(indent);
                }
            }
        }

        if (line.ToString().Trim().Length > 0)
        {
            yield return line.ToString();
        }
    }
}
