using System.IO;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Tests.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

public sealed class CompatibleFilesTests
{
    private static readonly PerfSummary Summary = new()
    {
        Scope = "m/d",
        Statistics = ["Average", "Max"],
        Metrics =
        [
            new MetricStatistics("E2EL", "total", MetricKind.Time, [new("Average", 0.17), new("Max", 0.26)], 4),
            new MetricStatistics("InputTokens", "total", MetricKind.Tokens, [new("Average", 25.0), new("Max", 40.0)], 4),
            new MetricStatistics("E2EL", "stable", MetricKind.Time, [new("Average", 0.0041), new("Max", 0.00015)], 2),
            new MetricStatistics("InputTokens", "stable", MetricKind.Tokens, [new("Average", 22.5), new("Max", 30.0)], 2),
        ],
        Globals =
        [
            new GlobalValue("Benchmark Duration", "total", 360.00001, "ms"),
            new GlobalValue("Benchmark Duration", "stable", 120.0, "ms"),
            new GlobalValue("Total Requests", "total", 5, "") { Integer = true },
            new GlobalValue("Total Requests", "stable", 4, "") { Integer = true },
            new GlobalValue("Concurrency", "total", 1.888888888888889, ""),
            new GlobalValue("Concurrency", "stable", 2, "") { Integer = true },
            new GlobalValue("Request Throughput", "total", 11.11111111111111, "req/s"),
            new GlobalValue("Request Throughput", "stable", 25.0, "req/s"),
        ],
        Failures = [new FailureCount("HTTP 500", 1)],
    };

    [Fact]
    public void Csv_is_metric_major_with_crlf_rows()
    {
        Assert.Equal(
            "Performance Parameters,Stage,Average,Max,N\r\n" +
            "E2EL,total,170.0 ms,260.0 ms,4\r\n" +
            "E2EL,stable,4.1 ms,0.1 ms,2\r\n" +
            "InputTokens,total,25.0,40.0,4\r\n" +
            "InputTokens,stable,22.5,30.0,2\r\n",
            CompatibleFiles.CsvText(Summary));
    }

    [Fact]
    public void Json_is_key_major_with_indent_four_strings_with_units_numbers_without()
    {
        Assert.Equal(
            "{\n" +
            "    \"Benchmark Duration\": {\n" +
            "        \"total\": \"360.0 ms\",\n" +
            "        \"stable\": \"120.0 ms\"\n" +
            "    },\n" +
            "    \"Total Requests\": {\n" +
            "        \"total\": 5,\n" +
            "        \"stable\": 4\n" +
            "    },\n" +
            "    \"Concurrency\": {\n" +
            "        \"total\": 1.8889,\n" +
            "        \"stable\": 2\n" +
            "    },\n" +
            "    \"Request Throughput\": {\n" +
            "        \"total\": \"11.1111 req/s\",\n" +
            "        \"stable\": \"25.0 req/s\"\n" +
            "    }\n" +
            "}",
            CompatibleFiles.JsonText(Summary));
    }

    [Fact]
    public void Files_are_written_where_asked()
    {
        using var run = new TempRun();
        var csv = Path.Combine(run.Root, "performances", "m", "d.csv");
        var json = Path.Combine(run.Root, "performances", "m", "d.json");
        CompatibleFiles.WriteCsv(Summary, csv);
        CompatibleFiles.WriteJson(Summary, json);
        Assert.Equal(CompatibleFiles.CsvText(Summary), File.ReadAllText(csv));
        Assert.StartsWith("{\n    \"Benchmark Duration\"", File.ReadAllText(json), System.StringComparison.Ordinal);
    }

    /// <summary>
    /// tabulate fancy_grid: each column as wide as max(header + 2, widest cell), one space of padding each side;
    /// string columns left-aligned (a column with any string is a string column, so 25.0 prints as stored);
    /// the int column N centred.
    /// </summary>
    [Fact]
    public void Console_tables_look_like_tabulate_fancy_grid()
    {
        var small = Summary with { Metrics = [Summary.Metrics[0], Summary.Metrics[1]], Globals = [Summary.Globals[0]], Failures = [] };
        var text = ConsoleTables.Render(small);
        var expected =
            "Performance Results of task [m/d]: \n" +
            "╒══════════════════════════╤═════════╤═══════════╤══════════╤═════╕\n" +
            "│ Performance Parameters   │ Stage   │ Average   │ Max      │  N  │\n" +
            "╞══════════════════════════╪═════════╪═══════════╪══════════╪═════╡\n" +
            "│ E2EL                     │ total   │ 170.0 ms  │ 260.0 ms │  4  │\n" +
            "├──────────────────────────┼─────────┼───────────┼──────────┼─────┤\n" +
            "│ InputTokens              │ total   │ 25.0      │ 40.0     │  4  │\n" +
            "╘══════════════════════════╧═════════╧═══════════╧══════════╧═════╛\n" +
            "╒════════════════════╤═════════╤══════════╕\n" +
            "│ Common Metric      │ Stage   │ Value    │\n" +
            "╞════════════════════╪═════════╪══════════╡\n" +
            "│ Benchmark Duration │ total   │ 360.0 ms │\n" +
            "╘════════════════════╧═════════╧══════════╛\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Console_lists_failure_reasons_and_notes()
    {
        var text = ConsoleTables.Render(Summary with { Notes = ["No stable stage: test."] });
        Assert.Contains("│ Failure Reason   │  Count  │", text, System.StringComparison.Ordinal);
        Assert.Contains("│ HTTP 500         │    1    │", text, System.StringComparison.Ordinal);
        Assert.EndsWith("Note: No stable stage: test.\n", text, System.StringComparison.Ordinal);
    }
}
