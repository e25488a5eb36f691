using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// How a replicated group (<c>PodGroup.Replicas = R</c>) shares its work between its R pods. Every replica computes
/// the whole schedule from the same seed and keeps the ordinals it owns: replica r of R owns r, r + R, r + 2R, ...
/// So the replicas together send exactly the schedule, once, with no coordinator.
/// </summary>
public static class ReplicaSplit
{
    /// <summary>
    /// Replica <paramref name="replica"/>'s share of a total (a concurrency limit, a request count): the total divided
    /// evenly, the remainder going one each to the lowest replicas. The shares add up to the total. A share can be 0
    /// when the total is smaller than <paramref name="replicas"/>; the plan check rejects that for concurrency.
    /// </summary>
    public static int SplitConcurrency(int total, int replica, int replicas)
    {
        Check(replica, replicas);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return (total / replicas) + (replica < total % replicas ? 1 : 0);
    }

    /// <summary>True when replica <paramref name="replica"/> of <paramref name="replicas"/> sends schedule ordinal <paramref name="ordinal"/>.</summary>
    public static bool OwnsOrdinal(long ordinal, int replica, int replicas)
    {
        Check(replica, replicas);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return ordinal % replicas == replica;
    }

    /// <summary>How many of the ordinals 0 .. <paramref name="count"/> - 1 the replica owns (same as <see cref="SplitConcurrency"/>).</summary>
    public static int OwnedCount(int count, int replica, int replicas) => SplitConcurrency(count, replica, replicas);

    /// <summary>The ordinals below <paramref name="count"/> the replica owns, ascending.</summary>
    public static IEnumerable<long> OwnedOrdinals(long count, int replica, int replicas)
    {
        Check(replica, replicas);
        for (long ordinal = replica; ordinal < count; ordinal += replicas)
        {
            yield return ordinal;
        }
    }

    private static void Check(int replica, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(replica);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(replica, replicas);
    }
}
