namespace PodBench.Runtime.Planning;

/// <summary>One task of a pod as written to <c>plan.json</c> (no secrets).</summary>
/// <param name="Model">Model abbr.</param>
/// <param name="Dataset">Dataset abbr.</param>
/// <param name="Concurrency">The configured concurrency limit of this pod's share.</param>
/// <param name="RequestRate">Target requests/s of this pod's share; 0 when unpaced.</param>
/// <param name="Api">The API kind (StreamChat, Chat, ...).</param>
/// <param name="Replica">This pod's index within a replicated group.</param>
/// <param name="Replicas">Pods of the replicated group.</param>
public sealed record TaskDocument(string Model, string Dataset, int Concurrency, double RequestRate, string Api, int Replica = 0, int Replicas = 1)
{
    /// <summary>At a sweep level: the dataset's abbr as the plan declares it (<see cref="Dataset"/> carries the level); else null.</summary>
    public string? PlanDataset { get; init; }

    /// <summary>At a sweep level: the level's concurrency limit or request rate (the whole group's); else null.</summary>
    public double? Level { get; init; }
    /// <summary>The names of the endpoint's tools (a function-call dataset's own tools are per request and not listed).</summary>
    public System.Collections.Generic.IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>The endpoint's tool choice; null when it sends none.</summary>
    public string? ToolChoice { get; init; }
}
