using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Dsl;
using PodBench.Shared;

namespace PodBench.Runtime.Planning;

/// <summary>The rules of <see cref="BenchmarkPlan.ServerMetrics"/> (PB0040-PB0042) on the live plan, as the compiler checks them.</summary>
internal static class ServerMetricsValidator
{
    public static IEnumerable<PlanError> Check(BenchmarkPlan plan, string planName)
    {
        if (plan.ServerMetrics is not { } metrics)
        {
            yield break;
        }

        var member = planName + ".ServerMetrics";
        var seconds = metrics.Interval.TotalSeconds;
        if (!PlanRules.IsLegalScrapeInterval(seconds))
        {
            yield return PlanError.Of(PlanRuleIds.ServerMetricsIntervalOutOfRange, member, PlanMessages.ServerMetricsIntervalOutOfRange, PlanRules.Seconds(seconds));
        }

        if (!PlanRules.IsLegalMetricsPath(metrics.Path))
        {
            yield return PlanError.Of(PlanRuleIds.ServerMetricsPathInvalid, member, PlanMessages.ServerMetricsPathInvalid, metrics.Path ?? "null");
        }

        var pods = plan.Pods is { Count: > 0 } groups ? groups.Sum(g => g.Replicas) : 1;
        if (metrics.Pod is { } pod && (pod < 0 || pod >= pods))
        {
            yield return PlanError.Of(PlanRuleIds.ServerMetricsPodOutOfRange, member, PlanMessages.ServerMetricsPodOutOfRange, pod.ToString(CultureInfo.InvariantCulture));
        }
    }
}
