using System;
using System.Collections.Generic;
using DuckDB.NET.Data;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Metrics;

/// <summary>Summarizes one task of a run folder and writes its compatible <c>.csv</c> and <c>.json</c>.</summary>
public static class TaskSummaries
{
    /// <summary>
    /// Opens an in-memory DuckDB, builds the <c>requests</c> view over the task's details and db_data files,
    /// summarizes it, writes <c>performances/&lt;model&gt;/&lt;dataset&gt;.csv</c> and <c>.json</c>, and returns the summary.
    /// </summary>
    public static PerfSummary SummarizeTask(RunLayout layout, string model, string dataset, SummaryRequest request) =>
        Summarize(layout, model, dataset, request, conn => RecordViews.CreateTaskView(conn, layout, model, dataset));

    /// <summary>
    /// As the overload over every pod's files, over pod <paramref name="pod"/>'s part alone (its own attempts and
    /// db_data files; the latest attempt alone when <paramref name="latestOnly"/>): what a running pod summarizes.
    /// </summary>
    public static PerfSummary SummarizeTask(RunLayout layout, int pod, string model, string dataset, SummaryRequest request, bool latestOnly = false) =>
        Summarize(layout, model, dataset, request, conn => RecordViews.CreateTaskView(conn, layout, pod, model, dataset, latestOnly));

    /// <summary>
    /// Summarizes the part of a task the pods <paramref name="pods"/> wrote (every pod's own attempts, one record per
    /// request) and writes no file: what a sweep's pods evaluate the gates on after a level.
    /// </summary>
    public static PerfSummary SummarizePods(RunLayout layout, IReadOnlyList<int> pods, string model, string dataset, SummaryRequest request, bool latestOnly) =>
        SummarizeView(request, conn => RecordViews.CreateTaskView(conn, layout, pods, model, dataset, latestOnly));

    private static PerfSummary Summarize(RunLayout layout, string model, string dataset, SummaryRequest request, Action<DuckDBConnection> view)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var summary = SummarizeView(request, view);
        CompatibleFiles.WriteCsv(summary, layout.CsvFile(model, dataset));
        CompatibleFiles.WriteJson(summary, layout.JsonFile(model, dataset));
        return summary;
    }

    // the summary of the records that view puts in a fresh in-memory database
    private static PerfSummary SummarizeView(SummaryRequest request, Action<DuckDBConnection> view)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        DuckDbSettings.Apply(conn);
        view(conn);
        return Summarizer.Summarize(conn, request);
    }
}
