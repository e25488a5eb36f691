using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace PodBench.Runtime.Engine;

/// <summary>
/// What one pod sends for a task: its rows (global ordinals Replica, Replica + Replicas, ... of the first N rows),
/// their scheduled offsets when paced (from the GLOBAL schedule, so the pods of a group interleave), and its share
/// of the concurrency limit (ceil/floor split that sums to the configured limit).
/// </summary>
internal sealed class TaskPlan
{
    private TaskPlan(string mode, PromptRow[] rows, long[]? offsetTicks, int concurrency)
    {
        Mode = mode;
        Rows = rows;
        OffsetTicks = offsetTicks;
        Concurrency = concurrency;
    }

    public string Mode { get; }

    public PromptRow[] Rows { get; }

    /// <summary>Send offsets in Stopwatch ticks from the start, one per row, non-decreasing; null when not paced.</summary>
    public long[]? OffsetTicks { get; }

    public int Concurrency { get; }

    /// <summary>The requests the rows make: one each, and a multi-turn session's later turns (fewer when a turn fails).</summary>
    public int Requests => Rows.Length + Rows.Sum(r => r.Session?.LaterTurns.Count ?? 0);

    /// <summary>The schedule's own rate over this pod's sends, requests/s; null when unpaced or fewer than 2 sends.</summary>
    public double? TargetRate
    {
        get
        {
            if (OffsetTicks is not { Length: > 1 } offsets)
            {
                return null;
            }

            var span = (offsets[^1] - offsets[0]) / (double)Stopwatch.Frequency;
            return span > 0 ? (offsets.Length - 1) / span : null;
        }
    }

    private static void SortStable(long[] offsets, PromptRow[] rows)
    {
        var sorted = true;
        for (var k = 1; k < offsets.Length && sorted; k++)
        {
            sorted = offsets[k - 1] <= offsets[k];
        }

        if (sorted)
        {
            return;
        }

        var order = new int[offsets.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        var keys = (long[])offsets.Clone();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var oldRows = (PromptRow[])rows.Clone();
        for (var k = 0; k < order.Length; k++)
        {
            offsets[k] = keys[order[k]];
            rows[k] = oldRows[order[k]];
        }
    }

    /// <summary>The plan without the rows in <paramref name="skip"/>; a schedule's remaining offsets keep their gaps and start at 0.</summary>
    private static TaskPlan WithoutSkipped(TaskPlan plan, IReadOnlySet<long> skip)
    {
        var keep = Enumerable.Range(0, plan.Rows.Length).Where(k => !skip.Contains(plan.Rows[k].Id)).ToArray();
        var offsets = plan.OffsetTicks is { } all ? keep.Select(k => all[k]).ToArray() : null;
        if (offsets is { Length: > 0 })
        {
            var first = offsets[0];
            for (var k = 0; k < offsets.Length; k++)
            {
                offsets[k] -= first;
            }
        }

        return new TaskPlan(plan.Mode, keep.Select(k => plan.Rows[k]).ToArray(), offsets, plan.Concurrency);
    }

    public static TaskPlan Create(TaskRunRequest request)
    {
        var task = request.Task;
        var endpoint = task.Model;
        if (task.Replicas < 1 || task.Replica < 0 || task.Replica >= task.Replicas)
        {
            throw new ArgumentException($"Task {task.Name}: replica {task.Replica} of {task.Replicas} is out of range.", nameof(request));
        }

        if (endpoint.Concurrency < 1)
        {
            throw new ArgumentException($"Model endpoint '{endpoint.Abbr}': Concurrency must be at least 1 (got {endpoint.Concurrency}).", nameof(request));
        }

        if (request.Run.Pressure && request.Run.PressureTime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Task {task.Name}: PressureTime must be positive (got {request.Run.PressureTime}).", nameof(request));
        }

        var total = Math.Min(request.Run.NumPrompts ?? request.Rows.Count, request.Rows.Count);
        total = Math.Max(total, 0);
        var count = total <= task.Replica ? 0 : ((total - 1 - task.Replica) / task.Replicas) + 1;
        var rows = new PromptRow[count];
        for (var k = 0; k < count; k++)
        {
            rows[k] = request.Rows[task.Replica + (k * task.Replicas)];
        }

        var concurrency = Math.Max(1, (endpoint.Concurrency / task.Replicas) + (task.Replica < endpoint.Concurrency % task.Replicas ? 1 : 0));
        if (request.Run.Pressure)
        {
            return new TaskPlan("pressure", rows, null, concurrency);
        }

        if (request.Skip is { Count: > 0 } skip)
        {
            return WithoutSkipped(Create(request with { Skip = null }), skip);
        }

        double[] global;
        string mode;
        if (endpoint.UseTimestamp)
        {
            global = SendSchedule.FromTimestamps(request.Rows, total);
            mode = "trace";
        }
        else if (SendSchedule.IsPaced(endpoint))
        {
            global = SendSchedule.FromRate(total, endpoint.RequestRate, endpoint.Burstiness, endpoint.RampUp, request.Seed);
            mode = "paced";
        }
        else
        {
            return new TaskPlan("unpaced", rows, null, concurrency);
        }

        var offsets = new long[count];
        for (var k = 0; k < count; k++)
        {
            offsets[k] = (long)Math.Round(global[task.Replica + (k * task.Replicas)] * Stopwatch.Frequency);
        }

        SortStable(offsets, rows);
        return new TaskPlan(mode, rows, offsets, concurrency);
    }
}
