namespace PodBench.Dsl;

/// <summary>Uniform lengths in [Min, Max] (reference: <c>uniform</c>; the draw is truncated, as numpy's <c>int(uniform)</c>).</summary>
public sealed record UniformLength(int MinValue, int MaxValue) : LengthDistribution(MinValue, MaxValue);
