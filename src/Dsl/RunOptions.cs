using System;

namespace PodBench.Dsl;

/// <summary>How a run is driven (reference CLI flags). MSBuild properties override these per run.</summary>
public sealed record RunOptions
{
    /// <summary>No pressure, one task at a time, one warm-up request, every prompt.</summary>
    public static RunOptions Default { get; } = new();

    /// <summary>Closed loop: each of the concurrency limit's clients sends back to back until <see cref="PressureTime"/> passes (reference: <c>--pressure</c>).</summary>
    public bool Pressure { get; init; }

    /// <summary>Length of a pressure run (reference: <c>--pressure-time</c>). Default 15 s.</summary>
    public TimeSpan PressureTime { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Tasks of one pod run in parallel (reference: <c>--max-num-workers</c>). Default 1.</summary>
    public int MaxWorkers { get; init; } = 1;

    /// <summary>Requests sent first and left out of the results. Default 1.</summary>
    public int WarmUp { get; init; } = 1;

    /// <summary>Only the first N rows of each dataset (reference: <c>--num-prompts</c>); null means all.</summary>
    public int? NumPrompts { get; init; }

    /// <summary>A copy in pressure mode for <paramref name="seconds"/>.</summary>
    public RunOptions WithPressure(double seconds) => this with { Pressure = true, PressureTime = TimeSpan.FromSeconds(seconds) };

    /// <summary>A copy running <paramref name="workers"/> tasks of a pod in parallel.</summary>
    public RunOptions WithMaxWorkers(int workers) => this with { MaxWorkers = workers };
}
