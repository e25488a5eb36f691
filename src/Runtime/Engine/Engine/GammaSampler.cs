using System;

namespace PodBench.Runtime.Engine;

/// <summary>Seeded Gamma(shape, scale) draws (Marsaglia and Tsang; shape below 1 by the boost U^(1/shape)).</summary>
internal sealed class GammaSampler
{
    private readonly Random _random;

    public GammaSampler(int seed) => _random = new Random(seed);

    public double Next(double shape, double scale)
    {
        if (shape <= 0 || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), "gamma shape and scale must be > 0");
        }

        if (shape < 1)
        {
            var u = 1.0 - _random.NextDouble();
            return Next(shape + 1, scale) * Math.Pow(u, 1.0 / shape);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = NextGaussian();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - _random.NextDouble();
            if (u < 1.0 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v * scale;
            }
        }
    }

    private double NextGaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
