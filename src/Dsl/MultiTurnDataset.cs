using System;

namespace PodBench.Dsl;

/// <summary>
/// Synthetic multi-turn conversations (vLLM's multi-turn benchmark, AIPerf and inference-perf sessions):
/// <see cref="Sessions"/> sessions of <see cref="Turns"/> turns each. Every user message is random common words of
/// its own (so only the history repeats); each turn after the first carries the history, every earlier user message
/// and the server's actual reply, and is sent <see cref="ThinkTime"/> after the previous reply ended. A session's
/// turns run in order on one concurrency slot; sessions run concurrently up to the endpoint's concurrency. Needs a
/// chat endpoint. The same <see cref="Seed"/> gives the same messages.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
public sealed record MultiTurnDataset(string Abbr) : Dataset(Abbr)
{
    /// <summary>Number of sessions, 1 .. 2^20.</summary>
    public int Sessions { get; init; } = 8;

    /// <summary>Turns per session, 1 .. 1024 (Sessions x Turns at most 2^20 requests).</summary>
    public int Turns { get; init; } = 4;

    /// <summary>Words of each user message.</summary>
    public LengthDistribution Input { get; init; } = Length.Fixed(64);

    /// <summary>Output tokens of each turn, sent as its <c>max_tokens</c>.</summary>
    public LengthDistribution Output { get; init; } = Length.Fixed(64);

    /// <summary>The pause between a reply's end and the session's next turn (a user reading and typing). Default none.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    /// <summary>Seed of the words and lengths.</summary>
    public int Seed { get; init; } = 42;
}
