using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM to the process that embeds the simulator (the default console
/// lifetime would take them over and print start-up lines).
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
