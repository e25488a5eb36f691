using System.Collections.Generic;

namespace PodBench.Fuzz;

/// <summary>Something the harness feeds random inputs to.</summary>
public interface IFuzzTarget
{
    /// <summary>The name given to <c>--target</c>.</summary>
    string Name { get; }

    /// <summary>Valid and near-valid inputs the mutations start from.</summary>
    IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Byte strings worth inserting (keywords, edge-case values).</summary>
    IReadOnlyList<byte[]> Dictionary { get; }

    /// <summary>
    /// Processes one input. Returns normally when the input was handled correctly (accepted, or rejected with the
    /// target's own error); throws <see cref="FuzzFailure"/> when an invariant is broken. Any other exception is a crash.
    /// Returns true when the input was accepted (accepted inputs may join the corpus).
    /// </summary>
    bool Run(byte[] input);
}
