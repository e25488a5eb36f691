using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Writes the reference-compatible <c>.csv</c> (per-request metric statistics) and <c>.json</c> (global metrics) of
/// a summary, byte for byte as the reference's Python writes them (csv module: CRLF rows; json: indent 4).
/// </summary>
public static class CompatibleFiles
{
    /// <summary>The CSV text: header <c>Performance Parameters,Stage,&lt;statistics&gt;,N</c>, then per metric its stages.</summary>
    public static string CsvText(PerfSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", new[] { "Performance Parameters", "Stage" }.Concat(summary.Statistics).Append("N").Select(CsvField))).Append("\r\n");
        foreach (var row in Rows(summary))
        {
            sb.Append(string.Join(",", row.Select(CsvField))).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>The JSON text: <c>{"&lt;key&gt;": {"&lt;stage&gt;": value}}</c>, indent 4, as Python's <c>json.dump</c>.</summary>
    public static string JsonText(PerfSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var keys = summary.Globals.Select(g => g.Key).Distinct().ToList();
        if (keys.Count == 0)
        {
            return "{}";
        }

        var sb = new StringBuilder("{\n");
        for (var i = 0; i < keys.Count; i++)
        {
            sb.Append("    ").Append(JsonString(keys[i])).Append(": {\n");
            var values = summary.Globals.Where(g => g.Key == keys[i]).ToList();
            for (var j = 0; j < values.Count; j++)
            {
                var g = values[j];
                var text = g.Unit.Length == 0 ? CompatibleFormat.GlobalNumber(g) : JsonString(CompatibleFormat.Global(g));
                sb.Append("        ").Append(JsonString(g.Stage)).Append(": ").Append(text).Append(j + 1 < values.Count ? ",\n" : "\n");
            }

            sb.Append("    }").Append(i + 1 < keys.Count ? ",\n" : "\n");
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Writes <see cref="CsvText"/> to <paramref name="path"/> (UTF-8, no BOM), creating the folder.</summary>
    public static void WriteCsv(PerfSummary summary, string path) => Write(path, CsvText(summary));

    /// <summary>Writes <see cref="JsonText"/> to <paramref name="path"/> (UTF-8, no BOM), creating the folder.</summary>
    public static void WriteJson(PerfSummary summary, string path) => Write(path, JsonText(summary));

    /// <summary>
    /// The metric rows as the reference orders them (each metric, then each of its stages), cells formatted:
    /// name, stage, the statistics, N.
    /// </summary>
    internal static IEnumerable<string[]> Rows(PerfSummary summary)
    {
        var stages = summary.Metrics.Select(m => m.Stage).Distinct().ToList();
        var metrics = summary.Metrics.Select(m => m.Metric).Distinct().ToList();
        foreach (var metric in metrics)
        {
            foreach (var stage in stages)
            {
                var m = summary.Metrics.FirstOrDefault(x => x.Metric == metric && x.Stage == stage);
                if (m is null)
                {
                    continue;
                }

                var cells = new List<string> { m.Metric, m.Stage };
                foreach (var stat in summary.Statistics)
                {
                    var kv = m.Values.FirstOrDefault(v => v.Key == stat);
                    cells.Add(kv.Key is null ? "" : CompatibleFormat.Statistic(m.Kind, kv.Value));
                }

                cells.Add(m.N.ToString(System.Globalization.CultureInfo.InvariantCulture));
                yield return cells.ToArray();
            }
        }
    }

    private static void Write(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        Results.AtomicFile.Write(path, text, overwrite: true);
    }

    private static string CsvField(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>A JSON string as Python's json.dumps writes it (ensure_ascii).</summary>
    internal static string JsonString(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
