using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Merge;

/// <summary>
/// The merge's records: every verified pod's files through the same <c>requests</c> view a task uses
/// (<see cref="RecordViews"/>), materialized once as the persistent table <c>main.requests</c>; each scope is then
/// summarized by the task's own <see cref="Summarizer"/> over a temp view <c>requests</c> of its rows.
/// </summary>
internal static class MergedRecords
{
    public static void Load(DuckDBConnection connection, string runDir, IReadOnlyList<PodManifest> pods)
    {
        var files = pods.SelectMany(p => p.Tasks).SelectMany(t => t.Files).ToList();
        // Distinct: pods of a replicated group list their task's one shared details file each.
        var details = files.Where(f => f.Kind == "details").Select(f => Full(runDir, f.Path)).Distinct(System.StringComparer.Ordinal).ToList();
        var db = files.Where(f => f.Kind == "db_data").Select(f => Full(runDir, f.Path)).Distinct(System.StringComparer.Ordinal).ToList();
        if (details.Count == 0)
        {
            Sql.Execute(connection, "CREATE OR REPLACE TEMP VIEW requests AS SELECT NULL::VARCHAR AS model_abbr, NULL::VARCHAR AS data_abbr, NULL::INTEGER AS pod, NULL::BIGINT AS id, NULL::VARCHAR AS uuid, false AS success, '' AS error_info, 0::BIGINT AS input_tokens, 0::BIGINT AS output_tokens, '' AS usage_source, 1 AS attempts, 0 AS http_status, 0::BIGINT AS scheduled_ns, []::BIGINT[] AS time_points_ns, []::BIGINT[] AS server_time_points_ns, true AS stream, 0 AS turn_id, NULL::VARCHAR AS data_id, NULL::VARCHAR AS db_name, NULL::BIGINT AS db_row WHERE false");
        }
        else
        {
            RecordViews.CreateRequestsView(connection, details, db);
        }

        var table = Table(connection);
        Sql.Execute(connection, $"""
            CREATE TABLE {table} AS SELECT * FROM temp.requests;
            DROP VIEW temp.requests;
            CREATE TABLE {Table(connection, "request_times")} AS
            SELECT pod, model_abbr, data_abbr, id, uuid, success, error_info,
                   time_points_ns[1] AS start_ns, time_points_ns[2] AS first_ns, time_points_ns[-1] AS end_ns,
                   len(time_points_ns) AS readings, input_tokens, output_tokens, scheduled_ns, stream
            FROM {table};
            """);
    }

    /// <summary>Summarizes every record (<paramref name="model"/> null) or one task's records across pods.</summary>
    public static PerfSummary Summarize(DuckDBConnection connection, SummaryRequest request, string? model, string? dataset)
    {
        var filter = model is null ? "" : $" WHERE model_abbr = {Sql.Text(model)} AND data_abbr = {Sql.Text(dataset ?? "")}";
        Sql.Execute(connection, $"CREATE OR REPLACE TEMP VIEW requests AS SELECT * FROM {Table(connection)}{filter}");
        try
        {
            return Summarizer.Summarize(connection, request);
        }
        finally
        {
            Sql.Execute(connection, "DROP VIEW IF EXISTS temp.requests");
        }
    }

    /// <summary>The persistent table's fully qualified name (a temp view named <c>requests</c> may shadow it).</summary>
    public static string Table(DuckDBConnection connection, string name = "requests") =>
        "\"" + ((string)Sql.Row(connection, "SELECT current_database()")[0]!).Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\".main." + name;

    private static string Full(string runDir, string relative) => Path.GetFullPath(Path.Combine(runDir, relative)).Replace('\\', '/');
}
