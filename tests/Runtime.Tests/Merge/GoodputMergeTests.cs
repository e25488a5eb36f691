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
    private const long T0 = 1_767_225_600_000_000_000;
    private const long Ms = 1_000_000;

    private static MergeOutcome Merge(RunFixture run, GoodputSlo slo)
    {
        run.WritePlan(pods: 2, concurrency: 2, stable: false);
        run.WritePod(0,
        [
            new FixtureRequest(T0, 10 * Ms, 3, 5 * Ms, 100, 4),
            new FixtureRequest(T0 + (5 * Ms), 20 * Ms, 2, 11 * Ms, 100, 3),
            new FixtureRequest(T0 + (30 * Ms), 30 * Ms, 1, 21 * Ms, 600, 2),
            new FixtureRequest(T0 + (40 * Ms), 40 * Ms, 4, 3 * Ms, 100, 5),
        ], concurrency: 2);
        run.WritePod(1,
        [
            new FixtureRequest(T0 + (2 * Ms), 60 * Ms, 0, 0, 50, 30, Stream: false),
            new FixtureRequest(T0 + (20 * Ms), 90 * Ms, 0, 0, 60, 40, Stream: false),
            new FixtureRequest(T0 + (70 * Ms), 30 * Ms, 0, 0, 70, 20, Stream: false),
        ], concurrency: 2);
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
