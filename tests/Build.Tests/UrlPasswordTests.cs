using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// <c>BenchmarkEndpoint=http://user:password@host</c>: the server gets HTTP Basic authorization, and the password
/// reaches no console line, no build log line, no file of the run folder and no runner's command line.
/// </summary>
public sealed class UrlPasswordTests
{
    private const string Password = "Pw-7c1d9e2b4a";

    [Fact]
    public async Task A_password_in_the_endpoint_url_is_sent_as_basic_auth_and_shown_nowhere()
    {
        var marker = "pbpw" + Guid.NewGuid().ToString("N")[..10];
        var output = Path.Combine(Path.GetTempPath(), marker);
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { DecodePerToken = TimeSpan.FromMilliseconds(5) });
        await using var proxy = new BasicAuthProxy(server.BaseUrl);
        try
        {
            var text = new StringBuilder();
            var commandLines = new HashSet<string>();
            using (var build = MarkedProcesses.StartDotnet(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", $"-p:BenchmarkRun={marker}",
                 $"-p:BenchmarkEndpoint=http://bench:{Password}@127.0.0.1:{proxy.Port}", "-p:BenchmarkNumPrompts=3"],
                marker, text))
            {
                // Every runner's command line, read while it runs (the entry's own is the user's command, not a child's).
                var deadline = DateTime.UtcNow.AddMinutes(10);
                while (!build.HasExited && DateTime.UtcNow < deadline)
                {
                    foreach (var (pid, commandLine) in MarkedProcesses.Find(marker))
                    {
                        if (pid != build.Id)
                        {
                            commandLines.Add(commandLine);
                        }
                    }

                    await Task.Delay(30);
                }

                Assert.True(build.WaitForExit(TimeSpan.FromSeconds(1)), "the build did not finish:\n" + text);
                build.WaitForExit();
                Assert.True(build.ExitCode == 0, text.ToString());
            }

            var log = text.ToString();
            Assert.Contains("http://***@127.0.0.1:" + proxy.Port, log);
            Assert.DoesNotContain(Password, log);
            Assert.Contains(commandLines, c => c.Contains(" run --pod ", StringComparison.Ordinal));
            Assert.All(commandLines, c => Assert.DoesNotContain(Password, c));

            var basic = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + Password));
            Assert.True(proxy.Heads.Count >= 2, $"{proxy.Heads.Count} connection(s) reached the server");
            Assert.All(proxy.Heads, h =>
            {
                Assert.Contains(basic, h.Split("\r\n"));
                Assert.DoesNotContain(Password, h);
            });
            Assert.True(server.Stats.RequestsCompleted >= 6, $"the server completed {server.Stats.RequestsCompleted} requests");

            var leaks = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(Encoding.UTF8.GetBytes(Password)) >= 0)
                .ToArray();
            Assert.Empty(leaks);
        }
        finally
        {
            MarkedProcesses.KillAll(marker);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
