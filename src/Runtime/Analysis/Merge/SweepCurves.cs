using System.Collections.Generic;
using System.Linq;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Merge;

/// <summary>
/// The merge's sweep results: per plan task, one point per level from that level's merged task summary (throughput,
/// TTFT/TPOT/E2EL statistics), each level's gates checked with <see cref="GateEvaluator"/>, and the best level.
/// </summary>
public static class SweepCurves
{
    /// <summary>The curves of the plan's sweep, or none when the plan has no sweep.</summary>
    public static IReadOnlyList<SweepCurve> Build(PlanDocument? plan, IReadOnlyList<PerfSummary> tasks, IReadOnlyList<GateDocument> gates)
    {
        if (plan?.Sweep is not { } sweep)
        {
            return [];
        }

        var byScope = tasks.ToDictionary(t => t.Scope, System.StringComparer.Ordinal);
        var curves = new List<SweepCurve>();
        var levels = plan.Pods.SelectMany(p => p.Tasks).Where(t => t.Level is not null && t.PlanDataset is not null)
            .Select(t => (t.Model, Plan: t.PlanDataset!, t.Dataset, Level: t.Level!.Value)).Distinct().ToList();
        foreach (var group in levels.GroupBy(l => (l.Model, l.Plan)))
        {
            var points = new List<SweepPoint>();
            var notRun = new List<double>();
            foreach (var level in group.OrderBy(l => l.Level))
            {
                var scope = level.Model + "/" + level.Dataset;
                if (byScope.TryGetValue(scope, out var summary))
                {
                    points.Add(Point(level.Level, scope, summary, gates));
                }
                else
                {
                    notRun.Add(level.Level);
                }
            }

            var best = gates.Count == 0 ? null : points.TakeWhile(p => p.Passed).LastOrDefault();
            curves.Add(new SweepCurve(group.Key.Model, group.Key.Plan, sweep.Dimension, points)
            {
                BestLevel = best?.Level,
                BestTask = best?.Task,
                NotRun = notRun,
            });
        }

        return curves;
    }

    /// <summary>
    /// The gates of a sweep run: at each curve's best level (or, when a curve has none, at its lowest level, which
    /// fails), each result's message naming the level's task. Without gates or curves, <paramref name="merged"/>'s.
    /// </summary>
    public static IReadOnlyList<GateResult> Gates(IReadOnlyList<SweepCurve> curves, IReadOnlyList<PerfSummary> tasks, IReadOnlyList<GateDocument> gates, IReadOnlyList<GateResult> merged)
    {
        if (curves.Count == 0 || gates.Count == 0)
        {
            return merged;
        }

        var results = new List<GateResult>();
        foreach (var curve in curves)
        {
            var task = curve.BestTask ?? curve.Points.FirstOrDefault()?.Task;
            var summary = tasks.FirstOrDefault(t => t.Scope == task);
            if (task is null || summary is null)
            {
                continue;
            }

            results.AddRange(GateEvaluator.Evaluate(summary, gates).Select(r => r with { Name = task + ": " + r.Name, Message = task + ": " + r.Message }));
        }

        return results;
    }

    private static SweepPoint Point(double level, string scope, PerfSummary summary, IReadOnlyList<GateDocument> gates)
    {
        var results = GateEvaluator.Evaluate(summary, gates);
        return new SweepPoint(level, scope, results.All(r => r.Passed))
        {
            RequestThroughput = Global(summary, "Request Throughput"),
            OutputTokenThroughput = Global(summary, "Output Token Throughput"),
            TtftMs = Milliseconds(summary, "TTFT"),
            TpotMs = Milliseconds(summary, "TPOT"),
            E2elMs = Milliseconds(summary, "E2EL"),
            FailedGates = results.Where(r => !r.Passed).Select(r => r.Message).ToList(),
        };
    }

    private static double? Global(PerfSummary summary, string key) =>
        summary.Globals.FirstOrDefault(g => g.Key == key && g.Stage == "total")?.Value;

    private static Dictionary<string, double> Milliseconds(PerfSummary summary, string metric) =>
        summary.Metrics.FirstOrDefault(m => m.Metric == metric && m.Stage == "total")?.Values.ToDictionary(v => v.Key, v => v.Value * 1000, System.StringComparer.Ordinal)
        ?? [];
}
