using System.Collections.Generic;

namespace PodBench.Dsl;

/// <summary>
/// A benchmark plan: the model endpoints, the datasets, how they are grouped into pods, and how the run
/// is summarized. Derive from it, mark the class with <see cref="BenchmarkPlanAttribute"/>, and declare
/// endpoints and datasets as <c>static readonly</c> fields so that the compiler can check them.
/// </summary>
public abstract class BenchmarkPlan
{
    /// <summary>Every model endpoint of the plan; each abbr must be unique.</summary>
    public abstract IReadOnlyList<ModelEndpoint> Models { get; }

    /// <summary>Every dataset of the plan; each abbr must be unique.</summary>
    public abstract IReadOnlyList<Dataset> Datasets { get; }

    /// <summary>
    /// The pods and their tasks (the reference's <c>model_dataset_combinations</c>): pod <c>i</c> runs every
    /// model x dataset pair of group <c>i</c>. Empty (the default) means one pod running every model with
    /// every dataset.
    /// </summary>
    public virtual IReadOnlyList<PodGroup> Pods => new PodGroup[0];

    /// <summary>Run options: pressure mode, parallel tasks, warm-up, number of prompts.</summary>
    public virtual RunOptions Run => RunOptions.Default;

    /// <summary>Which statistics are reported and which SLO gates must hold.</summary>
    public virtual SummaryOptions Summary => SummaryOptions.Default;

    /// <summary>Scraping the server's Prometheus metrics during the run (e.g. <c>ServerMetrics.Scrape("/metrics", TimeSpan.FromSeconds(1))</c>); null (the default) scrapes nothing.</summary>
    public virtual ServerMetrics? ServerMetrics => null;

    /// <summary>
    /// A sweep of every task over load levels (e.g. <c>Sweep.Concurrency(2, 4, 8, 16, 32)</c>), each level its own stage
    /// and task; null (the default) runs each task once at its model's own concurrency and rate.
    /// </summary>
    public virtual Sweep? Sweep => null;

    /// <summary>The latency model and fault modes of the built-in simulated server.</summary>
    public virtual SimulatorOptions Simulator => SimulatorOptions.Default;
}
