using System.Collections.Generic;

namespace PodBench.Runtime.Engine;

/// <summary>What <see cref="PrometheusText.Parse"/> read: the samples, the declared types, and the lines it could not read.</summary>
/// <param name="Samples">Every sample line read, in order.</param>
/// <param name="Types">The <c># TYPE</c> of each metric family that declares one (counter, gauge, histogram, summary, untyped).</param>
/// <param name="Errors">One text per line that is not of the format, naming the line; those lines are skipped.</param>
public sealed record PrometheusParse(IReadOnlyList<PrometheusSample> Samples, IReadOnlyDictionary<string, string> Types, IReadOnlyList<string> Errors);
