using System;
using System.Collections.Generic;

namespace PodBench.Fuzz;

/// <summary>What a fuzzing run did.</summary>
public sealed record FuzzReport(string Target, long Iterations, long Accepted, TimeSpan Elapsed, int Seed, IReadOnlyList<Finding> Findings);
