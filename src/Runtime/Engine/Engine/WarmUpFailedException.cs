using System;

namespace PodBench.Runtime.Engine;

/// <summary>Every warm-up request of a task failed, so the task was stopped before its measured requests.</summary>
public sealed class WarmUpFailedException : Exception
{
    /// <summary>Creates the exception with its plain-language message.</summary>
    public WarmUpFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its plain-language message and cause.</summary>
    public WarmUpFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WarmUpFailedException()
    {
    }
}
