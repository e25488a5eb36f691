using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Results;

namespace PodBench.LoadCeiling;

/// <summary>
/// The memory soak: one pressure task through <see cref="TaskRunner"/> into a real <see cref="TaskResultWriter"/>
/// (details JSONL + db_data journal in a temp run folder, Parquet at the end, exactly as a pod's task writes them),
/// against the simulator or the raw server in a child process at a moderate load, sampling memory every
/// <c>--sample-s</c> seconds into a CSV; at the end: first vs last window means, least-squares slopes and a verdict.
/// </summary>
internal static class SoakRun
{
    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var minutes = Program.Double(options, "minutes", 60);
        var concurrency = Program.Int(options, "concurrency", 64);
        var chunks = Program.Int(options, "chunks", 32);
        var delayMs = Program.Double(options, "delay-ms", 5);
        var sampleSeconds = Program.Double(options, "sample-s", 10);
        var server = options.GetValueOrDefault("server-kind", "sim");
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var csvPath = Path.GetFullPath(options.GetValueOrDefault("csv", $"soak-{stamp}.csv"));
        var runFolder = Path.Combine(Path.GetTempPath(), "podbench-soak-" + stamp);
        var keep = options.ContainsKey("keep");

        Console.WriteLine($"soak: {minutes} min, server {server} in a child process ({chunks} chunks per request, {delayMs} ms per token), concurrency {concurrency}, pressure mode, results to {runFolder}; samples every {sampleSeconds} s to {csvPath}");
        Console.WriteLine($"soak: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, inline socket completions {EngineProcessSettings.InlineSocketCompletions}, load average {LoadAverage()}");
        using var serverProcess = ServerProcess.Start(server, chunks, delayMs);
        var request = CeilingTask.Request("soak", "soakdata", serverProcess, concurrency, chunks, RunOptions.Default.WithPressure(minutes * 60), 1024, 0, i => $"soak prompt {i} " + string.Join(' ', Enumerable.Repeat("A", 32)));

        var layout = new RunLayout(runFolder);
        var writer = TaskResultWriter.Open(layout, 0, request.Task.Model.Abbr, request.Task.Dataset.Abbr);
        var samples = new List<SoakSample>();
        var self = Process.GetCurrentProcess();
        var start = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        await using var csv = new StreamWriter(csvPath) { AutoFlush = true };
        await csv.WriteLineAsync(SoakSample.CsvHeader);
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(sampleSeconds));
            try
            {
                do
                {
                    self.Refresh();
                    var sample = SoakSample.Take(Stopwatch.GetElapsedTime(start), self, writer.Written, writer.Failed, serverProcess.WorkingSet);
                    lock (samples)
                    {
                        samples.Add(sample);
                    }

                    await csv.WriteLineAsync(sample.ToCsv());
                    if (samples.Count % 6 == 1)
                    {
                        Console.WriteLine(sample.ToConsole());
                    }
                }
                while (await timer.WaitForNextTickAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });

        TaskOutcome outcome;
        await using (writer)
        {
            IRecordSink sink = options.GetValueOrDefault("sink", "files") == "counting" ? new CountingSink() : writer;
            outcome = await TaskRunner.RunAsync(request, sink, null, CancellationToken.None);
            await stop.CancelAsync();
            await sampler;
            var detailsLines = CountLines(writer.DetailsPath);
            var detailsBytes = new FileInfo(writer.DetailsPath).Length;
            var journalBytes = new FileInfo(writer.JournalPath).Length;
            Console.WriteLine($"soak: {outcome.Succeeded} succeeded, {outcome.Failed} failed in {outcome.Elapsed.TotalMinutes:0.0} min ({outcome.Succeeded / outcome.Elapsed.TotalSeconds:0} req/s, {outcome.Events / outcome.Elapsed.TotalSeconds:0} chunks/s); client lag p50/p99/p99.9 {outcome.ClientLag.P50Us:0}/{outcome.ClientLag.P99Us:0}/{outcome.ClientLag.P999Us:0} us");
            Console.WriteLine($"soak: details file {detailsLines} lines ({detailsBytes / 1048576.0:0} MiB), journal {journalBytes / 1048576.0:0} MiB; writer counted {writer.Written} records: {(detailsLines == writer.Written ? "every finished request is on disk" : "MISMATCH")}");
            foreach (var (reason, count) in outcome.FailureReasons)
            {
                Console.WriteLine($"    failed {count}: {reason}");
            }

            var convert = Stopwatch.StartNew();
            await writer.CompleteAsync();
            Console.WriteLine($"soak: journal converted to Parquet in {convert.Elapsed.TotalSeconds:0.0} s ({(File.Exists(writer.ParquetPath) ? new FileInfo(writer.ParquetPath).Length / 1048576.0 : 0):0} MiB)");
        }

        Console.WriteLine(SoakVerdict.Summarize(samples, TimeSpan.FromMinutes(Math.Min(10, minutes / 3))));
        Console.WriteLine($"soak: samples in {csvPath}; load average at the end {LoadAverage()}");
        if (!keep)
        {
            Directory.Delete(runFolder, recursive: true);
        }

        return 0;
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static long CountLines(string path)
    {
        long lines = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }
}
