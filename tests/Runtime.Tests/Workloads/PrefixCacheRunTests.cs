using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Dsl;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>
/// Shared-prefix groups against the simulator with its prefix cache: the pod records the cached prompt tokens the
/// server reports, the merge sums them and computes the hit rate in SQL, and the console and both reports warn.
/// </summary>
public sealed class PrefixCacheRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-prefixcache-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Shared_prefix_groups_hit_the_simulators_prefix_cache_and_the_merge_reports_the_hit_rate()
    {
        var options = SimulatorOptions.Default with
        {
            BaseTtft = TimeSpan.FromMilliseconds(2),
            PrefillPerToken = TimeSpan.FromMilliseconds(4),
            DecodePerToken = TimeSpan.FromMilliseconds(1),
            PrefixCache = new SimulatorPrefixCache { BlockTokens = 8 },
        };
        await using var server = await SimulatorServer.StartAsync(options);
        var dataset = new SharedPrefixDataset("sp") { Groups = 2, RequestsPerGroup = 3, PrefixLen = 40, SuffixLen = 5, OutputLen = 4 };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, _dir, "r", concurrency: 1);

        Assert.True(exit == 0, console);
        // Hand-worked: a chat prompt is 3 template tokens, 40 prefix words, 5 suffix words, 2 + 3 template tokens = 53.
        // Tokens 0..42 are the group's own; full blocks of 8 inside them: 5 (40 tokens). The first request of a group
        // misses, the other two hit 40 tokens each: 160 cached of 6 x 53 = 318 prompt tokens, 50.3145 %.
        var details = File.ReadAllLines(Path.Combine(_dir, "r", "performances", "m", "sp_details.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([0, 40, 40, 0, 40, 40], details.Select(d => d.GetProperty("extra_perf_data").GetProperty("cached_tokens").GetInt32()));
        Assert.All(details, d => Assert.Equal(53, d.GetProperty("input_tokens").GetInt32()));
        Assert.Equal([0, 40, 40, 0, 40, 40], server.Stats.GetRequests().Select(r => r.CachedTokens));
        Assert.Contains("warning: [m x sp] PREFIX CACHE HITS in m/sp: the server reported 160 cached prompt tokens (50.31% of their prompt tokens) in 4 requests", console, StringComparison.Ordinal);

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = Path.Combine(_dir, "r") });
        foreach (var summary in new[] { merged.Merged, merged.Document.Tasks.Single() })
        {
            Assert.Equal("160", Extra(summary, PromptCache.CachedKey));
            Assert.Equal("50.3145 %", Extra(summary, PromptCache.HitRateKey));
            Assert.Equal("4", Extra(summary, PromptCache.HitRequestsKey));
        }

        Assert.DoesNotContain("Cached", File.ReadAllText(Path.Combine(merged.OutputDirectory, "merged.csv")), StringComparison.Ordinal);
        using (var connection = new DuckDBConnection("Data Source=" + merged.DatabasePath + ";ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT avg(first_ns - start_ns) FILTER (WHERE cached_tokens > 0), avg(first_ns - start_ns) FILTER (WHERE cached_tokens = 0) FROM records WHERE success";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            var (hits, misses) = (reader.GetDouble(0), reader.GetDouble(1));
            // a miss prefills 53 tokens at 4 ms (214 ms with the base), a hit 13 (54 ms)
            Assert.True(hits < misses, $"mean TTFT of hits {hits} ns, of misses {misses} ns");
        }

        var banner = Assert.Single(ReportWarnings.Of(merged.Document), w => w.StartsWith("PREFIX CACHE HITS", StringComparison.Ordinal));
        var report = ReportRenderer.Render(Path.Combine(_dir, "r"), new ReportOptions { AppendStepSummary = false });
        var markdown = File.ReadAllText(report.MarkdownPath);
        Assert.Contains("> **Warning**: PREFIX CACHE HITS in merge\\_results/merged", markdown, StringComparison.Ordinal);
        Assert.Contains("| Prompt Cache Hit Rate (total) | 50.3145 % |", markdown, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(banner), File.ReadAllText(report.HtmlPath), StringComparison.Ordinal);
        Assert.Contains("PREFIX CACHE HITS", ConsoleSummary.Render(merged.Document), StringComparison.Ordinal);
    }

    private static string Extra(PerfSummary s, string key) => CompatibleFormat.Global(s.Extras.Single(g => g.Key == key && g.Stage == "total"));
}
