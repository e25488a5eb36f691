using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Merge;

/// <summary>Small helpers for running DuckDB SQL.</summary>
internal static class Sql
{
    public static void Execute(DuckDBConnection connection, string sql) => new Metrics.SqlRunner(connection).Execute(sql);

    public static List<object?[]> Rows(DuckDBConnection connection, string sql) => new Metrics.SqlRunner(connection).Rows(sql);

    public static object?[] Row(DuckDBConnection connection, string sql)
    {
        var rows = Rows(connection, sql);
        return rows.Count == 0 ? [] : rows[0];
    }

    /// <summary>A SQL string literal.</summary>
    public static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A SQL list of string literals (file paths).</summary>
    public static string TextList(IEnumerable<string> values) => "[" + string.Join(", ", Map(values, Text)) + "]";

    public static double Double(object? value) => value switch
    {
        null => 0,
        BigInteger big => (double)big,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static long Long(object? value) => value switch
    {
        null => 0,
        BigInteger big => (long)big,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Map(IEnumerable<string> values, Func<string, string> f)
    {
        foreach (var v in values)
        {
            yield return f(v);
        }
    }
}
