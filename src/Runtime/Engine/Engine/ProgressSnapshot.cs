using System;

namespace PodBench.Runtime.Engine;

/// <summary>Live counters of a running task.</summary>
/// <param name="Elapsed">Time since the measured phase started.</param>
/// <param name="Sent">Requests sent (first attempt started).</param>
/// <param name="Receiving">Requests in flight that have received at least one event.</param>
/// <param name="InFlight">Requests in flight.</param>
/// <param name="Succeeded">Requests finished successfully.</param>
/// <param name="Failed">Requests failed.</param>
/// <param name="OutputTokens">Output tokens of finished requests.</param>
/// <param name="Events">Server-sent events received so far (all requests).</param>
public readonly record struct ProgressSnapshot(
    TimeSpan Elapsed, long Sent, long Receiving, long InFlight, long Succeeded, long Failed, long OutputTokens, long Events)
{
    /// <summary>
    /// Requests in flight that have heard nothing from the server (no response head, or no stream event since the
    /// last) for at least 10 s, or half the endpoint's smaller wait limit when that is shorter.
    /// </summary>
    public long Stalled { get; init; }

    /// <summary>The longest time a request in flight has been waiting for the server (its head or its next event).</summary>
    public TimeSpan LongestWait { get; init; }

    /// <summary>Requests finished, successful or not.</summary>
    public long Finished => Succeeded + Failed;
}
