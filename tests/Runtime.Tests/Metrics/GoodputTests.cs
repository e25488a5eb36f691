using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Tests.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

/// <summary>
/// Goodput over the hand-worked requests of <see cref="SummarizerTests"/> (ms after a common base):
/// <code>
///   R1 E2EL 260  TTFT 100  TPOT 53.33
///   R2 E2EL 180  TTFT  80  TPOT 50
///   R3 E2EL 120  TTFT  90  TPOT 30
///   R4 E2EL 120  TTFT  20  TPOT 0 (one output token)
///   F5 failed: never good, not in the share's denominator.
/// </code>
/// Benchmark Duration 360 ms, 4 successful requests.
/// </summary>
public sealed class GoodputTests
{
    private static async Task<PerfSummary> Summarize(GoodputSlo? slo)
    {
        using var run = new TempRun();
        await SummarizerTests.WriteHandWorkedAsync(run);
        return TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d", MaxConcurrency = 2, Goodput = slo });
    }

    private static string Extra(PerfSummary s, string key) => CompatibleFormat.Global(s.Extras.Single(g => g.Key == key && g.Stage == "total"));

    [Theory]
    // TTFT <= 90 and TPOT <= 50, each met exactly at the limit by R3 and R2: R2, R3, R4 good; 3 / .36 s; 3 of 4.
    [InlineData(90.0, 50.0, null, "3", "8.3333 req/s", "75.0 %")]
    // E2EL <= 150: R3, R4; 2 / .36 s.
    [InlineData(null, null, 150.0, "2", "5.5556 req/s", "50.0 %")]
    // All three: R1 (TTFT 100), R2 (TPOT 50 > 40) and R3 (TTFT 90 > 85) miss; R4 alone; 1 / .36 s.
    [InlineData(85.0, 40.0, 200.0, "1", "2.7778 req/s", "25.0 %")]
    public async Task Goodput_counts_the_requests_meeting_every_given_limit(double? ttft, double? tpot, double? e2el, string good, string rate, string share)
    {
        var s = await Summarize(new GoodputSlo { TtftMs = ttft, TpotMs = tpot, E2elMs = e2el });
        Assert.Equal(good, Extra(s, Goodput.CountKey));
        Assert.Equal(rate, Extra(s, Goodput.RateKey));
        Assert.Equal(share, Extra(s, Goodput.ShareKey));
    }

    [Fact]
    public async Task Goodput_never_enters_the_compatible_files_and_is_absent_without_limits()
    {
        var with = await Summarize(new GoodputSlo { E2elMs = 150 });
        Assert.DoesNotContain("Good", CompatibleFiles.CsvText(with), System.StringComparison.Ordinal);
        Assert.DoesNotContain("Good", CompatibleFiles.JsonText(with), System.StringComparison.Ordinal);
        Assert.Contains("Goodput", ConsoleTables.Render(with), System.StringComparison.Ordinal);
        Assert.Equal(CompatibleFiles.JsonText(await Summarize(null)), CompatibleFiles.JsonText(with));

        var without = await Summarize(null);
        Assert.DoesNotContain(without.Extras, g => g.Key.StartsWith("Good", System.StringComparison.Ordinal));
    }
}
