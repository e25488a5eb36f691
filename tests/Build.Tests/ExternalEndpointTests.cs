using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// <c>BenchmarkEndpoint</c> pointed at a server the build did not start (here a simulator that demands an API key),
/// with <c>BenchmarkNumPrompts</c>: the key from <c>BENCHMARK_API_KEY</c> reaches the server and no written byte.
/// </summary>
public sealed class ExternalEndpointTests
{
    private const string Secret = "sk-podbench-test-7f3a9c1e5b";

    [Fact]
    public async Task An_external_server_gets_the_requests_and_the_key_never_reaches_a_file_or_the_log()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { RequiredApiKey = Secret });
        var output = Path.Combine(Path.GetTempPath(), "podbench-ext-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=ext",
                 $"-p:BenchmarkEndpoint={server.BaseUrl.ToString().TrimEnd('/')}", "-p:BenchmarkNumPrompts=3"],
                RepoPaths.Root,
                new Dictionary<string, string> { ["BENCHMARK_API_KEY"] = Secret });

            Assert.True(exitCode == 0, log);
            Assert.DoesNotContain("simulated server at", log);
            using var merged = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "ext", "performances", "merge_results", "merged.json")));
            Assert.Equal(6, merged.RootElement.GetProperty("Success Requests").GetProperty("total").GetInt32());
            Assert.True(server.Stats.RequestsCompleted >= 6, $"the server completed {server.Stats.RequestsCompleted} requests");

            Assert.DoesNotContain(Secret, log);
            var leaks = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .Where(f => Contains(File.ReadAllBytes(f), Encoding.UTF8.GetBytes(Secret)))
                .ToArray();
            Assert.Empty(leaks);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
