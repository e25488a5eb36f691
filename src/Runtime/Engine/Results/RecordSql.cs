using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PodBench.Runtime.Results;

/// <summary>SQL fragments that read the record files (the column types are the public schema).</summary>
internal static class RecordSql
{
    public const string DetailsColumns =
        "{data_abbr: 'VARCHAR', id: 'BIGINT', success: 'BOOLEAN', error_info: 'VARCHAR', " +
        "time_points: 'STRUCT(\"__db_ref__\" BIGINT)', input_tokens: 'BIGINT', output_tokens: 'BIGINT', " +
        "extra_perf_data: 'STRUCT(model_abbr VARCHAR, pod INTEGER, scheduled_ns BIGINT, usage_source VARCHAR, attempts INTEGER, http_status INTEGER, stream BOOLEAN, cached_tokens BIGINT)', " +
        "uuid: 'VARCHAR', turn_id: 'INTEGER', data_id: 'VARCHAR', db_name: 'VARCHAR'}";

    public const string JournalColumns =
        "{row: 'BIGINT', uuid: 'VARCHAR', time_points_ns: 'BIGINT[]', server_time_points_ns: 'BIGINT[]', noncontent_readings: 'INTEGER[]'}";

    /// <summary>
    /// The longest details or journal line DuckDB reads, bytes (256 MiB; DuckDB's default is 16 MiB): prompts and
    /// predictions of tens of MB, JSON-escaped, fit. Every read_json of PodBench's line files uses it.
    /// </summary>
    public const long MaximumObjectSize = 256L * 1024 * 1024;

    private const string JsonOptions = "format = 'newline_delimited', ignore_errors = true, maximum_object_size = 268435456";

    public static string Escape(string s) => s.Replace("'", "''", StringComparison.Ordinal);

    public static string FileList(IEnumerable<string> files) => "[" + string.Join(", ", files.Select(f => "'" + Escape(Path.GetFullPath(f)) + "'")) + "]";

    /// <summary>Details rows; a torn or unreadable line (all columns NULL) is dropped.</summary>
    public static string DetailsSource(IReadOnlyList<string> files) => files.Count == 0
        ? "SELECT NULL::VARCHAR AS data_abbr, NULL::BIGINT AS id, NULL::BOOLEAN AS success, NULL::VARCHAR AS error_info, NULL::STRUCT(\"__db_ref__\" BIGINT) AS time_points, NULL::BIGINT AS input_tokens, NULL::BIGINT AS output_tokens, NULL::STRUCT(model_abbr VARCHAR, pod INTEGER, scheduled_ns BIGINT, usage_source VARCHAR, attempts INTEGER, http_status INTEGER, stream BOOLEAN, cached_tokens BIGINT) AS extra_perf_data, NULL::VARCHAR AS uuid, NULL::INTEGER AS turn_id, NULL::VARCHAR AS data_id, NULL::VARCHAR AS db_name WHERE false"
        : $"SELECT * FROM read_json({FileList(files)}, {JsonOptions}, columns = {DetailsColumns}) WHERE uuid IS NOT NULL AND db_name IS NOT NULL AND success IS NOT NULL";

    /// <summary>
    /// The identity of a request in the details rows <c>d</c> (docs/run-folder.md): task (model_abbr, data_abbr), the
    /// pod that sends it (two pod groups may run one task; replicas of a group never share an id), request id and turn;
    /// in a pressure run every record is a request of its own (its uuid joins the key).
    /// </summary>
    public static string RequestKey(bool perRecord) =>
        "coalesce(d.extra_perf_data.model_abbr, ''), d.data_abbr, coalesce(d.extra_perf_data.pod, 0), d.id, coalesce(d.turn_id, 0)" + (perRecord ? ", d.uuid" : "");

    /// <summary>
    /// 1 for the record a request counts: its success if any (the earliest attempt's), else its last failure (the
    /// latest attempt's, the last written). <paramref name="attempt"/> orders the attempts (db_names), oldest first.
    /// </summary>
    public static string RequestRank(bool perRecord, string attempt) =>
        $"row_number() OVER (PARTITION BY {RequestKey(perRecord)} ORDER BY d.success DESC, CASE WHEN d.success THEN {attempt} ELSE -{attempt} END, d.time_points.\"__db_ref__\" DESC, d.uuid)";

    /// <summary>The attempts (db_names, oldest first) as the rows <c>(db_name, attempt)</c>.</summary>
    public static string AttemptRows(IReadOnlyList<string> dbNames) => dbNames.Count == 0
        ? "SELECT NULL::VARCHAR AS db_name, NULL::INTEGER AS attempt WHERE false"
        : "SELECT * FROM (VALUES " + string.Join(", ", dbNames.Select((n, i) => $"('{Escape(n)}', {i.ToString(System.Globalization.CultureInfo.InvariantCulture)})")) + ") AS a(db_name, attempt)";

    /// <summary>
    /// The rows of <paramref name="detailsSql"/> written by the attempts <paramref name="dbNames"/> (oldest first), one
    /// per request (<see cref="RequestRank"/>): a rerun's lines and the lines of other attempts never count twice.
    /// </summary>
    public static string OnePerRequest(string detailsSql, IReadOnlyList<string> dbNames, bool perRecord) =>
        $"SELECT d.* FROM ({detailsSql}) AS d JOIN ({AttemptRows(dbNames)}) AS a ON a.db_name = d.db_name QUALIFY {RequestRank(perRecord, "a.attempt")} = 1";

    /// <summary>Journal rows with their db_name taken from the file name; a torn line is dropped.</summary>
    public static string JournalSource(IReadOnlyList<string> files) => files.Count == 0
        ? "SELECT NULL::VARCHAR AS db_name, NULL::BIGINT AS row, NULL::VARCHAR AS uuid, NULL::BIGINT[] AS time_points_ns, NULL::BIGINT[] AS server_time_points_ns, NULL::INTEGER[] AS noncontent_readings WHERE false"
        : $"SELECT regexp_extract(filename, '([^/\\\\]+)\\.jsonl$', 1) AS db_name, row, uuid, time_points_ns, server_time_points_ns, noncontent_readings FROM read_json({FileList(files)}, {JsonOptions}, filename = true, columns = {JournalColumns}) WHERE row IS NOT NULL AND time_points_ns IS NOT NULL";

    /// <summary>
    /// Parquet rows (db_name is a column of the file). A file written before <c>noncontent_readings</c> existed reads
    /// with NULL there (not recorded), by name through a union with an empty relation that has the column.
    /// </summary>
    public static string ParquetSource(IReadOnlyList<string> files) => files.Count == 0
        ? "SELECT NULL::VARCHAR AS db_name, NULL::BIGINT AS row, NULL::VARCHAR AS uuid, NULL::BIGINT[] AS time_points_ns, NULL::BIGINT[] AS server_time_points_ns, NULL::INTEGER[] AS noncontent_readings WHERE false"
        : "SELECT db_name, row, uuid, time_points_ns, server_time_points_ns, noncontent_readings FROM " +
          $"(SELECT NULL::INTEGER[] AS noncontent_readings WHERE false UNION ALL BY NAME SELECT * FROM read_parquet({FileList(files)}, union_by_name = true))";

    /// <summary>
    /// The content scalars of one request from its time points <paramref name="t"/> and the indices of its readings
    /// without content <paramref name="n"/> (0-based, ascending, each &gt;= 1): <c>content_readings</c> (event readings
    /// that carried generated text), <c>content_first_ns</c> and <c>content_last_ns</c> (the first and the last of
    /// them), all NULL when <paramref name="n"/> is NULL (not recorded). The first content reading follows the leading
    /// run of <paramref name="n"/> (the elements equal to their 1-based position); the last precedes its trailing run
    /// (the elements equal to <c>len(t) - 1 - len(n) + position</c>), so only the short list <paramref name="n"/> is
    /// scanned.
    /// </summary>
    public static string ContentColumns(string t, string n) =>
        $"CASE WHEN {n} IS NOT NULL THEN len({t}) - 1 - len({n}) END AS content_readings, " +
        $"CASE WHEN len({t}) - 1 - len({n}) >= 1 THEN {t}[{ContentLead(n)} + 2] END AS content_first_ns, " +
        $"CASE WHEN len({t}) - 1 - len({n}) >= 1 THEN {t}[len({t}) - {ContentTrail(t, n)}] END AS content_last_ns";

    /// <summary>How many readings without content precede the first content reading (see <see cref="ContentColumns"/>).</summary>
    public static string ContentLead(string n) => $"len(list_filter({n}, (x, k) -> x = k))";

    /// <summary>How many readings without content follow the last content reading (see <see cref="ContentColumns"/>).</summary>
    public static string ContentTrail(string t, string n) => $"len(list_filter({n}, (x, k) -> x = len({t}) - 1 - len({n}) + k))";

    /// <summary>An embedded SQL file of this assembly, by file name (e.g. <c>requests_view.sql</c>).</summary>
    public static string Resource(string fileName) => Resource(typeof(RecordSql).Assembly, fileName);

    /// <summary>An embedded SQL file of <paramref name="asm"/>, by file name (e.g. <c>summary_values.sql</c> of the analysis).</summary>
    public static string Resource(System.Reflection.Assembly asm, string fileName)
    {
        ArgumentNullException.ThrowIfNull(asm);
        var name = asm.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The SQL resource '{fileName}' is not embedded in {asm.GetName().Name}.");
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
