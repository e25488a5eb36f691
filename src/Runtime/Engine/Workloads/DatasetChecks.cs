namespace PodBench.Runtime.Workloads;

/// <summary>Checks shared by the dataset kinds whose sizes are counts.</summary>
internal static class DatasetChecks
{
    /// <summary>The largest count (2^20), as in the reference.</summary>
    public const int Limit = 1 << 20;

    /// <summary>Refuses the first set value outside 1 .. <see cref="Limit"/>, naming <paramref name="dataset"/> and the member.</summary>
    public static void Counts(string dataset, params (string Name, int? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (value is < 1 or > Limit)
            {
                throw new DatasetException($"dataset \"{dataset}\": {name} must be in 1..{Limit}, got {value}");
            }
        }
    }
}
