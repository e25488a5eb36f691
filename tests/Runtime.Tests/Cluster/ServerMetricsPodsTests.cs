using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Dsl;
using PodBench.Runtime.Results;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// Server metrics end to end: the published runner's pods, each its own process, scrape the simulator's
/// <c>/metrics</c> while they load it (<c>--scrape-interval</c>, the runner option of <c>BenchmarkScrapeInterval</c>),
/// the merge unions every pod's samples in DuckDB, and the reports chart and table them.
/// </summary>
[Collection(PublishedPlanCollection.Name)]
public sealed class ServerMetricsPodsTests(PublishedPlan plan)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async System.Threading.Tasks.Task Pods_scrape_the_servers_metrics_and_the_merge_lines_them_up_with_the_load()
    {
        Assert.True(plan.Publish.ExitCode == 0, plan.Publish.Output);
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { DecodePerToken = TimeSpan.FromMilliseconds(10) });
        var work = plan.NewWorkDirectory();
        var output = Path.Combine(work, "outputs");
        var env = PublishedPlan.Environment(new Dictionary<string, string> { ["BENCHMARK_ENDPOINT"] = server.BaseUrl.ToString().TrimEnd('/') });
        RunningChild Pod(int pod) => RunningChild.Start(plan.Runner, ["run", "--pod", pod.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", output, "--run", "r1", "--barrier", "--local-barrier", "--scrape-interval", "0.1"], work, env);
        using var pod0 = Pod(0);
        using var pod1 = Pod(1);
        using var pod2 = Pod(2);
        foreach (var pod in new[] { pod0, pod1, pod2 })
        {
            var done = pod.WaitForExit(Long);
            Assert.True(done.ExitCode == 0, done.Output);
            Assert.Contains("scraping server metrics from http://127.0.0.1:", done.Output, StringComparison.Ordinal);
            // a scrape is bounded by max(interval, 1 s): on 2 cores busy with other tests one may time out, which the
            // pod must report with its count; most of them must succeed
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(done.Output, @"(\d+) of (\d+) scrapes of \S+ failed"))
            {
                Assert.True(2 * int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Value);
            }
        }

        var runDir = Path.Combine(output, "r1");
        Assert.All(new[] { 0, 1, 2 }, p => Assert.True(new FileInfo(ServerMetricsFiles.PodFile(runDir, p)).Length > 0));
        var merge = ChildProcess.Run(plan.Runner, ["merge", "--output", output, "--run", "r1"], work, Long, PublishedPlan.Environment());
        Assert.True(merge.ExitCode == 0, merge.Output);

        var dbDir = Path.Combine(runDir, "performances", "merge_results", "db_data");
        Assert.True(File.Exists(Path.Combine(dbDir, "server_metrics.parquet")));
        using var connection = new DuckDBConnection("Data Source=" + Path.Combine(dbDir, "merged.duckdb") + ";ACCESS_MODE=READ_ONLY");
        connection.Open();
        // every pod's samples are in the merged table
        Assert.Equal([0, 1, 2], Longs(connection, "SELECT DISTINCT pod FROM server_metrics WHERE name = 'vllm:num_requests_running' ORDER BY pod"));
        // during the load (first send to last completion over every pod) the server ran requests, as each pod saw it
        var during = Longs(connection, """
            SELECT pod, max(value)::BIGINT FROM server_metrics
            WHERE name = 'vllm:num_requests_running'
              AND t_ns BETWEEN (SELECT min(start_ns) FROM request_times) AND (SELECT max(end_ns) FROM request_times)
            GROUP BY pod HAVING max(value) > 0 ORDER BY pod
            """);
        Assert.True(during.Count >= 2, $"pods that saw running requests during the load: {string.Join(", ", during)}");
        // the counters end at least at what the pods measured (the warm-up requests add to them)
        var generated = Longs(connection, "SELECT max(value)::BIGINT FROM server_metrics WHERE name = 'vllm:generation_tokens_total'").Single();
        var measured = Longs(connection, "SELECT sum(output_tokens)::BIGINT FROM request_times WHERE success").Single();
        Assert.True(generated >= measured && measured == (4 + 12 + 4) * 40, $"server generated {generated}, pods measured {measured}");

        var html = File.ReadAllText(Path.Combine(runDir, "report.html"));
        Assert.Contains("<section id=\"server-metrics\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"figure-server-vllm-num-requests-running\"", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"pod 1\"", html, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(runDir, "report.md"));
        Assert.Contains("## Server metrics", markdown, StringComparison.Ordinal);
        Assert.Contains("| vllm:num\\_requests\\_running | pod 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| vllm:generation\\_tokens\\_total (per s) | pod 2 |", markdown, StringComparison.Ordinal);
    }

    private static List<long> Longs(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(Convert.ToInt64(reader.GetValue(reader.FieldCount - 1), System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }
}
