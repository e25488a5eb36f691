using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// The decisions of a sweep that searches (<c>UntilGatesFail</c>). After a level every pod reads every pod's records of
/// it (after the level's done barrier, so all of them are on disk) and checks the plan's gates with the merge's code
/// (<see cref="GateEvaluator"/> over the same summary SQL): the same files give every pod the same answer, with no
/// coordinator. A plan task (model x dataset) whose level fails its gates runs no higher level.
/// </summary>
internal sealed class SweepSearch(RunnerContext context, RunLayout layout, bool pressure, IReadOnlyList<GateDocument> gates)
{
    /// <summary>The folder of the sweep's barriers inside the run folder.</summary>
    public const string FolderName = "sweep";

    private readonly HashSet<(string Model, string Dataset)> _failed = [];

    /// <summary>True while some plan task has passed every level so far (or none ran yet).</summary>
    public bool AnyAlive => PlanTasks().Any(t => !_failed.Contains(t));

    /// <summary>The barrier folder of <paramref name="level"/>'s start: the run folder for the first level (its <c>barrier/</c> is the run's start), else <c>sweep/&lt;label&gt;</c>.</summary>
    public static string LevelFolder(RunLayout layout, SweepLevel level) =>
        level.Index == 0 ? layout.Root : Path.Combine(layout.Root, FolderName, level.Label);

    /// <summary>The barrier folder the pods meet at when <paramref name="level"/> is over: <c>sweep/&lt;label&gt;/done</c>.</summary>
    public static string DoneFolder(RunLayout layout, SweepLevel level) => Path.Combine(layout.Root, FolderName, level.Label, "done");

    /// <summary>True when <paramref name="task"/>'s plan task has not failed a level.</summary>
    public bool IsAlive(TaskSpec task) => !_failed.Contains((task.Model.Abbr, task.PlanDataset));

    /// <summary>Checks the gates of every plan task still running on <paramref name="level"/>; returns one line per task.</summary>
    public IReadOnlyList<string> Decide(SweepLevel level)
    {
        var lines = new List<string>();
        foreach (var (model, dataset) in PlanTasks().Where(t => !_failed.Contains(t)).ToList())
        {
            var abbr = level.DatasetAbbr(dataset);
            var shares = context.Pods.SelectMany(p => p.Tasks).Where(t => t.Level?.Index == level.Index && t.Model.Abbr == model && t.PlanDataset == dataset).ToList();
            var (passed, why) = Evaluate(model, abbr, shares);
            if (!passed)
            {
                _failed.Add((model, dataset));
            }

            lines.Add($"sweep {model}/{abbr}: {why}; {(passed ? "the next level runs" : "the search stops here for this task")}");
        }

        return lines;
    }

    private (bool Passed, string Why) Evaluate(string model, string dataset, List<TaskSpec> shares)
    {
        if (!File.Exists(layout.DetailsFile(model, dataset)))
        {
            return (false, "no records of this level");
        }

        var summary = TaskSummaries.SummarizePods(layout, shares.Select(t => t.Pod).Distinct().Order().ToList(), model, dataset, new SummaryRequest
        {
            Scope = model + "/" + dataset,
            Statistics = context.Plan.Summary.Statistics.Select(s => s.Name).ToArray(),
            Stable = context.Plan.Summary.StableStage,
            Goodput = context.Plan.Summary.Goodput,
            MaxConcurrency = shares.Sum(t => ReplicaSplit.SplitConcurrency(t.Model.Concurrency, t.Replica, t.Replicas)),
        }, pressure);
        var results = GateEvaluator.Evaluate(summary, gates);
        var failed = results.Where(r => !r.Passed).ToList();
        return failed.Count == 0
            ? (true, "every gate holds")
            : (false, string.Join("; ", failed.Select(r => r.Message)));
    }

    private IEnumerable<(string Model, string Dataset)> PlanTasks() =>
        context.Pods.SelectMany(p => p.Tasks).Where(t => t.Level is not null).Select(t => (t.Model.Abbr, t.PlanDataset)).Distinct();
}
