using System;
using System.Collections.Generic;
using System.Diagnostics;
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
                    await ThinkAsync(session.ThinkTime, token).ConfigureAwait(false);
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

    // Task.Delay counts on the coarse tick clock (Environment.TickCount64, CLOCK_MONOTONIC_COARSE on Linux), so it can
    // end up to a kernel tick (4 ms at HZ=250) before its time by the Stopwatch that stamps the records: the pause is
    // measured on the records' clock and waited out in whole milliseconds until it has passed.
    private static async Task ThinkAsync(TimeSpan think, CancellationToken token)
    {
        var due = Stopwatch.GetTimestamp() + (long)Math.Ceiling(think.TotalSeconds * Stopwatch.Frequency);
        for (var left = due - Stopwatch.GetTimestamp(); left > 0; left = due - Stopwatch.GetTimestamp())
        {
            await Task.Delay((int)Math.Max(1, Math.Ceiling(left * 1000.0 / Stopwatch.Frequency)), token).ConfigureAwait(false);
        }
    }
}
