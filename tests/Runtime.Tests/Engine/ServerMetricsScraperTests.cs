using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Results;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class ServerMetricsScraperTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("podbench-scrape-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Scrapes_write_every_gauge_and_counter_on_the_pods_clock_axis()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Fast);
        var path = ServerMetricsFiles.PodFile(_dir, 3);
        var warnings = new ConcurrentQueue<string>();
        var clock = PodClock.Process;
        var before = clock.NowUtcNs();
        var scraper = new ServerMetricsScraper([new ScrapeTarget(ScrapeTarget.MetricsUrl(server.BaseUrl, "/metrics"), null, TlsOptions.Default)], TimeSpan.FromMilliseconds(50), path, 3, clock, warnings.Enqueue);
        scraper.Start();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (scraper.Successes[0] < 3 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        await scraper.DisposeAsync();
        var after = clock.NowUtcNs();

        Assert.True(warnings.IsEmpty, string.Join("\n", warnings));
        Assert.True(scraper.Successes[0] >= 3, $"{scraper.Successes[0]} scrapes");
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(9 * scraper.Successes[0], lines.Count);
        Assert.All(lines, l => Assert.Equal(3, l.GetProperty("pod").GetInt32()));
        Assert.All(lines, l => Assert.InRange(l.GetProperty("t_ns").GetInt64(), before, after));
        Assert.All(lines, l => Assert.Equal(server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/metrics", l.GetProperty("target").GetString()));
        var running = lines.First(l => l.GetProperty("name").GetString() == "vllm:num_requests_running");
        Assert.Equal("gauge", running.GetProperty("type").GetString());
        Assert.Equal("engine=\"0\",model_name=\"qwen\"", running.GetProperty("labels").GetString());
        Assert.Equal(0, running.GetProperty("value").GetDouble());
        Assert.Equal("counter", lines.First(l => l.GetProperty("name").GetString() == "vllm:prompt_tokens_total").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_failing_endpoint_is_one_warning_with_the_reason_and_a_count_never_an_exception()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Fast);
        var path = ServerMetricsFiles.PodFile(_dir, 0);
        var warnings = new ConcurrentQueue<string>();
        var missing = new ScrapeTarget(ScrapeTarget.MetricsUrl(server.BaseUrl, "/not-metrics"), "sk-secret-key", TlsOptions.Default);
        var closed = new ScrapeTarget(new Uri("http://user:hunter2@127.0.0.1:1/metrics"), null, TlsOptions.Default);
        var scraper = new ServerMetricsScraper([missing, closed], TimeSpan.FromMilliseconds(50), path, 0, PodClock.Process, warnings.Enqueue);
        scraper.Start();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((scraper.Failures[0] < 2 || scraper.Failures[1] < 2) && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        await scraper.DisposeAsync();

        Assert.Equal(0, scraper.Successes[0] + scraper.Successes[1]);
        Assert.True(scraper.Failures[0] >= 2 && scraper.Failures[1] >= 2);
        var text = string.Join("\n", warnings);
        Assert.Contains($"scraping server metrics from {server.BaseUrl.GetLeftPart(UriPartial.Authority)}/not-metrics failed: HTTP 404", text, StringComparison.Ordinal);
        Assert.Contains("scraping server metrics from http://127.0.0.1:1/metrics failed: ", text, StringComparison.Ordinal);
        Assert.Contains($"{scraper.Failures[0]} of {scraper.Failures[0]} scrapes of", text, StringComparison.Ordinal);
        Assert.Equal(4, warnings.Count); // the first failure of each, then each one's count
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-key", text, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Theory]
    [InlineData("http://h:8000", "/metrics", "http://h:8000/metrics")]
    [InlineData("http://h:8000/v1", "/metrics", "http://h:8000/metrics")]
    [InlineData("http://h:8000/v1/", "metrics", "http://h:8000/metrics")]
    [InlineData("https://gw.example/proxy/llm/v1", "/metrics", "https://gw.example/proxy/llm/metrics")]
    public void The_metrics_url_is_the_servers_root_plus_the_path(string baseUrl, string path, string expected) =>
        Assert.Equal(expected, ScrapeTarget.MetricsUrl(new Uri(baseUrl), path).ToString());
}
