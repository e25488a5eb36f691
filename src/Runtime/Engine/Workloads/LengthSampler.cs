using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Draws one length exactly as the reference's <c>sample_one_value</c> does, then <c>int()</c>: uniform is
/// <c>min + (max - min) * U</c> truncated (so max is reached only when min == max), gaussian is
/// <c>normal(mean, sqrt(var))</c> clipped to [min, max] then truncated, zipf is numpy's rejection sampler clipped.
/// </summary>
internal static class LengthSampler
{
    public static int Sample(LengthDistribution distribution, SeededRandom random) => distribution switch
    {
        UniformLength u => (int)Math.Truncate(u.MinValue + ((double)(u.MaxValue - u.MinValue) * random.NextDouble())),
        GaussianLength g => (int)Math.Truncate(Math.Clamp(g.Mean + (Math.Sqrt(g.Var) * random.NextGaussian()), g.MinValue, g.MaxValue)),
        ZipfLength z => (int)Math.Truncate(Math.Clamp(Zipf(z.Alpha, random), z.MinValue, z.MaxValue)),
        _ => throw new ArgumentException($"Unknown length distribution {distribution.GetType().Name}.", nameof(distribution)),
    };

    // numpy's random_zipf (Devroye's rejection method) on our generator.
    internal static double Zipf(double alpha, SeededRandom random)
    {
        var am1 = alpha - 1.0;
        var b = Math.Pow(2.0, am1);
        while (true)
        {
            var u = 1.0 - random.NextDouble();
            var v = random.NextDouble();
            var x = Math.Floor(Math.Pow(u, -1.0 / am1));
            if (x > long.MaxValue || x < 1.0)
            {
                continue;
            }

            var t = Math.Pow(1.0 + (1.0 / x), am1);
            if (v * x * (t - 1.0) / (b - 1.0) <= t / b)
            {
                return x;
            }
        }
    }
}
