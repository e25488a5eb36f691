using System.IO;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>
/// Goodput merged over the union of two pods' requests: the hand-worked records of
/// <see cref="MixedStreamMergeTests"/> (ms): pod 0 streamed S1 E2EL 25 TTFT 10 TPOT 5, S2 42/20/11, S3 51/30/21,
/// S4 52/40/3; pod 1 not streamed (no TTFT, no TPOT) N1 E2EL 60, N2 90, N3 30. Merged duration 110 ms, 7 successful.
/// </summary>
public sealed class GoodputMergeTests
{
    private static MergeOutcome Merge(RunFixture run, GoodputSlo slo)
    {
        MixedStreamMergeTests.WritePods(run);
        return RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, Goodput = slo });
    }

    private static string Extra(PerfSummary s, string key) => CompatibleFormat.Global(s.Extras.Single(g => g.Key == key && g.Stage == "total"));

    [Theory]
    // E2EL <= 51: S1, S2, S3 (exactly at the limit) and N3: 4 / .11 s = 36.3636 req/s; 4 of 7.
    [InlineData(null, null, 51.0, "4", "36.3636 req/s", "57.1429 %")]
    // TTFT <= 30 and TPOT <= 11: S1 and S2 (TPOT exactly 11); S3's TPOT 21 and S4's TTFT 40 miss, and a request
    // without a TTFT cannot meet a TTFT limit: 2 / .11 s = 18.1818 req/s; 2 of 7.
    [InlineData(30.0, 11.0, null, "2", "18.1818 req/s", "28.5714 %")]
    public void Merged_goodput_counts_the_union_of_the_pods(double? ttft, double? tpot, double? e2el, string good, string rate, string share)
    {
        using var run = new RunFixture();
        var outcome = Merge(run, new GoodputSlo { TtftMs = ttft, TpotMs = tpot, E2elMs = e2el });

        Assert.Equal(good, Extra(outcome.Merged, Goodput.CountKey));
        Assert.Equal(rate, Extra(outcome.Merged, Goodput.RateKey));
        Assert.Equal(share, Extra(outcome.Merged, Goodput.ShareKey));
        Assert.DoesNotContain("Good", File.ReadAllText(Path.Combine(outcome.OutputDirectory, "merged.json")), System.StringComparison.Ordinal);
        Assert.DoesNotContain("Good", File.ReadAllText(Path.Combine(outcome.OutputDirectory, "merged.csv")), System.StringComparison.Ordinal);
        Assert.Contains("Goodput", File.ReadAllText(Path.Combine(outcome.OutputDirectory, MergeSummaryDocument.FileName)), System.StringComparison.Ordinal);
    }
}
