using System;
using System.Collections.Generic;
using System.Globalization;

namespace PodBench.Runtime.Cluster;

/// <summary>Not every pod arrived at the start barrier in time; names the pods that did not.</summary>
public sealed class PodBarrierTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for <paramref name="missingPods"/>.</summary>
    public PodBarrierTimeoutException(IReadOnlyList<int> missingPods, TimeSpan timeout, string barrierDirectory, string? detail = null)
        : base(Describe(missingPods, timeout, barrierDirectory, detail))
    {
        MissingPods = missingPods;
        Timeout = timeout;
    }

    /// <summary>The pods that never announced themselves.</summary>
    public IReadOnlyList<int> MissingPods { get; }

    /// <summary>How long this pod waited.</summary>
    public TimeSpan Timeout { get; }

    private static string Describe(IReadOnlyList<int> missing, TimeSpan timeout, string directory, string? detail) =>
        (missing.Count == 1 ? "pod " : "pods ") + string.Join(", ", missing)
        + " never arrived within " + timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        + " (no announcement in " + directory + "; did they start, with the same run name?)"
        + (detail is null ? string.Empty : " " + detail);
}
