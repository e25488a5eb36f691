using System;
using System.Buffers;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;

namespace PodBench.Benchmarks.Results;

/// <summary>
/// What a pod spends per request besides the network, each figure per request (docs/performance.md): formatting its
/// details line and db_data journal line, writing both through <see cref="TaskResultWriter"/> (the O_APPEND writes),
/// converting the journal to Parquet at the end, and the task summary (DuckDB SQL over the details and Parquet).
/// A request has 64 chunks, as in scripts/measure-speed.sh.
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*PerRequest*'</c>.
/// </summary>
[Config(typeof(PerRequestBenchmarkConfig))]
public class PerRequestBenchmarks
{
    private const int Requests = 2000;
    private const int Chunks = 64;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private RequestRecord[] _records = [];
    private string _root = "";
    private RunLayout? _summarized;

    [GlobalSetup]
    public void Setup()
    {
        _records = new RequestRecord[Requests];
        var origin = 1_796_000_000_000_000_000L;
        for (var i = 0; i < Requests; i++)
        {
            var start = origin + (i * 5_000_000L);
            var points = new long[Chunks + 1];
            points[0] = start;
            for (var k = 1; k <= Chunks; k++)
            {
                points[k] = start + 20_000_000 + (k * 1_000_000L) + (i % 7 * 1000);
            }

            _records[i] = new RequestRecord
            {
                ModelAbbr = "m",
                DataAbbr = "d",
                Id = i,
                Uuid = Guid.NewGuid().ToString("N"),
                Success = true,
                TimePointsNs = points,
                ScheduledNs = start,
                InputTokens = 100,
                OutputTokens = Chunks,
                HttpStatus = 200,
                Input = new string('x', 400),
                Prediction = string.Concat(System.Linq.Enumerable.Repeat("tok ", Chunks)),
            };
        }

        _root = Path.Combine(Path.GetTempPath(), "podbench-bench-" + Guid.NewGuid().ToString("N"));
        _summarized = new RunLayout(Path.Combine(_root, "summarized"));
        WriteAllAsync(_summarized).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, true);

    /// <summary>Formats one details line (JSON) into a reused buffer.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public int FormatDetailsLine()
    {
        var n = 0;
        foreach (var r in _records)
        {
            _buffer.ResetWrittenCount();
            RecordJson.WriteDetails(_buffer, r, r.Id, "db");
            n += _buffer.WrittenCount;
        }

        return n;
    }

    /// <summary>Formats one db_data journal line into a reused buffer.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public int FormatJournalLine()
    {
        var n = 0;
        foreach (var r in _records)
        {
            _buffer.ResetWrittenCount();
            RecordJson.WriteJournal(_buffer, r, r.Id);
            n += _buffer.WrittenCount;
        }

        return n;
    }

    /// <summary>
    /// The whole write path of a task, per request: open the files, write every record (details and journal), then
    /// complete: the journal converted to Parquet and checked, the reference's db_data beside it.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task WriteAndComplete() => await WriteAllAsync(new RunLayout(Path.Combine(_root, Guid.NewGuid().ToString("N"))));

    /// <summary>The task summary a pod prints (DuckDB over its files), per request of the task.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public int Summary() => TaskSummaries.SummarizeTask(_summarized!, 0, "m", "d", new SummaryRequest { Scope = "m/d", MaxConcurrency = 64 }).Metrics.Count;

    private async Task WriteAllAsync(RunLayout layout)
    {
        Directory.CreateDirectory(layout.Root);
        var writer = TaskResultWriter.Open(layout, 0, "m", "d");
        await using (writer.ConfigureAwait(false))
        {
            var pending = new Task[_records.Length];
            for (var i = 0; i < _records.Length; i++)
            {
                pending[i] = writer.WriteAsync(_records[i]).AsTask();
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }
}
