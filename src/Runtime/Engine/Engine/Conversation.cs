using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The turns of a multi-turn session after its first (the row's own prompt). The engine sends them in order on the
/// session's slot, each carrying the history (every earlier user message and the server's actual reply), after
/// <see cref="ThinkTime"/> from the previous reply's end.
/// </summary>
/// <param name="LaterTurns">Turns 1, 2, ... of the session.</param>
/// <param name="ThinkTime">The pause between a reply's end and the next turn's send.</param>
public sealed record Conversation(IReadOnlyList<ConversationTurn> LaterTurns, TimeSpan ThinkTime);
