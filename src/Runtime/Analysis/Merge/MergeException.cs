using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Merge;

/// <summary>The merge refused: every problem found is listed, in plain words.</summary>
public sealed class MergeException : Exception
{
    /// <summary>A refusal with its problems.</summary>
    public MergeException(string summary, IReadOnlyList<string> problems)
        : base(summary + (problems.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p))))
    {
        Problems = problems;
    }

    /// <summary>Every problem, one sentence each (e.g. <c>pod 1: no manifest ...</c>).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>True when the merge refused because another process holds the run (a pod still writing, another merge): rerunning pods would not help.</summary>
    public bool Busy { get; init; }
}
