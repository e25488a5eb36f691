using System.Globalization;
using PodBench.Dsl;

namespace PodBench.Runtime.Planning;

/// <summary>
/// One level of a plan's <see cref="Sweep"/>: its position, what it sets and the value. A task at a level runs the
/// dataset under the name <c>&lt;dataset&gt;.&lt;label&gt;</c>, e.g. <c>synthetic.c8</c> or <c>synthetic.r2.5</c>.
/// </summary>
/// <param name="Index">The level's position in <see cref="Sweep.Levels"/>, from 0.</param>
/// <param name="Dimension">What the level sets.</param>
/// <param name="Value">The concurrency limit or the request rate (requests/s) of the level.</param>
public sealed record SweepLevel(int Index, SweepDimension Dimension, double Value)
{
    /// <summary>The level's label: <c>c</c> and the concurrency, or <c>r</c> and the rate (at most 3 decimals).</summary>
    public string Label => (Dimension == SweepDimension.Concurrency ? "c" : "r") + Value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The dataset abbr of a task at this level.</summary>
    public string DatasetAbbr(string dataset) => dataset + "." + Label;

    /// <summary>The plan's model with this level's concurrency or rate.</summary>
    public ModelEndpoint Apply(ModelEndpoint model) => Dimension == SweepDimension.Concurrency
        ? model with { Concurrency = (int)Value }
        : model with { RequestRate = Value };
}
