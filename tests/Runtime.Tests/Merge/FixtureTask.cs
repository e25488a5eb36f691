using System.Collections.Generic;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>One task of a fixture pod: its model and dataset abbrs and its requests.</summary>
public sealed record FixtureTask(string Model, string Dataset, IReadOnlyList<FixtureRequest> Requests);
