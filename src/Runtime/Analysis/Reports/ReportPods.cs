using System.Collections.Generic;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;

namespace PodBench.Runtime.Reports;

/// <summary>Per-pod figures for the side-by-side table and chart; TTFT of the streamed requests only.</summary>
internal static class ReportPods
{
    public static List<PodLatency> Query(DuckDBConnection connection) =>
        Sql.Rows(connection, """
            SELECT pod, count(*), count(*) FILTER (WHERE ok),
                   quantile_cont(ttft, 0.5) FILTER (WHERE ok), quantile_cont(ttft, 0.99) FILTER (WHERE ok),
                   coalesce(quantile_cont(e2el, 0.5) FILTER (WHERE ok), 0), coalesce(quantile_cont(e2el, 0.99) FILTER (WHERE ok), 0),
                   coalesce(max(e) FILTER (WHERE ok) - min(s) FILTER (WHERE ok), 0), coalesce(sum(output_tokens) FILTER (WHERE ok), 0)
            FROM (SELECT pod, output_tokens, success AND readings >= 2 AS ok,
                         start_ns AS s, end_ns AS e,
                         CASE WHEN stream THEN (first_ns - start_ns) / 1e6 END AS ttft, (end_ns - start_ns) / 1e6 AS e2el
                  FROM request_times)
            GROUP BY pod ORDER BY pod
            """)
            .Select(r =>
            {
                var seconds = Sql.Double(r[7]) / 1e9;
                return new PodLatency(
                    (int)Sql.Long(r[0]), Sql.Long(r[1]), Sql.Long(r[2]),
                    r[3] is null ? null : Sql.Double(r[3]), r[4] is null ? null : Sql.Double(r[4]), Sql.Double(r[5]), Sql.Double(r[6]),
                    seconds > 0 ? Sql.Long(r[2]) / seconds : 0,
                    seconds > 0 ? Sql.Double(r[8]) / seconds : 0);
            })
            .ToList();
}
