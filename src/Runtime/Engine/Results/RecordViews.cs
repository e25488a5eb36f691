using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Results;

/// <summary>
/// Builds the <c>requests</c> view and the <c>tasks</c> table of docs/record-schema.md on a DuckDB connection,
/// from details JSONL files and db_data files (Parquet and/or journals). Torn last lines are skipped.
/// </summary>
public static class RecordViews
{
    /// <summary>
    /// Creates (or replaces) the temp view <c>requests</c> over <paramref name="detailsFiles"/> joined on
    /// (db_name, row) to the readings in <paramref name="dbDataFiles"/> (<c>.parquet</c> and <c>.jsonl</c>).
    /// A journal whose Parquet twin is also listed is ignored.
    /// </summary>
    public static void CreateRequestsView(DuckDBConnection conn, IEnumerable<string> detailsFiles, IEnumerable<string> dbDataFiles)
    {
        ArgumentNullException.ThrowIfNull(conn);
        RequestsView(conn, DetailsSource(detailsFiles.ToList()), DbSource(dbDataFiles));
    }

    private static void RequestsView(DuckDBConnection conn, string detailsSql, string dbSql) => Execute(conn, RecordSql.Resource("requests_view.sql")
        .Replace("{details_join}", DetailsJoin("time_points_ns", "t.time_points_ns AS time_points_ns, t.server_time_points_ns AS server_time_points_ns, t.noncontent_readings AS noncontent_readings"), StringComparison.Ordinal)
        .Replace("{details_source}", detailsSql, StringComparison.Ordinal)
        .Replace("{db_source}", dbSql, StringComparison.Ordinal));

    /// <summary>
    /// Creates the table <paramref name="table"/> (records_table.sql): the rows of the <c>requests</c> view over the
    /// same files with the readings reduced to scalars (<c>readings, start_ns, first_ns, end_ns, server_readings,
    /// content_readings, content_first_ns, content_last_ns</c>)
    /// and a <c>task</c> column: the index of the row's (model_abbr, data_abbr) in <paramref name="tasks"/>, else -1.
    /// </summary>
    internal static void CreateRecordsTable(DuckDBConnection conn, string table, IReadOnlyList<string> detailsFiles, IEnumerable<string> dbDataFiles, IReadOnlyList<(string Model, string Dataset)> tasks) =>
        CreateRecordsTable(conn, table, DetailsSource(detailsFiles), dbDataFiles, tasks);

    /// <summary>
    /// As the overload over files, with the details rows given as SQL (<paramref name="detailsSql"/>: the columns of
    /// <see cref="RecordSql.DetailsSource"/>), e.g. the merge's one row per request.
    /// </summary>
    internal static void CreateRecordsTable(DuckDBConnection conn, string table, string detailsSql, IEnumerable<string> dbDataFiles, IReadOnlyList<(string Model, string Dataset)> tasks)
    {
        var values = tasks.Count == 0
            ? "(NULL::VARCHAR, NULL::VARCHAR, NULL::INTEGER)"
            : string.Join(", ", tasks.Select((t, i) => $"('{RecordSql.Escape(t.Model)}', '{RecordSql.Escape(t.Dataset)}', {i.ToString(CultureInfo.InvariantCulture)})"));
        var sql = RecordSql.Resource("records_table.sql")
            .Replace("{table}", table, StringComparison.Ordinal)
            .Replace("{details_join}", DetailsJoin("readings", "t.readings AS readings, t.start_ns AS start_ns, t.first_ns AS first_ns, t.end_ns AS end_ns, t.server_readings AS server_readings, " +
                "t.content_readings AS content_readings, t.content_first_ns AS content_first_ns, t.content_last_ns AS content_last_ns"), StringComparison.Ordinal)
            .Replace("{details_source}", detailsSql, StringComparison.Ordinal)
            .Replace("{db_source}", DbSource(dbDataFiles), StringComparison.Ordinal)
            .Replace("{tasks}", values, StringComparison.Ordinal)
            .Replace("{content_columns}", RecordSql.ContentColumns("time_points_ns", "noncontent_readings"), StringComparison.Ordinal);
        Execute(conn, sql);
    }

    private static string DetailsJoin(string present, string readingsColumns) => RecordSql.Resource("details_join.sql")
        .Replace("{present}", present, StringComparison.Ordinal)
        .Replace("{readings_columns}", readingsColumns, StringComparison.Ordinal);

    internal static string DetailsSource(IReadOnlyList<string> detailsFiles)
    {
        foreach (var f in detailsFiles.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"The details file '{f}' does not exist.", f);
        }

        return RecordSql.DetailsSource(detailsFiles);
    }

    /// <summary>
    /// The SQL of the readings in <paramref name="dbDataFiles"/> (<c>.parquet</c> and <c>.jsonl</c>; a journal whose
    /// Parquet twin is also listed is ignored): columns <c>db_name, row, uuid, time_points_ns, server_time_points_ns,
    /// noncontent_readings</c>.
    /// </summary>
    internal static string DbSource(IEnumerable<string> dbDataFiles)
    {
        var db = dbDataFiles.ToList();
        var parquet = db.Where(f => f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)).ToList();
        var twins = new HashSet<string>(parquet.Select(f => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(f))!, Path.GetFileNameWithoutExtension(f))), StringComparer.Ordinal);
        var journals = db.Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .Where(f => !twins.Contains(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(f))!, Path.GetFileNameWithoutExtension(f))))
            .ToList();
        var other = db.Except(parquet).Except(db.Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))).FirstOrDefault();
        if (other is not null)
        {
            throw new ArgumentException($"'{other}' is not a db_data file: expected a .parquet file or a .jsonl journal.");
        }

        foreach (var f in parquet.Concat(journals).Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"The db_data file '{f}' does not exist.", f);
        }

        return RecordSql.ParquetSource(parquet) + "\n    UNION ALL\n    " + RecordSql.JournalSource(journals);
    }

    /// <summary>
    /// Creates the <c>requests</c> view over one task's files in <paramref name="layout"/> as every pod wrote them:
    /// its details file and every db_data file of its model folder. A running pod uses the overload with its pod.
    /// </summary>
    public static void CreateTaskView(DuckDBConnection conn, RunLayout layout, string modelAbbr, string dataAbbr)
    {
        ArgumentNullException.ThrowIfNull(layout);
        CreateRequestsView(conn, [TaskDetails(layout, modelAbbr, dataAbbr)], DbDataFiles.InFolders([layout.DbDataFolder(modelAbbr)]));
    }

    /// <summary>
    /// Creates the <c>requests</c> view of pod <paramref name="pod"/>'s part of a task: the lines of its own attempts
    /// (<c>pods/pod-&lt;i&gt;.writers.jsonl</c>) in the task's details file, one per request, joined to its own
    /// db_data files only (never listing the shared db_data folder). <paramref name="latestOnly"/> (pressure) keeps
    /// the latest attempt alone: a rerun of a pressure task replaces its earlier attempts.
    /// </summary>
    public static void CreateTaskView(DuckDBConnection conn, RunLayout layout, int pod, string modelAbbr, string dataAbbr, bool latestOnly = false)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var details = TaskDetails(layout, modelAbbr, dataAbbr);
        var attempts = WriterLedger.Attempts(layout, pod, modelAbbr, dataAbbr);
        if (latestOnly && attempts.Count > 1)
        {
            attempts = [attempts[^1]];
        }

        RequestsView(conn, RecordSql.OnePerRequest(RecordSql.DetailsSource([details]), attempts, latestOnly), DbSource(WriterLedger.Files(layout, modelAbbr, attempts)));
    }

    /// <summary>
    /// Creates the <c>requests</c> view of a task as the pods <paramref name="pods"/> wrote it: each pod's own attempts
    /// (the latest alone when <paramref name="latestOnly"/>), one record per request, joined to their db_data files.
    /// What a sweep's pods read of a level before they decide on the next one, identically on every pod.
    /// </summary>
    public static void CreateTaskView(DuckDBConnection conn, RunLayout layout, IReadOnlyList<int> pods, string modelAbbr, string dataAbbr, bool latestOnly)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(pods);
        var details = TaskDetails(layout, modelAbbr, dataAbbr);
        var attempts = new List<string>();
        foreach (var pod in pods)
        {
            var own = WriterLedger.Attempts(layout, pod, modelAbbr, dataAbbr);
            attempts.AddRange(latestOnly && own.Count > 1 ? [own[^1]] : own);
        }

        RequestsView(conn, RecordSql.OnePerRequest(RecordSql.DetailsSource([details]), attempts, latestOnly), DbSource(WriterLedger.Files(layout, modelAbbr, attempts)));
    }

    private static string TaskDetails(RunLayout layout, string modelAbbr, string dataAbbr)
    {
        var detailsFile = layout.DetailsFile(modelAbbr, dataAbbr);
        return File.Exists(detailsFile)
            ? detailsFile
            : throw new FileNotFoundException($"The task {modelAbbr}/{dataAbbr} has no details file: '{detailsFile}' does not exist. Run the task first.", detailsFile);
    }

    /// <summary>
    /// The db_data files in <paramref name="folders"/>: every Parquet file plus every journal without a Parquet twin.
    /// </summary>
    public static IReadOnlyList<string> DbDataFilesIn(IEnumerable<string> folders) => DbDataFiles.InFolders(folders);

    /// <summary>Creates (or replaces) the temp table <c>tasks(model_abbr, data_abbr, pod, concurrency)</c>.</summary>
    public static void CreateTasksTable(DuckDBConnection conn, IEnumerable<(string Model, string Dataset, int Pod, int Concurrency)> tasks)
    {
        ArgumentNullException.ThrowIfNull(conn);
        Execute(conn, "CREATE OR REPLACE TEMP TABLE tasks (model_abbr VARCHAR, data_abbr VARCHAR, pod INTEGER, concurrency INTEGER)");
        foreach (var (model, dataset, pod, concurrency) in tasks)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO tasks VALUES ($m, $d, $p, $c)";
            cmd.Parameters.Add(new DuckDBParameter("m", model));
            cmd.Parameters.Add(new DuckDBParameter("d", dataset));
            cmd.Parameters.Add(new DuckDBParameter("p", pod));
            cmd.Parameters.Add(new DuckDBParameter("c", concurrency));
            cmd.ExecuteNonQuery();
        }
    }

    private static void Execute(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
