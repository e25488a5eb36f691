using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace PodBench.Runtime.Results;

/// <summary>
/// Where a pod's scraped server metrics live in the run folder (<c>server_metrics/pod-&lt;i&gt;.jsonl</c>, one JSON line
/// per sample: <c>pod</c>, <c>target</c>, <c>t_ns</c>, <c>name</c>, <c>labels</c>, <c>type</c>, <c>value</c>) and how a line is written.
/// </summary>
public static class ServerMetricsFiles
{
    /// <summary>The folder under the run folder.</summary>
    public const string Folder = "server_metrics";

    /// <summary>The samples file of <paramref name="pod"/>.</summary>
    public static string PodFile(string runDirectory, int pod) =>
        Path.Combine(runDirectory, Folder, "pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>The type of a sample's family (a <c>_total</c>, <c>_created</c>, <c>_bucket</c>, <c>_sum</c> or <c>_count</c> line belongs to its base name); <c>untyped</c> when none is declared.</summary>
    public static string TypeOf(string name, IReadOnlyDictionary<string, string> types)
    {
        if (types.TryGetValue(name, out var type))
        {
            return type;
        }

        foreach (var suffix in new[] { "_total", "_created", "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out type))
            {
                return type;
            }
        }

        return "untyped";
    }

    /// <summary>Labels as Prometheus writes them inside the braces, sorted by name: <c>a="x",b="y"</c>.</summary>
    public static string FormatLabels(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var sorted = new List<KeyValuePair<string, string>>(labels);
        sorted.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(key).Append("=\"")
                .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }

        return text.ToString();
    }
}
