namespace PodBench.Dsl;

/// <summary>
/// A JSONL trace: each line has a <c>timestamp</c> in ms from the start and either a <c>prompt</c> or an
/// <c>input_length</c>, and optionally <c>output_length</c>. With <see cref="ModelEndpoint.UseTimestamp"/> the
/// timestamps are the send times.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The JSONL file; relative paths are resolved against the plan project folder.</param>
public sealed record TraceDataset(string Abbr, string Path) : Dataset(Abbr)
{
    /// <summary>Seed of the filler text generated for rows that give only lengths.</summary>
    public int Seed { get; init; } = 42;
}
