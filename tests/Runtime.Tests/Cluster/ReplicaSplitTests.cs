using System;
using System.Linq;
using CsCheck;
using PodBench.Runtime.Cluster;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

public sealed class ReplicaSplitTests
{
    [Fact]
    public void Concurrency_shares_worked_by_hand()
    {
        Assert.Equal([4, 3, 3], Enumerable.Range(0, 3).Select(r => ReplicaSplit.SplitConcurrency(10, r, 3)));
        Assert.Equal([1, 1, 0, 0], Enumerable.Range(0, 4).Select(r => ReplicaSplit.SplitConcurrency(2, r, 4)));
        Assert.Equal(100, ReplicaSplit.SplitConcurrency(100, 0, 1));
    }

    [Fact]
    public void Ordinals_worked_by_hand()
    {
        Assert.Equal([1L, 4, 7], ReplicaSplit.OwnedOrdinals(9, 1, 3));
        Assert.True(ReplicaSplit.OwnsOrdinal(7, 1, 3));
        Assert.False(ReplicaSplit.OwnsOrdinal(7, 2, 3));
    }

    [Fact]
    public void Shares_add_up_to_the_total_and_differ_by_at_most_one()
    {
        Gen.Int[0, 100_000].Select(Gen.Int[1, 128]).Sample((total, replicas) =>
        {
            var shares = Enumerable.Range(0, replicas).Select(r => ReplicaSplit.SplitConcurrency(total, r, replicas)).ToArray();
            Assert.Equal(total, shares.Sum());
            Assert.True(shares.Max() - shares.Min() <= 1);
            Assert.Equal(shares, Enumerable.Range(0, replicas).Select(r => ReplicaSplit.SplitConcurrency(total, r, replicas)));
        });
    }

    [Fact]
    public void Replicas_together_send_the_whole_schedule_exactly_once()
    {
        Gen.Int[0, 3_000].Select(Gen.Int[1, 64]).Sample((count, replicas) =>
        {
            var owners = new int[count];
            for (var r = 0; r < replicas; r++)
            {
                var owned = ReplicaSplit.OwnedOrdinals(count, r, replicas).ToArray();
                Assert.Equal(ReplicaSplit.OwnedCount(count, r, replicas), owned.Length);
                foreach (var ordinal in owned)
                {
                    Assert.True(ReplicaSplit.OwnsOrdinal(ordinal, r, replicas));
                    owners[ordinal]++;
                }
            }

            Assert.All(owners, n => Assert.Equal(1, n));
        });
    }

    [Fact]
    public void Bad_replica_indices_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicaSplit.SplitConcurrency(10, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicaSplit.OwnsOrdinal(1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicaSplit.SplitConcurrency(-1, 0, 2));
    }
}
