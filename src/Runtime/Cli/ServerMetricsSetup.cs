using System;
using System.IO;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>Whether and what a pod scrapes (<see cref="BenchmarkPlan.ServerMetrics"/>, <c>BenchmarkScrapeInterval</c>).</summary>
internal static class ServerMetricsSetup
{
    /// <summary>
    /// The plan's scraping after the per-run override: <c>BenchmarkScrapeInterval</c> sets the interval, and turns
    /// scraping of <c>/metrics</c> on when the plan has none. Null: nothing is scraped.
    /// </summary>
    public static ServerMetrics? Effective(BenchmarkPlan plan, RunSettings settings)
    {
        var planned = plan.ServerMetrics;
        if (settings.ScrapeInterval is not { } seconds)
        {
            return planned;
        }

        return (planned ?? new ServerMetrics()) with { Interval = TimeSpan.FromSeconds(seconds) };
    }

    /// <summary>Starts scraping the servers of pod <paramref name="pod"/>'s tasks, or returns null when the pod scrapes nothing.</summary>
    public static ServerMetricsScraper? Start(RunnerContext context, int pod, PodRunOptions options, RunLayout layout, PodClock clock, TextWriter output)
    {
        if (Effective(context.Plan, options.Settings) is not { } metrics || (metrics.Pod is { } only && only != pod))
        {
            return null;
        }

        var targets = context.Pods[pod].Tasks
            .Select(t => t.Model)
            .Select(m => new ScrapeTarget(ScrapeTarget.MetricsUrl(EndpointResolver.Resolve(m, options.Settings, options.SimulatorUrl), metrics.Path), ApiKeys.Resolve(m.ApiKey), m.Tls))
            .GroupBy(t => t.Url.ToString(), StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (targets.Count == 0)
        {
            return null;
        }

        var path = ServerMetricsFiles.PodFile(layout.Root, pod);
        ServerMetricsScraper scraper;
        try
        {
            scraper = new ServerMetricsScraper(targets, metrics.Interval, path, pod, clock, text => RunnerDiagnostics.Warning(output, text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RunnerDiagnostics.Warning(output, $"pod {pod}: server metrics are not scraped: cannot open {path}: {e.Message}. The run goes on.");
            return null;
        }

        output.WriteLine($"pod {pod}: scraping server metrics from {string.Join(", ", targets.Select(t => t.Display))} every {metrics.Interval.TotalSeconds:0.###} s");
        scraper.Start();
        return scraper;
    }
}
