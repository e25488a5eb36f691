namespace PodBench.Runtime.Metrics;

/// <summary>tabulate's column types, most generic last.</summary>
internal enum CellType
{
    /// <summary>An int.</summary>
    Int,

    /// <summary>A float.</summary>
    Float,

    /// <summary>A string.</summary>
    Str,
}
