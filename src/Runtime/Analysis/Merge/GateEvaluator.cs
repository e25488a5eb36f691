using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Merge;

/// <summary>Checks SLO gates against a merged summary (stage <c>total</c>); an unknown or absent metric fails with its reason.</summary>
public static class GateEvaluator
{
    /// <summary>Evaluates every gate, in order.</summary>
    public static IReadOnlyList<GateResult> Evaluate(PerfSummary merged, IReadOnlyList<GateDocument> gates) =>
        gates.Select(g => Evaluate(merged, g)).ToList();

    private static GateResult Evaluate(PerfSummary merged, GateDocument gate)
    {
        var (measured, unit, reason, runLevel) = Measure(merged, gate);
        var op = gate.Comparison switch
        {
            "AtMost" => "<=",
            "AtLeast" => ">=",
            _ => null,
        };
        var label = (runLevel ? "" : gate.Statistic + " ") + gate.Metric;
        var name = label + " " + (op ?? gate.Comparison) + " " + Format(gate.Threshold, unit);
        if (op is null)
        {
            return new GateResult(name, gate.Metric, gate.Statistic, gate.Comparison, gate.Threshold, measured, unit, false, $"{label}: unknown comparison '{gate.Comparison}': use AtMost or AtLeast");
        }

        if (measured is null)
        {
            return new GateResult(name, gate.Metric, gate.Statistic, gate.Comparison, gate.Threshold, null, unit, false, label + ": " + (reason ?? "not measured"));
        }

        var passed = op == "<=" ? measured.Value <= gate.Threshold : measured.Value >= gate.Threshold;
        var message = $"{label} measured {Format(measured.Value, unit)}, threshold {op} {Format(gate.Threshold, unit)}: {(passed ? "pass" : "FAIL")}";
        return new GateResult(name, gate.Metric, gate.Statistic, gate.Comparison, gate.Threshold, measured, unit, passed, message);
    }

    private static (double? Value, string Unit, string? Reason, bool RunLevel) Measure(PerfSummary merged, GateDocument gate)
    {
        switch (gate.Metric)
        {
            case "RequestThroughput":
                return Global(merged, "Request Throughput", "req/s");
            case "TotalOutputTokenThroughput":
                return Global(merged, "Output Token Throughput", "token/s");
            case "FailedRequests":
                return Global(merged, "Failed Requests", "");
        }

        var kind = gate.Metric switch
        {
            "E2EL" or "TTFT" or "TPOT" or "ITL" => MetricKind.Time,
            "InputTokens" or "OutputTokens" => MetricKind.Tokens,
            "OutputTokenThroughput" or "PrefillTokenThroughput" => MetricKind.TokenRate,
            _ => (MetricKind?)null,
        };
        if (kind is null)
        {
            return (null, "", $"unknown metric '{gate.Metric}'", false);
        }

        var unit = kind switch { MetricKind.Time => "ms", MetricKind.TokenRate => "token/s", _ => "" };
        var row = merged.Metrics.FirstOrDefault(m => m.Metric == gate.Metric && m.Stage == "total");
        if (row is null)
        {
            return (null, unit, $"{gate.Metric} was not measured in this run (no successful request reported it)", false);
        }

        var value = row.Values.Where(v => v.Key == gate.Statistic).Select(v => (double?)v.Value).FirstOrDefault();
        if (value is null)
        {
            return (null, unit, $"{gate.Statistic} of {gate.Metric} was not computed: add {gate.Statistic} to the plan's statistics (computed: {string.Join(", ", merged.Statistics)})", false);
        }

        return (kind == MetricKind.Time ? value.Value * 1000 : value.Value, unit, null, false);
    }

    private static (double? Value, string Unit, string? Reason, bool RunLevel) Global(PerfSummary merged, string key, string unit)
    {
        var g = merged.Globals.FirstOrDefault(v => v.Key == key && v.Stage == "total");
        return g is null ? (null, unit, $"{key} was not measured (no successful request, or a zero duration)", true) : (g.Value, unit, null, true);
    }

    private static string Format(double value, string unit) =>
        Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture) + (unit.Length == 0 ? "" : " " + unit);
}
