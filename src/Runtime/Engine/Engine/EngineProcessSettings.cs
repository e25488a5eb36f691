using System;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Process-wide settings that make a runner process a better load client. Call <see cref="Apply"/> first thing in
/// <c>Main</c>, before any socket exists: .NET reads the socket setting once, when the first socket is created.
/// </summary>
/// <remarks>
/// Inline socket completions run the code after each socket read on the socket event thread instead of handing it to
/// the thread pool. The engine's per-read work is short (split events, stamp, parse a chunk), so this removes a thread
/// hop and its futex wake-up per read: on a 2-core VM a 64-stream run used half the CPU and its client lag p50 fell
/// from about 210 to 120 µs (tests/LoadCeiling/RESULTS.md).
/// </remarks>
public static class EngineProcessSettings
{
    /// <summary>The environment variable .NET reads for inline socket completions.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether this process runs socket completions inline (the variable is "1").</summary>
    public static bool InlineSocketCompletions => Environment.GetEnvironmentVariable(InlineCompletionsVariable) == "1";

    /// <summary>
    /// Turns inline socket completions on unless the variable is already set (a user's "0" is kept). Effective only
    /// if no socket was created in this process yet.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
    }
}
