using System;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// How many tokens a request gets. With <c>ignore_eos</c> it is <c>max_tokens</c>; otherwise the simulated model
/// "stops" after the server's default output length when that comes first. <c>min_tokens</c> is honoured.
/// </summary>
internal static class OutputLength
{
    /// <summary>The output token count and whether it ended on <c>max_tokens</c> (finish reason "length").</summary>
    public static (int Tokens, bool HitMaxTokens) Decide(GenerationRequest request, int defaultOutputTokens)
    {
        var fallback = Math.Max(1, defaultOutputTokens);
        var max = request.MaxTokens;
        var tokens = request.IgnoreEos ? max ?? fallback : Math.Min(max ?? fallback, fallback);
        tokens = Math.Max(tokens, Math.Min(request.MinTokens, max ?? int.MaxValue));
        return (tokens, max is { } limit && tokens >= limit);
    }
}
