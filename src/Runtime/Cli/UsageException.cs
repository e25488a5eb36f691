using System;

namespace PodBench.Runtime.Cli;

/// <summary>A mistake in how the runner or an MSBuild target was called; its message says which setting and why.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a plain message.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
