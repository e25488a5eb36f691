using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>The rules of the plan's <c>ServerMetrics</c> (PB0040-PB0042) on what the code shows.</summary>
internal static class ServerMetricsChecks
{
    public static void Check(PlanValue metrics, int? podCount, DiagnosticBag bag)
    {
        if (metrics.Get("Interval") is { Kind: ValueKind.Constant, Number: { } seconds } interval && !PlanRules.IsLegalScrapeInterval(seconds))
        {
            bag.Add(PlanRuleIds.ServerMetricsIntervalOutOfRange, interval.Location, PlanRules.Seconds(seconds));
        }

        if (metrics.Get("Path") is { Kind: ValueKind.Constant } path && !PlanRules.IsLegalMetricsPath(path.Text))
        {
            bag.Add(PlanRuleIds.ServerMetricsPathInvalid, path.Location, path.Text ?? "null");
        }

        if (metrics.Get("Pod") is { Kind: ValueKind.Constant, Number: { } pod } only && (pod < 0 || (podCount is { } count && pod >= count)))
        {
            bag.Add(PlanRuleIds.ServerMetricsPodOutOfRange, only.Location, PlanRules.Number(pod));
        }
    }
}
