using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>
/// What makes a run's figures invalid or incomplete, for the banner at the top of both reports and of the console
/// summary: a partial merge, staggered pods, a client that did not keep up with its schedule, prompt tokens the server
/// served from its prefix cache, failed SLO gates.
/// </summary>
public static class ReportWarnings
{
    /// <summary>A task whose send lag P99 exceeds this many ms did not keep up with its schedule (as the pod's own warning).</summary>
    public const double MaxSendLagP99Ms = 1;

    /// <summary>A task that achieved less than this share of its target rate did not keep up (as the pod's own warning).</summary>
    public const double MinAchievedShare = 0.95;

    /// <summary>The warnings of a merge, most serious first; empty when the run is valid.</summary>
    public static IReadOnlyList<string> Of(MergeSummaryDocument document)
    {
        var warnings = new List<string>();
        if (document.Partial)
        {
            var missing = document.ExpectedPods.Except(document.MergedPods).ToList();
            warnings.Add($"PARTIAL MERGE: {document.MergedPods.Count} of {document.ExpectedPods.Count} expected pods merged (missing or broken: pod {string.Join(", pod ", missing)}); every figure covers only the merged pods.");
        }

        if (document.Alignment is { Staggered: true, Warning: { } staggered })
        {
            warnings.Add(staggered);
        }

        foreach (var task in document.Tasks)
        {
            if (KeptUp(task) is { } lag)
            {
                warnings.Add($"CLIENT DID NOT KEEP UP in {task.Scope}: {lag}. Sends waited for the client or for a free slot, so latencies measured from the schedule include that wait.");
            }
        }

        if (PromptCache.Warning(document.Merged) is { } cache)
        {
            warnings.Add(cache);
        }

        var failed = document.Gates.Where(g => !g.Passed).ToList();
        if (failed.Count > 0)
        {
            warnings.Add($"SLO GATES: {failed.Count} of {document.Gates.Count} FAIL: {string.Join("; ", failed.Select(g => g.Message))}.");
        }

        return warnings;
    }

    /// <summary>Why <paramref name="task"/> did not keep up with its schedule, or null when it did (or had none).</summary>
    private static string? KeptUp(PerfSummary task)
    {
        double? Extra(string key) => task.Extras.Where(e => e.Key == key && e.Stage == "total").Select(e => (double?)e.Value).FirstOrDefault();
        var reasons = new List<string>();
        if (Extra("Send Lag P99") is { } p99 && p99 > MaxSendLagP99Ms)
        {
            reasons.Add($"send lag P99 was {p99.ToString("0.###", CultureInfo.InvariantCulture)} ms (more than {MaxSendLagP99Ms.ToString(CultureInfo.InvariantCulture)} ms after the schedule)");
        }

        if (Extra("Target Request Rate") is { } target && Extra("Achieved Request Rate") is { } achieved && achieved < MinAchievedShare * target)
        {
            reasons.Add($"achieved {achieved.ToString("0.###", CultureInfo.InvariantCulture)} req/s, below {(MinAchievedShare * 100).ToString(CultureInfo.InvariantCulture)}% of the target {target.ToString("0.###", CultureInfo.InvariantCulture)} req/s");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
