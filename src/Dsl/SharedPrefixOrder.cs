namespace PodBench.Dsl;

/// <summary>The send order of a <see cref="SharedPrefixDataset"/>.</summary>
public enum SharedPrefixOrder
{
    /// <summary>Every request of group 0, then of group 1, ...: each prefix is sent while it is fresh.</summary>
    Grouped,

    /// <summary>One request of each group in turn (group 0, 1, ..., 0, 1, ...): the prefixes compete for the cache.</summary>
    Interleaved,
}
