using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The later turns of a multi-turn session (<see cref="PromptRow.Session"/>), run on the slot of its first turn: each
/// waits the think time after the previous reply, then carries every earlier user message and reply. A failed turn
/// ends its session (as the reference's multi-turn inferencer does: the next turn would lack its reply).
/// </summary>
internal static class SessionTurns
{
    /// <summary>
    /// Sends turns 1.. of <paramref name="row"/>'s session after its first turn <paramref name="first"/>, each record to
    /// <paramref name="write"/> as it finishes, on <paramref name="ctx"/> through <paramref name="executor"/>, until
    /// <paramref name="token"/> is cancelled or <paramref name="stop"/> (a pressure run's end; null: never) says so.
    /// </summary>
    public static async Task RunAsync(RequestExecutor executor, RequestContext ctx, PromptRow row, RequestRecord first, Func<RequestRecord, Task> write, Func<bool>? stop, CancellationToken token)
    {
        if (row.Session is not { } session)
        {
            return;
        }

        var history = new List<string>(2 + (2 * session.LaterTurns.Count)) { row.Prompt, first.Prediction };
        var previous = first;
        for (var k = 0; k < session.LaterTurns.Count && previous.Success; k++)
        {
            if (session.ThinkTime > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(session.ThinkTime, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (token.IsCancellationRequested || stop?.Invoke() == true)
            {
                return;
            }

            var turn = session.LaterTurns[k];
            var next = row with { Prompt = turn.Prompt, MaxTokens = turn.MaxTokens, TimestampMs = null, Session = null, History = history.ToArray(), TurnId = k + 1 };
            previous = await executor.ExecuteAsync(ctx, next, 0, warmUp: false, token).ConfigureAwait(false);
            await write(previous).ConfigureAwait(false);
            history.Add(turn.Prompt);
            history.Add(previous.Prediction);
        }
    }
}
