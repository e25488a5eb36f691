namespace PodBench.Dsl;

/// <summary>Normal lengths with mean <paramref name="Mean"/> and variance <paramref name="Var"/>, clipped to [Min, Max] (reference: <c>gaussian</c>).</summary>
public sealed record GaussianLength(double Mean, double Var, int MinValue, int MaxValue) : LengthDistribution(MinValue, MaxValue);
