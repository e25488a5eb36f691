using System.Collections.Generic;

namespace PodBench.Runtime.Planning;

/// <summary>
/// Per-run overrides of a plan (the MSBuild properties of interface.md, passed to the runner as arguments).
/// Null means "as the plan says".
/// </summary>
public sealed record RunSettings
{
    /// <summary>Base URL every model's requests go to (<c>BenchmarkEndpoint</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Per-model base URLs (<c>BenchmarkEndpoints</c>), by model abbr.</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; init; } = new Dictionary<string, string>();

    /// <summary>Pressure mode (<c>BenchmarkPressure</c>).</summary>
    public bool? Pressure { get; init; }

    /// <summary>Pressure time in seconds (<c>BenchmarkPressureTime</c>).</summary>
    public double? PressureTime { get; init; }

    /// <summary>Tasks of one pod run in parallel (<c>BenchmarkMaxWorkers</c>).</summary>
    public int? MaxWorkers { get; init; }

    /// <summary>Only the first N rows of each dataset (<c>BenchmarkNumPrompts</c>).</summary>
    public int? NumPrompts { get; init; }

    /// <summary>
    /// Microseconds the socket loop keeps polling after its last event instead of sleeping (<c>BenchmarkBusyPoll</c>);
    /// null or 0 leaves it sleeping. Polling spends a core to avoid the wake-up of an idle CPU, which on a VM can
    /// reach milliseconds and counts as client lag.
    /// </summary>
    public int? BusyPollMicroseconds { get; init; }

    /// <summary>
    /// Whether each event's reading is its arrival as the kernel stamped it (<c>BenchmarkArrivalStamps</c>); null keeps
    /// the default, on where supported. Off, a reading is taken when the client reads the event, so the client's own
    /// queueing counts in TTFT and ITL, as in clients without stamps.
    /// </summary>
    public bool? ArrivalStamps { get; init; }

    /// <summary>
    /// Seconds between two scrapes of the server's metrics (<c>BenchmarkScrapeInterval</c>): overrides the plan's
    /// <c>ServerMetrics.Interval</c>, and turns scraping of <c>/metrics</c> on when the plan has none.
    /// </summary>
    public double? ScrapeInterval { get; init; }
}
