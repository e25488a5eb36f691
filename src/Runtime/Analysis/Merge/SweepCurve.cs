using System.Collections.Generic;

namespace PodBench.Runtime.Merge;

/// <summary>A sweep of one plan task (model x dataset) over its levels, merged over every pod.</summary>
/// <param name="Model">The model abbr.</param>
/// <param name="Dataset">The dataset abbr as the plan declares it (each level's task adds the level).</param>
/// <param name="Dimension"><c>Concurrency</c> or <c>RequestRate</c>.</param>
/// <param name="Points">The levels that ran, lowest first.</param>
public sealed record SweepCurve(string Model, string Dataset, string Dimension, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>
    /// The best level: the highest whose gates hold with every lower level's holding too; null when the plan has no
    /// gates or the lowest level fails them.
    /// </summary>
    public double? BestLevel { get; init; }

    /// <summary>The best level's task (<c>model/dataset.c8</c>), or null.</summary>
    public string? BestTask { get; init; }

    /// <summary>Levels of the plan that did not run (a search stopped before them).</summary>
    public IReadOnlyList<double> NotRun { get; init; } = [];
}
