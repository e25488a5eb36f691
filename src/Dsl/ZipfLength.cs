namespace PodBench.Dsl;

/// <summary>Zipf lengths with exponent <paramref name="Alpha"/> in (1, 10], clipped to [Min, Max] (reference: <c>zipf</c>).</summary>
public sealed record ZipfLength(double Alpha, int MinValue, int MaxValue) : LengthDistribution(MinValue, MaxValue);
