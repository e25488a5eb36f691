using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>Runs the simulated server as a process's whole job (one server for all pods of a local run).</summary>
public static class SimulatorHost
{
    /// <summary>The start of the line <see cref="RunAsync(SimulatorOptions, int, TextWriter, Action{string}?, CancellationToken)"/> prints once it listens; the base URL follows it.</summary>
    public const string ListeningPrefix = "PodBench simulator listening on ";

    /// <summary>
    /// Starts the server, prints <c>PodBench simulator listening on http://127.0.0.1:PORT</c> as its first line and
    /// serves until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <returns>0 after a clean stop; 1 when the server could not start (the reason is printed).</returns>
    public static Task<int> RunAsync(SimulatorOptions options, int port, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(options, port, output, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(SimulatorOptions, int, TextWriter, CancellationToken)"/>, and calls
    /// <paramref name="onListening"/> with the base URL once the server listens (the runner's channel message).
    /// </summary>
    public static async Task<int> RunAsync(SimulatorOptions options, int port, TextWriter output, Action<string>? onListening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(options, port, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception error) when (error is IOException or ArgumentException or InvalidOperationException)
        {
            await output.WriteLineAsync($"PodBench simulator could not start on 127.0.0.1:{port}: {error.Message}").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            var url = server.BaseUrl.GetLeftPart(UriPartial.Authority);
            await output.WriteLineAsync(ListeningPrefix + url).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            onListening?.Invoke(url);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return 0;
    }
}
