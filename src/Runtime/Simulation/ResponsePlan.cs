using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>What one accepted request will be answered with.</summary>
/// <param name="Request">The request.</param>
/// <param name="Ordinal">Its 1-based arrival order.</param>
/// <param name="Tokens">Output tokens to generate.</param>
/// <param name="FinishReason"><c>length</c> when <c>max_tokens</c> was reached, else <c>stop</c>.</param>
/// <param name="Fault">The fault to show, or <see cref="SimulatorFault.None"/>.</param>
internal sealed record ResponsePlan(GenerationRequest Request, long Ordinal, int Tokens, string FinishReason, SimulatorFault Fault)
{
    /// <summary>Unix seconds when the request was accepted.</summary>
    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The response id, shaped like vLLM's.</summary>
    public string Id { get; } = (Request.IsChat ? "chatcmpl-" : "cmpl-") + Ordinal.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Prompt tokens served from the prefix cache, reported as <c>usage.prompt_tokens_details.cached_tokens</c>; null
    /// without a prefix cache (then usage has no <c>prompt_tokens_details</c>). Set when the request gets its slot.
    /// </summary>
    public int? CachedTokens { get; set; }

    /// <summary>Tokens generated so far: they hold KV cache until the stream ends (<see cref="SimulatorCounters"/>).</summary>
    public int Generated { get; set; }

    /// <summary>Usage as (prompt, completion) tokens.</summary>
    public (int Prompt, int Completion) Usage => (Request.PromptTokens, Tokens);
}
