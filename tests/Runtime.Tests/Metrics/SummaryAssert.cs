using System.Linq;
using PodBench.Runtime.Metrics;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

/// <summary>Assertions on the formatted (compatible) values of a summary.</summary>
internal static class SummaryAssert
{
    /// <summary>The formatted statistics of one metric row (the reference's or our content rows), in column order, then N.</summary>
    public static string Row(PerfSummary s, string metric, string stage = "total")
    {
        var m = s.Metrics.Concat(s.ContentMetrics).Single(x => x.Metric == metric && x.Stage == stage);
        return string.Join(" | ", m.Values.Select(v => CompatibleFormat.Statistic(m.Kind, v.Value))) + " | N=" + m.N;
    }

    public static string Global(PerfSummary s, string key, string stage = "total") =>
        CompatibleFormat.Global(s.Globals.Single(g => g.Key == key && g.Stage == stage));

    public static void NoRow(PerfSummary s, string metric, string stage = "total") =>
        Assert.DoesNotContain(s.Metrics, x => x.Metric == metric && x.Stage == stage);
}
