using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PodBench.Dsl;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>A plan made ready to run: its pods resolved and checked, its folder known.</summary>
public sealed class RunnerContext
{
    private RunnerContext(BenchmarkPlan plan, GeneratedPlan generated, string baseDirectory, IReadOnlyList<PodSpec> pods)
    {
        Plan = plan;
        Generated = generated;
        BaseDirectory = baseDirectory;
        Pods = pods;
    }

    /// <summary>The plan object.</summary>
    public BenchmarkPlan Plan { get; }

    /// <summary>The structure the generator read at compile time.</summary>
    public GeneratedPlan Generated { get; }

    /// <summary>The folder relative paths of the plan (datasets, tokenizers) resolve against.</summary>
    public string BaseDirectory { get; }

    /// <summary>The pods and their tasks, as run.</summary>
    public IReadOnlyList<PodSpec> Pods { get; }

    /// <summary>Resolves and checks <paramref name="plan"/>; throws <see cref="PlanException"/> listing every error.</summary>
    public static RunnerContext Create(BenchmarkPlan plan, GeneratedPlan generated, string baseDirectory)
    {
        var pods = PlanResolver.Resolve(plan);
        if (generated.Pods is { } seen && !SameStructure(seen, pods))
        {
            RunnerDiagnostics.Warning(Console.Error, "the plan's pods at run time differ from what the compiler read; the run-time plan is used.");
        }

        return new RunnerContext(plan, generated, baseDirectory, pods);
    }

    /// <summary>The run options after the per-run overrides.</summary>
    public RunOptions EffectiveRun(RunSettings settings)
    {
        var run = Plan.Run;
        return run with
        {
            Pressure = settings.Pressure ?? run.Pressure,
            PressureTime = settings.PressureTime is { } s ? TimeSpan.FromSeconds(s) : run.PressureTime,
            MaxWorkers = settings.MaxWorkers ?? run.MaxWorkers,
            NumPrompts = settings.NumPrompts ?? run.NumPrompts,
        };
    }

    /// <summary>What <c>list --json</c> prints and <c>plan.json</c> records.</summary>
    public PlanListing Listing(RunSettings settings)
    {
        var run = EffectiveRun(settings);
        var pods = Pods.Select(p => new PodDocument(p.Index, p.Tasks.Select(ToDocument).ToArray())).ToArray();
        var gates = Plan.Summary.Gates.Select(g => new GateDocument(g.Metric.ToString(), g.Statistic.Name, g.Comparison.ToString(), g.Threshold)).ToArray();
        var statistics = Plan.Summary.Statistics.Select(s => s.Name).ToArray();
        var document = new PlanDocument
        {
            PlanType = Generated.PlanType,
            PlanHash = "",
            Pods = pods,
            Statistics = statistics,
            StableStage = Plan.Summary.StableStage,
            Goodput = Plan.Summary.Goodput,
            Gates = gates,
            Pressure = run.Pressure,
            PressureTime = run.PressureTime.TotalSeconds,
            MaxWorkers = run.MaxWorkers,
            Sweep = Plan.Sweep is { } sweep ? new SweepDocument(sweep.Dimension.ToString(), sweep.Levels.ToArray(), sweep.StopAtFailure) : null,
        };
        document = document with { PlanHash = Hash(document) };
        var simulated = Pods.SelectMany(p => p.Tasks).Select(t => t.Model)
            .Where(m => m.IsSimulated && settings.Endpoint is null && !settings.Endpoints.ContainsKey(m.Abbr))
            .Select(m => m.Abbr).Distinct().ToArray();
        return new PlanListing { Plan = document, NeedsSimulator = simulated.Length > 0, SimulatedModels = simulated };
    }

    /// <summary>The model abbrs of the plan.</summary>
    public IReadOnlyCollection<string> ModelAbbrs => Plan.Models.Select(m => m.Abbr).ToArray();

    private static TaskDocument ToDocument(TaskSpec task) => new(
        task.Model.Abbr,
        task.Dataset.Abbr,
        ReplicaSplit.SplitConcurrency(task.Model.Concurrency, task.Replica, task.Replicas),
        task.Model.RequestRate / task.Replicas,
        task.Model.Api.ToString(),
        task.Replica,
        task.Replicas)
    {
        PlanDataset = task.Level is null ? null : task.PlanDataset,
        Level = task.Level?.Value,
        Tools = (task.Model.Tools ?? []).Select(t => t.Name).ToArray(),
        ToolChoice = task.Model.ToolChoice,
    };

    private static string Hash(PlanDocument document)
    {
        var text = new StringBuilder();
        text.Append(document.PlanType).Append('|').Append(string.Join(",", document.Statistics)).Append('|')
            .Append(document.Pressure).Append('|').Append(document.PressureTime.ToString("R", CultureInfo.InvariantCulture)).Append('|').Append(document.MaxWorkers);
        foreach (var pod in document.Pods)
        {
            text.Append("|pod").Append(pod.Index);
            foreach (var t in pod.Tasks)
            {
                text.Append(';').Append(t.Model).Append('/').Append(t.Dataset).Append('/').Append(t.Concurrency).Append('/')
                    .Append(t.RequestRate.ToString("R", CultureInfo.InvariantCulture)).Append('/').Append(t.Api).Append('/').Append(t.Replica).Append('/').Append(t.Replicas);
                if (t.Tools.Count > 0 || t.ToolChoice is not null)
                {
                    // only plans with tools hash them, so every earlier run folder keeps its hash
                    text.Append("/tools:").Append(string.Join(",", t.Tools)).Append('/').Append(t.ToolChoice);
                }
            }
        }

        if (document.Sweep is { } sweep)
        {
            text.Append("|sweep").Append(sweep.Dimension).Append(sweep.StopAtFailure);
        }

        foreach (var g in document.Gates)
        {
            text.Append("|gate").Append(g.Metric).Append(g.Statistic).Append(g.Comparison).Append(g.Threshold.ToString("R", CultureInfo.InvariantCulture));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static bool SameStructure(IReadOnlyList<GeneratedPod> seen, IReadOnlyList<PodSpec> pods) =>
        seen.Count == pods.Count && seen.Zip(pods).All(p =>
            p.First.Tasks.Count == PlanTasks(p.Second).Count()
            && p.First.Tasks.Zip(PlanTasks(p.Second)).All(t => t.First.Model == t.Second.Model.Abbr && t.First.Dataset == t.Second.PlanDataset));

    /// <summary>The pod's tasks as the plan declares them: a sweep's tasks once (its first level), not once per level.</summary>
    private static IEnumerable<TaskSpec> PlanTasks(PodSpec pod) => pod.Tasks.Where(t => t.Level is not { Index: > 0 });
}
