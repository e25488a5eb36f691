using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Merge;

/// <summary>
/// The merge's records in <c>merged.duckdb</c>: the table <c>records</c>, every verified pod's details lines joined
/// to their readings like the <c>requests</c> view a task uses, with the readings reduced to scalars in one pass
/// (<see cref="RecordViews"/>, records_table.sql); <c>request_times</c> for the charts; and the view
/// <c>requests</c> of docs/record-schema.md over <c>records</c> and the db_data files kept beside it. Every scope
/// (the merge, each task) is summarized by the task's own <see cref="Summarizer"/> in one multi-scope pass.
/// </summary>
internal static class MergedRecords
{
    private const string DetailsTable = "merge_details";

    /// <summary>
    /// Creates <c>records</c> and <c>request_times</c>; returns the db_data files read. Only the lines of the attempts
    /// the pods' manifests list count (their db_data files, in manifest order), and each request once
    /// (<see cref="RecordSql.OnePerRequest"/>; in a pressure run every record is its own request).
    /// </summary>
    public static IReadOnlyList<string> Load(DuckDBConnection connection, string runDir, IReadOnlyList<PodManifest> pods, IReadOnlyList<(string Model, string Dataset)> tasks, bool pressure = false)
    {
        var files = pods.SelectMany(p => p.Tasks).SelectMany(t => t.Files).ToList();
        // Distinct: pods of a replicated group list their task's one shared details file each.
        var details = files.Where(f => f.Kind == "details").Select(f => Full(runDir, f.Path)).Distinct(System.StringComparer.Ordinal).ToList();
        var db = files.Where(f => f.Kind == "db_data").Select(f => Full(runDir, f.Path)).Distinct(System.StringComparer.Ordinal).ToList();
        var attempts = db.Select(f => Path.GetFileNameWithoutExtension(f)).Distinct(System.StringComparer.Ordinal).ToList();
        Sql.Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE {DetailsTable} AS
            SELECT d.*, a.attempt FROM ({RecordViews.DetailsSource(details)}) AS d JOIN ({RecordSql.AttemptRows(attempts)}) AS a ON a.db_name = d.db_name;
            """);
        var onePerRequest = $"SELECT d.* EXCLUDE (attempt) FROM temp.main.{DetailsTable} AS d QUALIFY {RecordSql.RequestRank(pressure, "d.attempt")} = 1";
        RecordViews.CreateRecordsTable(connection, Table(connection, "records"), onePerRequest, db, tasks);
        Sql.Execute(connection, $"""
            CREATE VIEW {Table(connection, "request_times")} AS
            SELECT pod, model_abbr, data_abbr, id, uuid, success, error_info, start_ns, first_ns, end_ns,
                   readings, input_tokens, output_tokens, scheduled_ns, stream
            FROM records;
            """);
        return db;
    }

    /// <summary>The requests <see cref="Load"/> found more than one record of, by task and id (none in a pressure run, where every record is a request).</summary>
    public static IReadOnlyList<DuplicateRequest> Duplicates(DuckDBConnection connection, bool pressure) =>
        Sql.Rows(connection, $"""
            SELECT coalesce(d.extra_perf_data.model_abbr, ''), d.data_abbr, coalesce(d.extra_perf_data.pod, 0), d.id, coalesce(d.turn_id, 0), count(*), count_if(d.success)
            FROM temp.main.{DetailsTable} AS d
            GROUP BY {RecordSql.RequestKey(pressure)}
            HAVING count(*) > 1
            ORDER BY 1, 2, 3, 4, 5
            """)
            .Select(r => new DuplicateRequest((string)r[0]!, (string)r[1]!, (int)Sql.Long(r[2]), Sql.Long(r[3]), (int)Sql.Long(r[4]), Sql.Long(r[5]), Sql.Long(r[6])))
            .ToList();

    /// <summary>
    /// Creates the view <c>requests</c> (docs/record-schema.md) over <c>records</c> and <paramref name="dbFiles"/>
    /// (the db_data files kept in the merge folder; absolute paths).
    /// </summary>
    public static void CreateRequestsView(DuckDBConnection connection, IReadOnlyList<string> dbFiles)
    {
        Sql.Execute(connection, $"""
            CREATE VIEW {Table(connection, "requests")} AS
            SELECT r.model_abbr, r.data_abbr, r.pod, r.id, r.uuid, r.success, r.error_info, r.input_tokens, r.output_tokens,
                   r.usage_source, r.attempts, r.http_status, r.scheduled_ns,
                   CASE WHEN r.readings IS NOT NULL THEN t.time_points_ns END AS time_points_ns,
                   CASE WHEN r.readings IS NOT NULL THEN t.server_time_points_ns END AS server_time_points_ns,
                   CASE WHEN r.readings IS NOT NULL THEN t.noncontent_readings END AS noncontent_readings,
                   r.stream, r.turn_id, r.data_id, r.db_name, r.db_row, r.cached_tokens
            FROM records AS r
            LEFT JOIN ({RecordViews.DbSource(dbFiles)}) AS t ON t.db_name = r.db_name AND t.row = r.db_row;
            """);
    }

    /// <summary>Summarizes every scope (a null task: every record) over <c>records</c> and the readings of <paramref name="dbFiles"/>.</summary>
    public static List<PerfSummary> Summarize(DuckDBConnection connection, IReadOnlyList<SummaryScope> scopes, IReadOnlyList<string> dbFiles)
    {
        var records = Table(connection, "records");
        return Summarizer.SummarizeRecords(connection, "SELECT * FROM " + records, Readings(connection, records, RecordViews.DbSource(dbFiles)), scopes);
    }

    /// <summary>
    /// The readings of the successful records with their task (<c>task, t, s, n</c>: time points, server stamps, readings
    /// without content), for the summary's passes over every
    /// time point. Joining the readings, even to small tables, carries every list through a hash probe (a quarter of
    /// a pass's time at 1/10 of the merge benchmark's size), so the join is left out when it cannot drop a row: when every db_data row belongs to exactly
    /// one successful record and each db_name to one task.
    /// </summary>
    internal static string Readings(DuckDBConnection connection, string records, string source)
    {
        var tasks = Sql.Rows(connection, $"SELECT db_name, min(task), count(DISTINCT task) FROM {records} WHERE success GROUP BY db_name ORDER BY db_name");
        var ambiguous = tasks.Any(r => Sql.Long(r[2]) > 1);
        if (ambiguous)
        {
            return $"SELECT k.task, p.time_points_ns AS t, p.server_time_points_ns AS s, p.noncontent_readings AS n FROM ({source}) AS p JOIN (SELECT db_name, db_row, task FROM {records} WHERE success) AS k ON k.db_name = p.db_name AND k.db_row = p.row";
        }

        // Success implies the row's readings exist, so the successful keys are a subset of the db_data keys; equal
        // counts (db_data rows, distinct successful keys) make the two one set with no repeated key.
        var successKeys = Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM (SELECT DISTINCT db_name, db_row FROM {records} WHERE success)")[0]);
        var dbRows = Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM ({source})")[0]);
        if (successKeys == dbRows && tasks.Count <= 256)
        {
            var task = tasks.Count == 0
                ? "-1"
                : "CASE p.db_name " + string.Concat(tasks.Select(r => $"WHEN {Sql.Text((string)r[0]!)} THEN {Sql.Long(r[1]).ToString(System.Globalization.CultureInfo.InvariantCulture)} ")) + "END";
            return $"SELECT {task} AS task, p.time_points_ns AS t, p.server_time_points_ns AS s, p.noncontent_readings AS n FROM ({source}) AS p";
        }

        return $"""
               SELECT m.task, p.time_points_ns AS t, p.server_time_points_ns AS s, p.noncontent_readings AS n
               FROM ({source}) AS p
               JOIN (SELECT db_name, min(task) AS task FROM {records} WHERE success GROUP BY db_name) AS m ON m.db_name = p.db_name
               SEMI JOIN (SELECT db_name, db_row FROM {records} WHERE success) AS k ON k.db_name = p.db_name AND k.db_row = p.row
               """;
    }

    /// <summary>A table's fully qualified name in the merge database (a temp object of the same name may shadow it).</summary>
    public static string Table(DuckDBConnection connection, string name) =>
        "\"" + ((string)Sql.Row(connection, "SELECT current_database()")[0]!).Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\".main." + name;

    private static string Full(string runDir, string relative) => Path.GetFullPath(Path.Combine(runDir, relative)).Replace('\\', '/');
}
