using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// The console output of a summary, laid out like the reference's <c>tabulate(..., tablefmt="fancy_grid",
/// floatfmt=".2f", numalign="center", stralign="left")</c> tables: the metric table, the common-metric table, and
/// (ours) the content-token metrics, the failure reasons, the extras and notes.
/// </summary>
public static class ConsoleTables
{
    /// <summary>Renders every table of <paramref name="summary"/> as text (lines end with <c>\n</c>).</summary>
    public static string Render(PerfSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = new StringBuilder();
        sb.Append("Performance Results of task [").Append(summary.Scope).Append("]: \n");
        if (summary.Metrics.Count > 0)
        {
            sb.Append(MetricTable("Performance Parameters", summary.Statistics, summary.Metrics));
        }

        if (summary.Globals.Count > 0)
        {
            var rows = summary.Globals.Select(g => new[]
            {
                Cell.Str(g.Key),
                Cell.Str(g.Stage),
                g.Unit.Length > 0 ? Cell.Str(CompatibleFormat.Global(g)) : g.Integer ? Cell.Int((long)Math.Round(g.Value)) : Cell.Float(CompatibleFormat.PyRound(g.Value, 4)),
            }).ToList();
            sb.Append(Table(["Common Metric", "Stage", "Value"], rows));
        }

        if (summary.ContentMetrics.Count > 0)
        {
            // Ours, in a table of its own so that the reference's table and the common-metric table stay as the reference prints them.
            sb.Append(MetricTable("Content-token Metric (PodBench)", summary.Statistics, summary.ContentMetrics));
        }

        if (summary.Turns.Count > 0)
        {
            sb.Append(MetricTable("Per-turn Metric (PodBench)", summary.Statistics, summary.Turns));
        }

        if (summary.Failures.Count > 0)
        {
            sb.Append(Table(["Failure Reason", "Count"], summary.Failures.Select(f => new[] { Cell.Str(f.Reason), Cell.Int(f.Count) }).ToList()));
        }

        if (summary.Extras.Count > 0)
        {
            sb.Append(Table(["Extra Metric (PodBench)", "Stage", "Value"], summary.Extras.Select(g => new[] { Cell.Str(g.Key), Cell.Str(g.Stage), Cell.Str(CompatibleFormat.Global(g)) }).ToList()));
        }

        foreach (var note in summary.Notes)
        {
            sb.Append("Note: ").Append(note).Append('\n');
        }

        return sb.ToString();
    }

    private static string MetricTable(string title, IReadOnlyList<string> statistics, IReadOnlyList<MetricStatistics> metrics)
    {
        var header = new[] { title, "Stage" }.Concat(statistics).Append("N").ToArray();
        var rows = new List<Cell[]>();
        foreach (var m in metrics.Select(m => m.Metric).Distinct().SelectMany(name => metrics.Where(x => x.Metric == name)))
        {
            var cells = new List<Cell> { Cell.Str(m.Metric), Cell.Str(m.Stage) };
            foreach (var stat in statistics)
            {
                var kv = m.Values.FirstOrDefault(v => v.Key == stat);
                cells.Add(kv.Key is null ? Cell.Str("") : m.Kind == MetricKind.Tokens ? Cell.Float(CompatibleFormat.PyRound(kv.Value, 4)) : Cell.Str(CompatibleFormat.Statistic(m.Kind, kv.Value)));
            }

            cells.Add(Cell.Int(m.N));
            rows.Add(cells.ToArray());
        }

        return Table(header, rows);
    }

    /// <summary>One fancy_grid table; column types and alignment follow tabulate.</summary>
    internal static string Table(IReadOnlyList<string> header, IReadOnlyList<Cell[]> rows)
    {
        var columns = header.Count;
        var types = new CellType[columns];
        var texts = new string[rows.Count][];
        for (var c = 0; c < columns; c++)
        {
            var kinds = rows.Select(r => c < r.Length ? r[c].Type : CellType.Str).ToList();
            types[c] = kinds.Count == 0 || kinds.Contains(CellType.Str) ? CellType.Str : kinds.Contains(CellType.Float) ? CellType.Float : CellType.Int;
        }

        for (var r = 0; r < rows.Count; r++)
        {
            texts[r] = new string[columns];
            for (var c = 0; c < columns; c++)
            {
                var cell = c < rows[r].Length ? rows[r][c] : Cell.Str("");
                texts[r][c] = types[c] == CellType.Float && cell.Type != CellType.Str
                    ? CompatibleFormat.PyRound(cell.Number, 2).ToString("F2", CultureInfo.InvariantCulture)
                    : cell.Text.Trim();
            }
        }

        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            widths[c] = Math.Max(header[c].Length + 2, rows.Count == 0 ? 0 : texts.Max(t => t[c].Length));
        }

        var sb = new StringBuilder();
        Line(sb, widths, '╒', '═', '╤', '╕');
        Row(sb, widths, header.ToArray(), types);
        Line(sb, widths, '╞', '═', '╪', '╡');
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0)
            {
                Line(sb, widths, '├', '─', '┼', '┤');
            }

            Row(sb, widths, texts[r], types);
        }

        Line(sb, widths, '╘', '═', '╧', '╛');
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, int[] widths, char begin, char fill, char sep, char end)
    {
        sb.Append(begin);
        for (var c = 0; c < widths.Length; c++)
        {
            sb.Append(c == 0 ? "" : sep.ToString()).Append(fill, widths[c] + 2);
        }

        sb.Append(end).Append('\n');
    }

    private static void Row(StringBuilder sb, int[] widths, string[] cells, CellType[] types)
    {
        sb.Append('│');
        for (var c = 0; c < widths.Length; c++)
        {
            var text = cells[c];
            var pad = widths[c] - text.Length;
            var padded = types[c] == CellType.Str ? text + new string(' ', pad) : new string(' ', pad / 2) + text + new string(' ', pad - (pad / 2));
            sb.Append(c == 0 ? "" : "│").Append(' ').Append(padded).Append(' ');
        }

        sb.Append('│').Append('\n');
    }
}
