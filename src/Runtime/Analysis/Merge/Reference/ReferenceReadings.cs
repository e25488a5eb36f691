using System;
using System.Collections.Generic;
using System.IO;
using PodBench.Runtime.Results.Reference;

namespace PodBench.Runtime.Merge.Reference;

/// <summary>
/// The time points of one reference pod's requests (seconds on the pod's monotonic clock), read from the SQLite
/// db_data files its details lines name: <c>db_data/&lt;db_name&gt;</c>, else <c>tmp/tmp_&lt;db_name&gt;</c> as the
/// reference falls back for a killed run. Each file is read once, when a line first names it.
/// </summary>
internal sealed class ReferenceReadings
{
    private readonly ReferencePodFolder _folder;
    private readonly Dictionary<string, Dictionary<long, double[]>?> _files = new(StringComparer.Ordinal);
    private double _last = double.MinValue;

    public ReferenceReadings(ReferencePodFolder folder) => _folder = folder;

    /// <summary>The array a line points at, or null when its file or blob is missing.</summary>
    public double[]? Of(ReferenceTask task, ReferenceLine line)
    {
        if (line.DbName is null || line.DbRef is null)
        {
            return null;
        }

        if (line.DbName.Length == 0 || line.DbName.IndexOfAny(['/', '\\']) >= 0 || line.DbName is "." or "..")
        {
            throw new MergeException($"{task.DetailsPath}({line.LineNumber}): db_name '{line.DbName}' is not a file name inside db_data/.", []);
        }

        var path = Path.Combine(task.ModelFolder, "db_data", line.DbName);
        if (!File.Exists(path) && File.Exists(Path.Combine(task.ModelFolder, "tmp", "tmp_" + line.DbName)))
        {
            path = Path.Combine(task.ModelFolder, "tmp", "tmp_" + line.DbName);
        }

        if (!_files.TryGetValue(path, out var arrays))
        {
            try
            {
                arrays = File.Exists(path) ? ReferenceDbData.ReadAll(path) : null;
            }
            catch (InvalidDataException e)
            {
                throw new MergeException($"{_folder.Folder}: {e.Message}", []);
            }

            _files[path] = arrays;
        }

        return arrays is not null && arrays.TryGetValue(line.DbRef.Value, out var points) ? points : null;
    }

    /// <summary>The pod's first send: the earliest first time point of any request (failed ones included) of any task.</summary>
    public double FirstSend()
    {
        var first = double.MaxValue;
        foreach (var task in _folder.Tasks)
        {
            foreach (var line in ReferenceLine.Read(task.DetailsPath))
            {
                if (Of(task, line) is { Length: > 0 } points)
                {
                    first = Math.Min(first, points[0]);
                    _last = Math.Max(_last, points[^1]);
                }
            }
        }

        return first == double.MaxValue ? 0 : first;
    }

    /// <summary>From the first send to the pod's last time point (seconds); 0 without any. Call after <see cref="FirstSend"/>.</summary>
    public double SpanSeconds(double firstSend) => _last == double.MinValue ? 0 : _last - firstSend;
}
