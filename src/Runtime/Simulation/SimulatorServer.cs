using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The built-in simulated OpenAI-compatible server: real Kestrel on 127.0.0.1 that answers like vLLM (streaming and
/// not, chat and completions), with the latency model and faults of <see cref="SimulatorOptions"/>, so a whole
/// benchmark runs without a GPU.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly SimulatorApp _app;
    private int _stopped;

    private SimulatorServer(WebApplication web, SimulatorApp app, Uri baseUrl)
    {
        _web = web;
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's base URL, <c>http://127.0.0.1:PORT</c> (no trailing path; add <c>/v1/...</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The server-side counters.</summary>
    public SimulatorStats Stats => _app.Stats;

    /// <summary>The options the server runs with.</summary>
    public SimulatorOptions Options => _app.Options;

    /// <summary>Starts a server on 127.0.0.1.</summary>
    /// <param name="options">The latency model and faults.</param>
    /// <param name="port">The port; 0 takes a free one (see <see cref="BaseUrl"/>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "The simulator's port must be 0 (any free port) to 65535.");
        }

        var app = new SimulatorApp(options, new SimulatorStats());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = Array.Empty<string>(),
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var web = builder.Build();
        web.Run(app.HandleAsync);
        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await web.DisposeAsync().ConfigureAwait(false);
            app.Dispose();
            throw;
        }

        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address).Port;
        return new SimulatorServer(web, app, new Uri($"http://127.0.0.1:{bound}"));
    }

    /// <summary>Ends every open stream and stops listening.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _app.BeginStop();
        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        _app.Dispose();
    }

    /// <summary>Stops the server (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
