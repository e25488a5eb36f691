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

    /// <summary>Creates the exception for the rule <paramref name="code"/> (e.g. <c>PB0102</c>, docs/diagnostics.md).</summary>
    public UsageException(string message, string? code)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The rule id the message belongs to; null when none.</summary>
    public string? Code { get; }
}
