using System.Collections.Generic;

namespace PodBench.Runtime.Planning;

/// <summary>A plan's sweep as written to <c>plan.json</c>.</summary>
/// <param name="Dimension"><c>Concurrency</c> or <c>RequestRate</c>.</param>
/// <param name="Levels">The levels in order.</param>
/// <param name="StopAtFailure">True for a search: the levels after the first whose gates fail are not run.</param>
public sealed record SweepDocument(string Dimension, IReadOnlyList<double> Levels, bool StopAtFailure);
