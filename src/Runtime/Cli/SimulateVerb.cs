using System.IO;
using System.Threading;
using PodBench.Dsl;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Simulation;

namespace PodBench.Runtime.Cli;

/// <summary>The <c>simulate</c> verb: the built-in simulated server, until cancelled (RunBenchmark stops it).</summary>
internal static class SimulateVerb
{
    public static int Run(SimulatorOptions options, int port, TextWriter output, CancellationToken cancellationToken) =>
        SimulatorHost.RunAsync(options, port, output, url => RunnerChannel.Current?.Send(new ReadyMessage(url)), cancellationToken).GetAwaiter().GetResult();
}
