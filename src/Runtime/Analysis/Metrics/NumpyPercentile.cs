using System;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// numpy's <c>np.percentile(x, p)</c> with the default linear method, split in two: which sorted ranks it reads,
/// and how it interpolates between them, so the ranks can be selected in DuckDB and only two values come back.
/// </summary>
internal static class NumpyPercentile
{
    /// <summary>
    /// The 0-based ranks read for percentile <paramref name="p"/> of <paramref name="n"/> values: <c>q = p / 100</c>,
    /// virtual index <c>(n - 1) * q</c>, its floor and the next rank (clipped to <c>n - 1</c>), and the fraction.
    /// </summary>
    public static (long Lo, long Hi, double Gamma) Ranks(long n, int p)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "A percentile of no values is undefined.");
        }

        var q = p / 100.0;
        var index = (n - 1) * q;
        var lo = Math.Floor(index);
        if (index >= n - 1)
        {
            return (n - 1, n - 1, index - lo);
        }

        return ((long)lo, (long)lo + 1, index - lo);
    }

    /// <summary>numpy's <c>_lerp</c>: <c>a + (b - a) * t</c>, computed from <paramref name="b"/> when <c>t &gt;= 0.5</c>.</summary>
    public static double Lerp(double a, double b, double t)
    {
        var diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}
