using Xunit;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>
/// Tests that hold the process's one socket loop (<see cref="LoopHold"/>): they run alone, after the parallel ones, so
/// no other test's reads wait behind a hold.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoopHoldingCollection
{
    public const string Name = "holds the socket loop";
}
