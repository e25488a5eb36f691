using System;

namespace PodBench.Fuzz;

/// <summary>An invariant of a target broken by an input (a finding, like a crash).</summary>
public sealed class FuzzFailure(string message) : Exception(message);
