namespace PodBench.Dsl;

/// <summary>A distribution of lengths (tokens or words). Build one with <see cref="Length"/>.</summary>
/// <param name="MinValue">Smallest length, 1 .. 2^20.</param>
/// <param name="MaxValue">Largest length, MinValue .. 2^20.</param>
public abstract record LengthDistribution(int MinValue, int MaxValue);
