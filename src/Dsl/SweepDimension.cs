namespace PodBench.Dsl;

/// <summary>What a <see cref="Sweep"/> varies from level to level.</summary>
public enum SweepDimension
{
    /// <summary>The concurrency limit (<see cref="ModelEndpoint.Concurrency"/>): each level an integer of at least 1.</summary>
    Concurrency,

    /// <summary>The request rate (<see cref="ModelEndpoint.RequestRate"/>), requests/s: each level more than 0.</summary>
    RequestRate,
}
