using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task Host_prints_the_listening_line_first_and_serves_until_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var output = new LineWriter();
        var run = SimulatorHost.RunAsync(StreamingShapeTests.Quick, 0, output, cancellation.Token);
        var line = await output.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith(SimulatorHost.ListeningPrefix + "http://127.0.0.1:", line, StringComparison.Ordinal);
        var url = new Uri(line[SimulatorHost.ListeningPrefix.Length..]);
        using (var client = SimClient.Create(url))
        {
            using var health = await client.GetAsync("/health");
            Assert.True(health.IsSuccessStatusCode);
        }

        cancellation.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        using var after = SimClient.Create(url);
        await Assert.ThrowsAsync<HttpRequestException>(() => after.GetAsync("/health"));
    }

    [Fact]
    public async Task Host_reports_a_port_in_use()
    {
        await using var taken = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        var output = new StringWriter();
        var code = await SimulatorHost.RunAsync(StreamingShapeTests.Quick, taken.BaseUrl.Port, output, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("could not start", output.ToString(), StringComparison.Ordinal);
    }

    private sealed class LineWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            FirstLine.TrySetResult(value ?? "");
            return base.WriteLineAsync(value);
        }
    }
}
