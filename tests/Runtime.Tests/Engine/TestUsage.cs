namespace PodBench.Runtime.Tests.Engine;

/// <summary>Where the test server puts token usage.</summary>
public enum TestUsage
{
    /// <summary>A separate <c>choices: []</c> chunk (vLLM).</summary>
    Separate,

    /// <summary>Inside the last choices chunk (llama.cpp).</summary>
    InLast,

    /// <summary>No usage at all.</summary>
    None,
}
