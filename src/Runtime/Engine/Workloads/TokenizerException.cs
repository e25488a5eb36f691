using System;

namespace PodBench.Runtime.Workloads;

/// <summary>A tokenizer folder is missing, unreadable, or uses a feature this tokenizer does not implement.</summary>
public sealed class TokenizerException : Exception
{
    /// <summary>An error with its message (which names the path).</summary>
    public TokenizerException(string message)
        : base(message)
    {
    }

    /// <summary>An error with its message and cause.</summary>
    public TokenizerException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
