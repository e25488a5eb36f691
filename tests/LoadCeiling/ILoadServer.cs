using System;

namespace PodBench.LoadCeiling;

/// <summary>A server in its own process that a load case sends to: where it listens and the CPU it has used.</summary>
internal interface ILoadServer
{
    Uri BaseUrl { get; }

    TimeSpan CpuTime { get; }
}
