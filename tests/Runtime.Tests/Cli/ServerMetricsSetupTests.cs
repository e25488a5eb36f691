using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>Which pod scrapes what: the plan's <c>ServerMetrics</c>, <c>OnlyPod</c>, and the <c>BenchmarkScrapeInterval</c> override.</summary>
public sealed class ServerMetricsSetupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("podbench-scrape-setup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_interval_setting_overrides_the_plan_and_turns_scraping_on()
    {
        Assert.Null(ServerMetricsSetup.Effective(new TwoPodPlan(null), new RunSettings()));
        var on = ServerMetricsSetup.Effective(new TwoPodPlan(null), new RunSettings { ScrapeInterval = 0.5 });
        Assert.Equal(new ServerMetrics { Interval = TimeSpan.FromSeconds(0.5) }, on);
        var planned = ServerMetrics.Scrape("/stats/prometheus", TimeSpan.FromSeconds(5)).OnlyPod(1);
        Assert.Equal(planned, ServerMetricsSetup.Effective(new TwoPodPlan(planned), new RunSettings()));
        Assert.Equal(planned with { Interval = TimeSpan.FromSeconds(2) }, ServerMetricsSetup.Effective(new TwoPodPlan(planned), new RunSettings { ScrapeInterval = 2 }));
    }

    [Fact]
    public async Task Only_the_chosen_pod_scrapes_and_each_server_once()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Fast);
        var context = RunnerContext.Create(new TwoPodPlan(ServerMetrics.Scrape("/metrics", TimeSpan.FromSeconds(0.2)).OnlyPod(1)), new GeneratedPlan("TwoPodPlan", null), _dir);
        var options = new PodRunOptions(_dir, new RunSettings(), server.BaseUrl.ToString(), Reuse: false, Barrier: false, BarrierTimeoutSeconds: null);
        var output = new StringWriter();

        Assert.Null(ServerMetricsSetup.Start(context, 0, options, new RunLayout(_dir), PodClock.Process, output));
        var scraper = ServerMetricsSetup.Start(context, 1, options, new RunLayout(_dir), PodClock.Process, output);
        Assert.NotNull(scraper);
        await scraper.DisposeAsync();

        Assert.Single(scraper.Successes); // two models on one server: one target
        Assert.True(scraper.Successes[0] >= 1);
        Assert.Contains($"pod 1: scraping server metrics from {server.BaseUrl.GetLeftPart(UriPartial.Authority)}/metrics every 0.2 s", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(ServerMetricsFiles.PodFile(_dir, 0)));
        Assert.True(new FileInfo(ServerMetricsFiles.PodFile(_dir, 1)).Length > 0);
    }

    private sealed class TwoPodPlan(ServerMetrics? metrics) : BenchmarkPlan
    {
        private static readonly ModelEndpoint A = ModelEndpoint.StreamChat("a") with { Model = "qwen" };
        private static readonly ModelEndpoint B = ModelEndpoint.StreamChat("b") with { Model = "qwen" };
        private static readonly SyntheticDataset D = new("d") { RequestCount = 1 };

        public override IReadOnlyList<ModelEndpoint> Models => [A, B];

        public override IReadOnlyList<Dataset> Datasets => [D];

        public override IReadOnlyList<PodGroup> Pods => [new(A, D), new([A, B], [D])];

        public override ServerMetrics? ServerMetrics => metrics;
    }
}
