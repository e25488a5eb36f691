namespace PodBench.Runtime.Cluster;

/// <summary>
/// How far one pod's UTC axis is from the reference clock (the shared volume's file server): reference time ≈ the
/// pod's UTC + <see cref="OffsetNs"/>, give or take <see cref="UncertaintyNs"/>.
/// </summary>
/// <param name="OffsetNs">Reference minus local, in ns.</param>
/// <param name="UncertaintyNs">Half-width of the interval the true offset lies in, in ns.</param>
/// <param name="Samples">Probe files written to estimate it.</param>
/// <param name="Method">How it was estimated (<c>file-mtime</c>, with notes when the samples disagreed).</param>
public sealed record ClockSkew(long OffsetNs, long UncertaintyNs, int Samples, string Method)
{
    /// <summary>The offset when nothing was measured: 0, unbounded.</summary>
    public static ClockSkew Unknown { get; } = new(0, long.MaxValue, 0, "unknown");
}
