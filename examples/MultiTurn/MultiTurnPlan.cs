using System;
using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.MultiTurn;

/// <summary>
/// Multi-turn chat sessions: synthetic sessions (turns per session, think time between turns) and the conversations
/// of a ShareGPT file, each turn carrying the history with the server's own replies. A session's turns run in order;
/// sessions run concurrently up to the concurrency. The report has every metric per turn index, and against a server
/// with a prefix cache (here the simulator's) the cached history and its hit rate.
/// </summary>
[BenchmarkPlan]
public sealed class MultiTurnPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("multiturn-chat") with
    {
        Model = "qwen",
        Concurrency = 4, // sessions at once
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly MultiTurnDataset Sessions = new("sessions")
    {
        Sessions = 8,
        Turns = 4,
        Input = Length.Uniform(32, 64), // words per user message
        Output = Length.Fixed(32),      // tokens per reply
        ThinkTime = TimeSpan.FromMilliseconds(200),
    };

    private static readonly ShareGptDataset Conversations = new("conversations", "data/conversations.jsonl")
    {
        MultiTurn = true,
        ThinkTime = TimeSpan.FromMilliseconds(100),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Chat];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Sessions, Conversations];

    /// <inheritdoc />
    public override SimulatorOptions Simulator => SimulatorOptions.Default with { PrefixCache = new SimulatorPrefixCache() };
}
