using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Fuzz;

/// <summary>The known targets; add new ones here (e.g. the SSE parser).</summary>
public static class FuzzTargets
{
    private static readonly Dictionary<string, Func<IFuzzTarget>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["datasets"] = () => new DatasetReadersTarget(),
        ["sse"] = () => new SseStreamTarget(),
        ["http1"] = () => new Http1ResponseTarget(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The targets <paramref name="name"/> selects ("all" selects every one).</summary>
    public static IReadOnlyList<IFuzzTarget> Select(string name)
    {
        if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
        {
            return Factories.Values.Select(f => f()).ToArray();
        }

        return Factories.TryGetValue(name, out var factory)
            ? [factory()]
            : throw new ArgumentException($"unknown target \"{name}\"; known: all, {string.Join(", ", Factories.Keys)}");
    }
}
