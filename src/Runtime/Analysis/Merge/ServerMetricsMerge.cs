using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Unions the merged pods' scraped server metrics (<see cref="ServerMetricsFiles"/>) into the <c>server_metrics</c>
/// table of <c>merged.duckdb</c> and <c>db_data/server_metrics.parquet</c>. Samples are already on each pod's UTC
/// axis, the axis of its records, so they line up with the load without a shift. A torn last line (a killed pod) is skipped.
/// </summary>
public static class ServerMetricsMerge
{
    /// <summary>The table's name in the merged database.</summary>
    public const string Table = "server_metrics";

    /// <summary>Creates the table (empty when no pod scraped) and returns the Parquet file written, or null when there was nothing.</summary>
    public static string? Load(DuckDBConnection connection, string runDirectory, IEnumerable<int> pods, string dbDirectory)
    {
        var files = pods.Select(p => ServerMetricsFiles.PodFile(runDirectory, p)).Where(f => File.Exists(f) && new FileInfo(f).Length > 0).ToList();
        Sql.Execute(connection, $"CREATE OR REPLACE TABLE {Table} (pod INTEGER, target VARCHAR, t_ns BIGINT, name VARCHAR, labels VARCHAR, type VARCHAR, value DOUBLE)");
        if (files.Count == 0)
        {
            return null;
        }

        Sql.Execute(connection, $$"""
            INSERT INTO {{Table}}
            SELECT pod, target, t_ns, name, coalesce(labels, ''), coalesce(type, 'untyped'), TRY_CAST(value AS DOUBLE)
            FROM read_json($files, format = 'newline_delimited', ignore_errors = true,
                           columns = {'pod': 'INTEGER', 'target': 'VARCHAR', 't_ns': 'BIGINT', 'name': 'VARCHAR', 'labels': 'VARCHAR', 'type': 'VARCHAR', 'value': 'VARCHAR'})
            WHERE pod IS NOT NULL AND t_ns IS NOT NULL AND name IS NOT NULL
            ORDER BY pod, target, t_ns, name, labels
            """, ("files", files));
        var parquet = Path.Combine(dbDirectory, Table + ".parquet");
        Sql.Execute(connection, $"COPY (SELECT * FROM {Table} ORDER BY t_ns, pod, target, name, labels) TO $path (FORMAT parquet, COMPRESSION zstd)", ("path", parquet));
        return parquet;
    }
}
