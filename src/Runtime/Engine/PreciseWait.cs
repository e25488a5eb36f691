using System;
using System.Diagnostics;
using System.Threading;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Blocks the calling (dedicated) thread until an absolute <see cref="Stopwatch"/> deadline: a coarse sleep to
/// about 1.5 ms before it, then yielding and spinning, so errors never accumulate across sends.
/// </summary>
internal static class PreciseWait
{
    private static readonly long SpinWindow = Stopwatch.Frequency * 3 / 2000;
    private static readonly long YieldWindow = Stopwatch.Frequency / 10_000;

    public static void Until(long deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > SpinWindow)
            {
                var ms = (int)Math.Min((remaining - SpinWindow) * 1000 / Stopwatch.Frequency, 200);
                if (ms >= 1)
                {
                    if (cancellationToken.WaitHandle.WaitOne(ms))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    continue;
                }
            }

            if (remaining > YieldWindow)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(8);
            }
        }
    }
}
