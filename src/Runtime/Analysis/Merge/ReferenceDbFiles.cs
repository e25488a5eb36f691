using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Results.Reference;

namespace PodBench.Runtime.Merge;

/// <summary>The reference-format db_data files of a run's pods (<see cref="ReferenceDbData"/>).</summary>
internal static class ReferenceDbFiles
{
    /// <summary>
    /// The reference-format files the verified <paramref name="pods"/> list (absolute paths), which the merge keeps
    /// beside the merged details so that the reference's own <c>--reuse</c> reads <c>merge_results</c> too.
    /// </summary>
    public static IReadOnlyList<string> Listed(string runDir, IEnumerable<PodManifest> pods) => pods
        .SelectMany(p => p.Tasks).SelectMany(t => t.Files)
        .Where(f => f.Kind == ReferenceDbData.ManifestKind)
        .Select(f => Path.GetFullPath(Path.Combine(runDir, f.Path)))
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
