using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>
/// Figures for the simulator under load (not a unit test; opt in with PODBENCH_LOAD_CHECK=1 and run with
/// <c>--logger "console;verbosity=detailed"</c> to see them): the fast-mode ceiling and the pacing accuracy.
/// </summary>
public sealed class SimulatorLoadCheck
{
    private readonly ITestOutputHelper _output;

    public SimulatorLoadCheck(ITestOutputHelper output) => _output = output;

    [LoadCheckFact]
    public async Task Fast_mode_ceiling()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Fast);
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        await CountEventsAsync(client, SimClient.CompletionBody(maxTokens: 10)); // warm-up
        foreach (var streams in new[] { 1, 16, 128 })
        {
            long events = 0;
            long requests = 0;
            var stopAt = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
            {
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    Interlocked.Add(ref events, await CountEventsAsync(client, SimClient.CompletionBody(maxTokens: 1000)));
                    Interlocked.Increment(ref requests);
                }
            }));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            _output.WriteLine($"fast, {streams} streams: {events / seconds:N0} events/s, {requests / seconds:N1} requests/s, "
                + $"CPU {cpuSeconds / seconds:P0} of one core (client and server in one process)");
            Assert.True(events > 0);
        }
    }

    [LoadCheckFact]
    public async Task Pacing_accuracy()
    {
        foreach (var (streams, decodeMs, tokens) in new[] { (1, 8.0, 250), (100, 8.0, 250), (2000, 20.0, 100) })
        {
            var options = SimulatorOptions.Default with
            {
                DecodePerToken = TimeSpan.FromMilliseconds(decodeMs),
                DecodeSlowdownPerStream = 0,
                MaxBatch = 4096,
            };
            await using var server = await SimulatorServer.StartAsync(options);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue };
            using var client = new HttpClient(handler) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
            await StampsAsync(client, SimClient.CompletionBody(maxTokens: 10)); // warm-up: JIT and the first connection
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var stamps = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ =>
                StampsAsync(client, SimClient.CompletionBody(maxTokens: tokens))));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

            // Lateness of every token against its deadline: arrival + TTFT + i x decode (no queueing: MaxBatch is large).
            var arrivals = server.Stats.GetRequests().ToDictionary(r => r.Ordinal);
            var gaps = new List<double>();
            var lateness = new List<double>();
            foreach (var (ordinal, s) in stamps)
            {
                var request = arrivals[ordinal];
                var first = request.ArrivalTimestamp
                    + Ticks(options.BaseTtft + (options.PrefillPerToken * request.PromptTokens));
                for (var i = 0; i < tokens; i++)
                {
                    lateness.Add(Ms(s[i] - first) - (i * decodeMs));
                    if (i > 0)
                    {
                        gaps.Add(Ms(s[i] - s[i - 1]));
                    }
                }
            }

            gaps.Sort();
            lateness.Sort();
            _output.WriteLine($"{streams} streams x {tokens} tokens at {decodeMs} ms: ITL mean {gaps.Average():F3} ms, "
                + $"p50 {gaps[gaps.Count / 2]:F3}, p99 {gaps[(int)(gaps.Count * 0.99)]:F3}; token lateness vs its deadline "
                + $"min {lateness[0]:F3} ms, p50 {lateness[lateness.Count / 2]:F3}, p99 {lateness[(int)(lateness.Count * 0.99)]:F3}, "
                + $"max {lateness[^1]:F3}; {streams * tokens / seconds:N0} tokens/s; CPU {cpuSeconds / seconds:P0} of one core over {seconds:F1} s");
            Assert.True(lateness[0] > -0.05, "no token is written before its deadline");
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task<long> CountEventsAsync(HttpClient client, string body)
    {
        using var response = await SimClient.PostAsync(client, "/v1/completions", body);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        long events = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                events++;
            }
        }

        return events;
    }

    private static async Task<(long Ordinal, long[] Stamps)> StampsAsync(HttpClient client, string body)
    {
        var events = await SimClient.StreamAsync(client, "/v1/completions", body);
        var chunks = events.Where(e => !e.IsDone && e.Json.GetProperty("choices").GetArrayLength() > 0).ToList();
        var ordinal = Convert.ToInt64(chunks[0].Json.GetProperty("id").GetString()!["cmpl-".Length..], 16);
        return (ordinal, chunks.Select(e => e.ServerStamp).ToArray());
    }
}
