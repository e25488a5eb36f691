using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Builds the merge's <c>requests</c> table (docs/record-schema.md) from every verified pod's details JSONL and
/// db_data Parquet files. A stand-in for src/Runtime/Results' RecordViews until it lands.
/// </summary>
internal static class PodRecordSource
{
    private const string DetailsColumns =
        "{'data_abbr': 'VARCHAR', 'id': 'BIGINT', 'success': 'BOOLEAN', 'error_info': 'VARCHAR', 'input_tokens': 'BIGINT', "
        + "'output_tokens': 'BIGINT', 'uuid': 'VARCHAR', 'db_name': 'VARCHAR', 'usage_source': 'VARCHAR', 'attempts': 'INTEGER', "
        + "'http_status': 'INTEGER', 'scheduled_ns': 'BIGINT'}";

    public static void CreateRequestsTable(DuckDBConnection connection, string runDir, IReadOnlyList<PodManifest> pods)
    {
        var selects = new List<string>();
        foreach (var pod in pods)
        {
            foreach (var task in pod.Tasks)
            {
                var details = task.Files.Where(f => f.Kind == "details").Select(f => Full(runDir, f.Path)).ToList();
                if (details.Count == 0)
                {
                    continue;
                }

                var db = task.Files.Where(f => f.Kind == "db_data").Select(f => Full(runDir, f.Path)).ToList();
                var points = db.Count == 0
                    ? "(SELECT NULL::VARCHAR AS uuid, NULL::BIGINT[] AS time_points_ns, NULL::BIGINT[] AS server_time_points_ns WHERE false)"
                    : $"(SELECT uuid, time_points_ns, server_time_points_ns FROM read_parquet({Sql.TextList(db)}))";
                selects.Add($"""
                    SELECT {Sql.Text(task.Model)} AS model_abbr, d.data_abbr, {pod.Pod.ToString(CultureInfo.InvariantCulture)} AS pod, d.id, d.uuid,
                           coalesce(d.success, false) AS success, coalesce(d.error_info, '') AS error_info,
                           coalesce(d.input_tokens, 0) AS input_tokens, coalesce(d.output_tokens, 0) AS output_tokens,
                           coalesce(d.usage_source, 'server') AS usage_source, coalesce(d.attempts, 1) AS attempts,
                           coalesce(d.http_status, 0) AS http_status, coalesce(d.scheduled_ns, 0) AS scheduled_ns,
                           coalesce(p.time_points_ns, []::BIGINT[]) AS time_points_ns,
                           coalesce(p.server_time_points_ns, []::BIGINT[]) AS server_time_points_ns,
                           d.db_name
                    FROM read_json({Sql.TextList(details)}, format = 'newline_delimited', columns = {DetailsColumns}) d
                    LEFT JOIN {points} p ON p.uuid = d.uuid
                    """);
            }
        }

        var body = selects.Count == 0
            ? "SELECT NULL::VARCHAR AS model_abbr, NULL::VARCHAR AS data_abbr, NULL::INTEGER AS pod, NULL::BIGINT AS id, NULL::VARCHAR AS uuid, false AS success, '' AS error_info, 0::BIGINT AS input_tokens, 0::BIGINT AS output_tokens, '' AS usage_source, 1 AS attempts, 0 AS http_status, 0::BIGINT AS scheduled_ns, []::BIGINT[] AS time_points_ns, []::BIGINT[] AS server_time_points_ns, '' AS db_name WHERE false"
            : string.Join("\nUNION ALL\n", selects);
        Sql.Execute(connection, $"CREATE OR REPLACE TABLE requests AS SELECT * FROM ({body})");
    }

    private static string Full(string runDir, string relative) => Path.GetFullPath(Path.Combine(runDir, relative)).Replace('\\', '/');
}
