using System;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Which requests show the fault: request <c>n</c> (1-based arrival order) does when <c>floor(n * rate)</c> steps up,
/// so a rate of 0.25 hits requests 4, 8, 12, ... and the share is exact over any run.
/// </summary>
internal static class FaultSchedule
{
    /// <summary>True when request <paramref name="ordinal"/> shows the fault at <paramref name="rate"/>.</summary>
    public static bool Affects(long ordinal, double rate)
    {
        if (rate >= 1.0)
        {
            return true;
        }

        if (rate <= 0.0 || double.IsNaN(rate))
        {
            return false;
        }

        const double Epsilon = 1e-9;
        return Math.Floor((ordinal * rate) + Epsilon) > Math.Floor(((ordinal - 1) * rate) + Epsilon);
    }
}
