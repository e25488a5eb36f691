using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>numpy.percentile's default (linear interpolation between closest ranks), written out plainly.</summary>
public static class Numpy
{
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var x = values.OrderBy(v => v).ToArray();
        var r = p / 100.0 * (x.Length - 1);
        var lo = (int)Math.Floor(r);
        var hi = (int)Math.Ceiling(r);
        return x[lo] + (r - lo) * (x[hi] - x[lo]);
    }
}
