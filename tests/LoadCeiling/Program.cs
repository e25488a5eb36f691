using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Simulation;

namespace PodBench.LoadCeiling;

/// <summary>
/// Drives a fast local server (in a child process) with the engine at rising concurrency and prints requests/s,
/// chunks/s, client CPU per chunk, client lag and memory:
/// <c>dotnet run -c Release --project tests/LoadCeiling -- [--kind sim|raw] [--levels 1,10,100,1000] [--seconds 5]
/// [--chunks 64] [--rates 1000,4000,8000] [--streams 10000] [--stream-delay-ms 20] [--flush each|end] [--inline on|off]</c>;
/// <c>--kind lag [--lag-streams 1000] [--lag-delay-ms 20,50] [--lag-jitter 0,0.5] [--single-delay-ms 1,5] [--single on|off] [--seconds 20]</c> (client lag
/// where the server keeps up); <c>--server-cpus 0 --client-cpus 1</c> (raw and lag kinds) keep server and client on
/// separate cores, as on separate machines; <c>--kind soak [--minutes 60] [--concurrency 64] [--chunks 32] [--delay-ms 8]
/// [--server-kind sim|raw] [--csv file] [--sink files|counting]</c> (memory over a long pressure run); <c>--kind command
/// [--levels 64,512,paced] [--requests 20000]</c> (the engine alone beside the real runner process, same Node server:
/// <see cref="CommandCase"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = ParseArgs(args);
        if (options.GetValueOrDefault("inline", "on") == "on")
        {
            EngineProcessSettings.Apply();
        }

        if (options.TryGetValue("server", out var serverKind))
        {
            return await ServeAsync(serverKind, Int(options, "chunks", 64), Double(options, "delay-ms", 0), options.GetValueOrDefault("flush", "each") == "each", options.GetValueOrDefault("send", "pooled") == "inline", Double(options, "jitter", 0));
        }

        if (options.TryGetValue("client-cpus", out var clientCpus))
        {
            PinSelf(clientCpus);
        }

        var kind = options.GetValueOrDefault("kind", "sim");
        if (kind == "soak")
        {
            return await SoakRun.RunAsync(options);
        }

        if (kind == "lag")
        {
            return await RunLagCasesAsync(options);
        }

        if (kind == "command")
        {
            return await CommandCase.RunAsync(options);
        }

        var chunks = Int(options, "chunks", 64);
        var seconds = Double(options, "seconds", 5);
        var levels = List(options, "levels", "1,10,100,1000");
        var rates = List(options, "rates", "1000,4000,8000");
        var streams = Int(options, "streams", 10_000);
        var streamDelay = Double(options, "stream-delay-ms", 20);
        var flush = options.GetValueOrDefault("flush", "each");

        Console.WriteLine($"load ceiling: server {kind} ({chunks} content chunks per request, flush {flush}) in a child process; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        Console.WriteLine(CaseResult.Header);
        var results = new List<CaseResult>();
        using (var server = ServerProcess.Start(kind, chunks, 0, flush, options.GetValueOrDefault("server-send", "pooled") == "inline", options.GetValueOrDefault("server-cpus")))
        {
            await RunCaseAsync(server, "warm-up", 50, chunks, RunOptions.Default.WithPressure(2), null, print: false);
            foreach (var level in levels)
            {
                results.Add(await RunCaseAsync(server, "pressure", level, chunks, RunOptions.Default.WithPressure(seconds), null));
            }

            foreach (var rate in rates)
            {
                var count = (int)(rate * seconds);
                results.Add(await RunCaseAsync(server, $"paced {rate}/s", 1000, chunks, RunOptions.Default with { NumPrompts = count }, rate));
            }
        }

        if (streams > 0)
        {
            using var slow = ServerProcess.Start(kind, chunks, streamDelay, cpus: options.GetValueOrDefault("server-cpus"));
            results.Add(await RunCaseAsync(slow, $"streams d={streamDelay}ms", streams, chunks, RunOptions.Default.WithPressure(Math.Max(seconds, 3 * chunks * streamDelay / 1000)), null));
        }

        return 0;
    }

    /// <summary>
    /// Client lag where the server keeps up: the raw server paces each stream (a delay after every event), so the
    /// client is idle between events and the lag is the client's own reaction time, not CPU queueing behind a
    /// saturated server. Cases: one stream closed loop (the server sends every event as it stamps it), one stream at
    /// each of <c>--single-delay-ms</c>, and <c>--lag-streams</c> streams at <c>--lag-delay-ms</c> per token, for each of
    /// <c>--lag-jitter</c> (0: the streams send in step; 0.5: each delay drawn from ±50%, so they drift apart). The
    /// many-stream cases also print the lag of each request's first event, its 2nd to 4th, and the rest.
    /// </summary>
    private static async Task<int> RunLagCasesAsync(Dictionary<string, string> options)
    {
        var chunks = Int(options, "chunks", 64);
        var seconds = Double(options, "seconds", 20);
        var streams = List(options, "lag-streams", "1000");
        var streamDelays = options.GetValueOrDefault("lag-delay-ms", "20,50").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var jitters = options.GetValueOrDefault("lag-jitter", "0,0.5").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var singleDelays = options.GetValueOrDefault("single-delay-ms", "1,5").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var lagServer = options.GetValueOrDefault("lag-server", "paced");
        Console.WriteLine($"load ceiling, lag where the server keeps up: {lagServer} server in a child process ({chunks} chunks per request, a delay after each event); {Environment.ProcessorCount} cores; .NET {Environment.Version}; inline socket completions {EngineProcessSettings.InlineSocketCompletions}; transport {(TransportFactory.UsesEpoll(new Uri("http://127.0.0.1/")) ? "epoll" : "httpclient")}; busy poll {(EpollLoop.BusyPollMicroseconds > 0 ? EpollLoop.BusyPollMicroseconds + " µs" : "off")}; arrival stamps {(ArrivalStamps.Enabled ? "on" : "off")}; load average {SoakRun.LoadAverage()}");
        Console.WriteLine(CaseResult.Header);
        // --single off skips the one-stream cases, to rerun the many-stream ones alone
        if (options.GetValueOrDefault("single", "on") == "on")
        {
            using (var busy = ServerProcess.Start(lagServer, chunks, 0, "each", inlineSend: true, cpus: options.GetValueOrDefault("server-cpus")))
            {
                // One stream, closed loop: the client is never idle long enough to sleep, so this is its reaction
                // time when awake. A longer warm-up: the first seconds of a process carry its JIT tiering.
                await RunCaseAsync(busy, "warm-up", 1, chunks, RunOptions.Default.WithPressure(Math.Min(seconds, 5)), null, print: false);
                await RunCaseAsync(busy, "1 stream closed loop", 1, chunks, RunOptions.Default.WithPressure(seconds), null);
            }

            foreach (var delay in singleDelays)
            {
                using var server = ServerProcess.Start(lagServer, chunks, delay, inlineSend: true, cpus: options.GetValueOrDefault("server-cpus"));
                await RunCaseAsync(server, "warm-up", 1, chunks, RunOptions.Default.WithPressure(1), null, print: false);
                await RunCaseAsync(server, $"1 stream d={delay}ms", 1, chunks, RunOptions.Default.WithPressure(seconds), null);
            }
        }

        foreach (var count in streams)
        {
            foreach (var delay in streamDelays)
            {
                foreach (var jitter in jitters)
                {
                    using var server = ServerProcess.Start(lagServer, chunks, delay, inlineSend: true, cpus: options.GetValueOrDefault("server-cpus"), jitter: jitter);
                    await RunCaseAsync(server, "warm-up", 50, chunks, RunOptions.Default.WithPressure(1), null, print: false);
                    var name = jitter > 0 ? $"{count} str d={delay}ms±{jitter * 100:0}%" : $"{count} str d={delay}ms";
                    await RunCaseAsync(server, name, count, chunks, RunOptions.Default.WithPressure(Math.Max(seconds, 3 * chunks * delay / 1000)), null, lagByEvent: true);
                }
            }
        }

        Console.WriteLine($"load average at the end {SoakRun.LoadAverage()}");
        return 0;
    }

    internal static async Task<CaseResult> RunCaseAsync(ILoadServer server, string name, int concurrency, int chunks, RunOptions run, double? rate, bool print = true, bool lagByEvent = false)
    {
        var request = CeilingTask.Request("ceiling", "ceiling", server, concurrency, chunks, run, run.NumPrompts ?? 1024, rate ?? 0, _ => string.Join(' ', Enumerable.Repeat("A", 32)));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var sink = new CountingSink(lagByEvent);
        var allocated0 = GC.GetTotalAllocatedBytes(precise: false);
        var gen0 = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var server0 = server.CpuTime;
        using var stop = new CancellationTokenSource();
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                try
                {
                    await Task.Delay(100, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var outcome = await TaskRunner.RunAsync(request, sink, null, CancellationToken.None);
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpu0;
        var serverCpu = server.CpuTime - server0;
        await stop.CancelAsync();
        await sampler;
        var result = new CaseResult(name, concurrency, outcome, cpu, serverCpu, peak, GC.GetTotalMemory(false), GC.GetTotalAllocatedBytes(precise: false) - allocated0, GC.CollectionCount(0) - gen0, GC.GetTotalPauseDuration() - paused);
        if (print)
        {
            Console.WriteLine(result);
            if (lagByEvent)
            {
                Console.WriteLine("    lag by event: " + sink.LagByEvent());
            }

            if (outcome.ReadDelay.Count > 0)
            {
                Console.WriteLine("    read delay (arrival to read, kept out of the readings): " + outcome.ReadDelay);
            }

            if (!outcome.ClientKeptUp)
            {
                Console.WriteLine("    " + outcome.ClientMessage);
            }

            foreach (var (reason, count) in outcome.FailureReasons)
            {
                Console.WriteLine($"    failed {count}: {reason}");
            }
        }

        return result;
    }

    private static async Task<int> ServeAsync(string kind, int chunks, double delayMs, bool flushEach, bool inlineSend, double jitter)
    {
        var delay = TimeSpan.FromMilliseconds(delayMs);
        if (kind == "paced")
        {
            new Thread(() =>
            {
                Console.In.ReadToEnd();
                Environment.Exit(0);
            })
            { IsBackground = true }.Start();
            PacedServer.Run(chunks, delayMs, jitter);
            return 0;
        }

        if (kind == "raw")
        {
            await using var app = await RawServer.StartAsync(chunks, delay, flushEach, inlineSend, jitter);
            Console.WriteLine("LISTENING " + RawServer.Address(app));
            await Task.Run(() => Console.In.ReadToEnd());
            await app.StopAsync();
            return 0;
        }

        var options = SimulatorOptions.Fast with { DecodePerToken = delay, MaxBatch = 1_000_000, DefaultOutputTokens = chunks };
        await using var server = await SimulatorServer.StartAsync(options, 0);
        Console.WriteLine("LISTENING " + server.BaseUrl);
        await Task.Run(() => Console.In.ReadToEnd());
        return 0;
    }

    /// <summary>Runs every thread of this process (and so every thread it starts later) on <paramref name="cpus"/> only.</summary>
    private static void PinSelf(string cpus)
    {
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpus, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("cannot start taskset");
        taskset.StandardOutput.ReadToEnd();
        taskset.WaitForExit();
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset -a -p -c {cpus} failed with exit code {taskset.ExitCode}");
        }
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var key = args[i][2..];
            options[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return options;
    }

    internal static int Int(Dictionary<string, string> o, string key, int fallback) => o.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    internal static double Double(Dictionary<string, string> o, string key, double fallback) => o.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static int[] List(Dictionary<string, string> o, string key, string fallback) =>
        o.GetValueOrDefault(key, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(v => v > 0).ToArray();
}
