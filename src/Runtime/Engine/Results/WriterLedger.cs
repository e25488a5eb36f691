using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PodBench.Runtime.Results;

/// <summary>
/// A pod's own list of the result writers it opened (<c>pods/pod-&lt;i&gt;.writers.jsonl</c>), one line per task
/// attempt: model, dataset, db_name. A pod finds its db_data files through it, never by listing the db_data folder,
/// which the pods of a replicated group or of a shared model write into at the same time.
/// </summary>
internal static class WriterLedger
{
    private static readonly object Gate = new();

    /// <summary>Records that pod <paramref name="pod"/> opened the writer <paramref name="dbName"/> of a task (before its first file).</summary>
    public static void Record(RunLayout layout, int pod, string modelAbbr, string dataAbbr, string dbName)
    {
        var line = JsonSerializer.Serialize(new Entry(modelAbbr, dataAbbr, dbName)) + "\n";
        lock (Gate)
        {
            using var file = new AppendOnlyFile(layout.WriterLedger(pod));
            file.Append(Encoding.UTF8.GetBytes(line));
        }
    }

    /// <summary>The db_names of pod <paramref name="pod"/>'s attempts at a task, oldest first.</summary>
    public static IReadOnlyList<string> Attempts(RunLayout layout, int pod, string modelAbbr, string dataAbbr)
    {
        var path = layout.WriterLedger(pod);
        if (!File.Exists(path))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            Entry? entry;
            try
            {
                entry = line.Length == 0 ? null : JsonSerializer.Deserialize<Entry>(line);
            }
            catch (JsonException)
            {
                continue; // a torn last line: that writer never opened a file
            }

            if (entry is not null && entry.Model == modelAbbr && entry.Dataset == dataAbbr && !names.Contains(entry.DbName, StringComparer.Ordinal))
            {
                names.Add(entry.DbName);
            }
        }

        return names;
    }

    /// <summary>
    /// The db_data file of each attempt that has one (its Parquet file, else its journal), oldest attempt first;
    /// an attempt that wrote no row has none.
    /// </summary>
    public static IReadOnlyList<string> Files(RunLayout layout, string modelAbbr, IEnumerable<string> dbNames) =>
        dbNames.Select(n => File.Exists(layout.DbParquetFile(modelAbbr, n)) ? layout.DbParquetFile(modelAbbr, n) : layout.DbJournalFile(modelAbbr, n))
            .Where(File.Exists)
            .ToList();

    private sealed record Entry(
        [property: System.Text.Json.Serialization.JsonPropertyName("model")] string Model,
        [property: System.Text.Json.Serialization.JsonPropertyName("dataset")] string Dataset,
        [property: System.Text.Json.Serialization.JsonPropertyName("db_name")] string DbName);
}
