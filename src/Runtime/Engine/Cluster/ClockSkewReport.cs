using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// What the barrier files of a run say about the pods' clocks and start: each pod's offset from the shared volume's
/// clock, the bound on how far two pods' timestamps can be apart, and who started late. The merge states it.
/// </summary>
public sealed partial record ClockSkewReport
{
    /// <summary>Pods that announced themselves, by index.</summary>
    public required IReadOnlyList<PodClockSkew> Pods { get; init; }

    /// <summary>Expected pods with no announcement (only when the pod count was given).</summary>
    public required IReadOnlyList<int> MissingPods { get; init; }

    /// <summary>The agreed start on the reference axis, when every expected pod announced itself.</summary>
    public long? StartUtcNs { get; init; }

    /// <summary>
    /// The most two pods' UTC axes can differ, ns: max over pairs of |offset_i - offset_j| + u_i + u_j. It bounds the
    /// error of comparing raw timestamps of two pods. 0 with fewer than two pods.
    /// </summary>
    public long SkewBoundNs { get; init; }

    /// <summary>The same bound after correcting each pod by its offset: max over pairs of u_i + u_j.</summary>
    public long CorrectedBoundNs { get; init; }

    /// <summary>Reads <c>&lt;runDir&gt;/barrier</c>. Without a barrier folder the report is empty (the pods did not use it).</summary>
    /// <param name="runDir">The run folder.</param>
    /// <param name="podCount">The pods the plan has; given, missing ones are named.</param>
    public static ClockSkewReport FromBarrier(string runDir, int? podCount = null)
    {
        var indices = new SortedSet<int>();
        var folder = Path.Combine(runDir, PodBarrier.FolderName);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "pod-*.json"))
            {
                var match = ArrivalName().Match(Path.GetFileName(file));
                if (match.Success)
                {
                    indices.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
        }

        var pods = new List<PodClockSkew>();
        var arrivals = new List<BarrierArrival>();
        foreach (var i in indices)
        {
            var a = PodBarrier.ReadArrival(runDir, i)!;
            var started = PodBarrier.ReadStart(runDir, i);
            arrivals.Add(a);
            pods.Add(new PodClockSkew(i, a.Host, a.Node, a.ClockOffsetNs, a.ClockUncertaintyNs, a.ClockMethod, started?.LateNs, started?.Rerun ?? false));
        }

        var missing = new List<int>();
        for (var i = 0; i < (podCount ?? 0); i++)
        {
            if (!indices.Contains(i))
            {
                missing.Add(i);
            }
        }

        long bound = 0, corrected = 0;
        for (var i = 0; i < pods.Count; i++)
        {
            for (var j = i + 1; j < pods.Count; j++)
            {
                var u = Saturating(pods[i].UncertaintyNs, pods[j].UncertaintyNs);
                corrected = Math.Max(corrected, u);
                bound = Math.Max(bound, Saturating(Math.Abs(pods[i].OffsetNs - pods[j].OffsetNs), u));
            }
        }

        return new ClockSkewReport
        {
            Pods = pods,
            MissingPods = missing,
            StartUtcNs = pods.Count > 0 && missing.Count == 0 ? PodBarrier.StartOf(arrivals) : null,
            SkewBoundNs = bound,
            CorrectedBoundNs = corrected,
        };
    }

    /// <summary>One paragraph for a report: the bound, each pod's offset, late starts and missing pods.</summary>
    public string Describe()
    {
        if (Pods.Count == 0)
        {
            return "Clock skew: unknown (the pods left no barrier files; they were not started with the start barrier).";
        }

        var text = new StringBuilder();
        text.Append(Pods.Count == 1
            ? "Clock skew: one pod, nothing to compare."
            : $"Clock skew: timestamps of two pods differ by at most {Ms(SkewBoundNs)} ms ({Ms(CorrectedBoundNs)} ms after correcting each pod's offset), estimated from file times on the shared volume.");
        text.Append(" Offsets:");
        foreach (var p in Pods)
        {
            text.Append(CultureInfo.InvariantCulture, $" pod {p.Pod} ({p.Node ?? p.Host}) {(p.OffsetNs >= 0 ? "+" : "-")}{Ms(Math.Abs(p.OffsetNs))} ± {Ms(p.UncertaintyNs)} ms;");
        }

        foreach (var p in Pods)
        {
            if (p.LateNs is { } late && late >= 100_000_000)
            {
                text.Append(CultureInfo.InvariantCulture, $" pod {p.Pod} started {Ms(late)} ms after the common start{(p.Rerun ? " (a rerun)" : string.Empty)};");
            }
        }

        if (MissingPods.Count > 0)
        {
            text.Append(" No barrier announcement from pod(s) ").Append(string.Join(", ", MissingPods)).Append(';');
        }

        return text.ToString().TrimEnd(';') + ".";
    }

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static string Ms(long ns) => ns == long.MaxValue ? "unknown" : (ns / 1e6).ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^pod-(\d+)\.json$")]
    private static partial Regex ArrivalName();
}
