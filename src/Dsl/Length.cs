namespace PodBench.Dsl;

/// <summary>Factories of <see cref="LengthDistribution"/>s.</summary>
public static class Length
{
    /// <summary>Exactly <paramref name="value"/>.</summary>
    public static UniformLength Fixed(int value) => new(value, value);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static UniformLength Uniform(int min, int max) => new(min, max);

    /// <summary>Normal(<paramref name="mean"/>, <paramref name="variance"/>) clipped to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static GaussianLength Gaussian(double mean, double variance, int min, int max) => new(mean, variance, min, max);

    /// <summary>Zipf(<paramref name="alpha"/>) clipped to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ZipfLength Zipf(double alpha, int min, int max) => new(alpha, min, max);
}
