using System;
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
    public static PerfSummary SummarizeTask(RunLayout layout, string model, string dataset, SummaryRequest request)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(request);
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        DuckDbSettings.Apply(conn);
        RecordViews.CreateTaskView(conn, layout, model, dataset);
        var summary = Summarizer.Summarize(conn, request);
        CompatibleFiles.WriteCsv(summary, layout.CsvFile(model, dataset));
        CompatibleFiles.WriteJson(summary, layout.JsonFile(model, dataset));
        return summary;
    }
}
