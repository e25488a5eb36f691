using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Writes the reference-compatible <c>.csv</c> and <c>.json</c> of a summary (outputs.md, metrics.md "Formatting"):
/// 4 decimals in seconds then ms, Python float text, units in the values. The merge's stand-in until
/// src/Runtime/Results' CompatibleFiles lands.
/// </summary>
internal static class CompatibleText
{
    public static void WriteCsv(PerfSummary summary, string path)
    {
        var sb = new StringBuilder();
        sb.Append("Performance Parameters,Stage,").Append(string.Join(",", summary.Statistics)).Append(",N\n");
        foreach (var m in summary.Metrics)
        {
            sb.Append(m.Metric).Append(',').Append(m.Stage);
            foreach (var (_, value) in m.Values)
            {
                sb.Append(',').Append(FormatMetric(value, m.Kind));
            }

            sb.Append(',').Append(m.N.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        WriteAtomically(path, sb.ToString());
    }

    public static void WriteJson(PerfSummary summary, string path)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var group in summary.Globals.Concat(summary.Extras).GroupBy(g => g.Key))
        {
            sb.Append(first ? "\n" : ",\n").Append("    ").Append(Quote(group.Key)).Append(": {");
            first = false;
            var firstStage = true;
            foreach (var g in group)
            {
                sb.Append(firstStage ? "\n" : ",\n").Append("        ").Append(Quote(g.Stage)).Append(": ").Append(FormatGlobalJson(g));
                firstStage = false;
            }

            sb.Append("\n    }");
        }

        sb.Append("\n}");
        WriteAtomically(path, sb.ToString());
    }

    /// <summary>A per-request statistic as the CSV writes it (<c>12300.2 ms</c>, <c>512.0</c>, <c>41.6254 token/s</c>).</summary>
    public static string FormatMetric(double value, MetricKind kind) => kind switch
    {
        MetricKind.Time => PyFloat(Math.Round(Math.Round(value, 4, MidpointRounding.ToEven) * 1000, 4, MidpointRounding.ToEven)) + " ms",
        MetricKind.TokenRate => PyFloat(Math.Round(value, 4, MidpointRounding.ToEven)) + " token/s",
        _ => PyFloat(Math.Round(value, 4, MidpointRounding.ToEven)),
    };

    /// <summary>A global value as the JSON holds it: a string with its unit, or a bare number.</summary>
    public static string FormatGlobal(GlobalValue g) => g.Unit switch
    {
        "" when IsCount(g.Key) => ((long)Math.Round(g.Value)).ToString(CultureInfo.InvariantCulture),
        "" => PyFloat(Math.Round(g.Value, 4, MidpointRounding.ToEven)),
        _ => PyFloat(Math.Round(g.Value, 4, MidpointRounding.ToEven)) + " " + g.Unit,
    };

    /// <summary>Python's <c>str(float)</c>: shortest round-trip text, keeping <c>.0</c>.</summary>
    public static string PyFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            var decimalText = value.ToString("0.################", CultureInfo.InvariantCulture);
            if (Math.Abs(value) >= 1e-4 && Math.Abs(value) < 1e16)
            {
                text = decimalText;
            }
            else
            {
                return text.Replace("E", "e", StringComparison.Ordinal);
            }
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static bool IsCount(string key) => key is "Total Requests" or "Failed Requests" or "Success Requests" or "Max Concurrency"
        or "Total Input Tokens" or "Total Generated Tokens" or "Scheduled Requests" or "Pods Expected" or "Pods Merged";

    private static string FormatGlobalJson(GlobalValue g)
    {
        var text = FormatGlobal(g);
        return g.Unit.Length > 0 ? Quote(text) : text;
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static void WriteAtomically(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }
}
