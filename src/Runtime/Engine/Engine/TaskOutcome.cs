using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Engine;

/// <summary>How one task of one pod went: counts, failure reasons, achieved pacing and whether the client kept up.</summary>
public sealed record TaskOutcome
{
    /// <summary>The task's name, <c>model/dataset</c>.</summary>
    public required string TaskName { get; init; }

    /// <summary>The pod that ran it.</summary>
    public int Pod { get; init; }

    /// <summary>How requests were driven: <c>pressure</c>, <c>paced</c>, <c>trace</c> or <c>unpaced</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>Measured requests sent (warm-ups excluded).</summary>
    public long Sent { get; init; }

    /// <summary>Measured requests that succeeded.</summary>
    public long Succeeded { get; init; }

    /// <summary>Measured requests that failed (including those never sent because <c>Retry</c> is 0).</summary>
    public long Failed { get; init; }

    /// <summary>Failure reason -> count (HTTP failures by status, without the body excerpt).</summary>
    public IReadOnlyDictionary<string, long> FailureReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Warm-up requests sent (their records are not passed to the sink).</summary>
    public long WarmUpSent { get; init; }

    /// <summary>Warm-up requests that succeeded.</summary>
    public long WarmUpSucceeded { get; init; }

    /// <summary>This pod's concurrency limit (its share of a replicated group's).</summary>
    public int ConcurrencyLimit { get; init; }

    /// <summary>The most requests that were in flight at once.</summary>
    public long MaxInFlight { get; init; }

    /// <summary>The schedule's own rate of this pod's paced sends, requests/s; null when unpaced.</summary>
    public double? TargetRate { get; init; }

    /// <summary>The rate at which those sends actually went out, requests/s; null when unpaced.</summary>
    public double? AchievedRate { get; init; }

    /// <summary>Actual minus scheduled send time of paced requests.</summary>
    public LagSummary SendLag { get; init; } = LagSummary.Empty;

    /// <summary>Client reading of an event minus the server's stamp of it (<c>x_sim_ts</c>; same machine only).</summary>
    public LagSummary ClientLag { get; init; } = LagSummary.Empty;

    /// <summary>
    /// How long events waited in the socket before the client read them, where the kernel stamped their arrival (which
    /// is then their reading): the client's own queueing, kept out of the latencies.
    /// </summary>
    public LagSummary ReadDelay { get; init; } = LagSummary.Empty;

    /// <summary>False when send lag p99 exceeded 1 ms or the achieved rate fell below 95% of the target.</summary>
    public bool ClientKeptUp { get; init; } = true;

    /// <summary>Why <see cref="ClientKeptUp"/> is false, in plain words; null when it is true.</summary>
    public string? ClientMessage { get; init; }

    /// <summary>From the first measured send to the end of the last measured request.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Output tokens of the successful measured requests.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Server-sent events received by measured requests.</summary>
    public long Events { get; init; }

    /// <summary>Mean E2EL of the successful measured requests, seconds (0 when none succeeded).</summary>
    public double MeanE2elSeconds { get; init; }

    /// <summary>Plain-language warnings about the run (e.g. a pressure time shorter than three mean E2ELs).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}
