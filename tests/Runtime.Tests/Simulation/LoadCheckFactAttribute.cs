using System;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>A load check: runs only when PODBENCH_LOAD_CHECK=1 (it takes tens of seconds and prints figures).</summary>
public sealed class LoadCheckFactAttribute : FactAttribute
{
    public LoadCheckFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PODBENCH_LOAD_CHECK") != "1")
        {
            Skip = "Set PODBENCH_LOAD_CHECK=1 to run the simulator load check.";
        }
    }
}
