using System;
using System.Collections.Generic;
using PodBench.Dsl;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Engine;

/// <summary>Everything the engine needs to run one task (one model endpoint x one dataset) of one pod.</summary>
public sealed record TaskRunRequest
{
    /// <summary>The task: model endpoint, dataset, pod and its share of a replicated group.</summary>
    public required TaskSpec Task { get; init; }

    /// <summary>The resolved server base URL (<c>http://host:port</c>, optionally with a path prefix).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The resolved API key; sent as <c>Authorization: Bearer</c>, never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The dataset's rows, in dataset order.</summary>
    public required IReadOnlyList<PromptRow> Rows { get; init; }

    /// <summary>How the run is driven (pressure, warm-up, number of prompts).</summary>
    public required RunOptions Run { get; init; }

    /// <summary>Counts tokens when the server reports no usage; null leaves such counts at 0.</summary>
    public ITokenCounter? Tokenizer { get; init; }

    /// <summary>The pod's clock; every timestamp of a record is mapped through it.</summary>
    public required PodClock Clock { get; init; }

    /// <summary>
    /// Dataset row ids this pod already has a successful record of (a resumed run): they keep their place in the
    /// replica split and the schedule, and are not sent.
    /// </summary>
    public IReadOnlySet<long>? Skip { get; init; }

    /// <summary>Seed of the send schedule (gamma intervals).</summary>
    public int Seed { get; init; } = 42;
}
