using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Merge;

/// <summary>Small helpers for running DuckDB SQL.</summary>
internal static class Sql
{
    /// <summary>Runs <paramref name="sql"/>; values (paths, settings, names) go in as <c>$name</c> parameters, never into the text.</summary>
    public static void Execute(DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        new Metrics.SqlRunner(connection).Execute(sql, parameters);

    public static List<object?[]> Rows(DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        new Metrics.SqlRunner(connection).Rows(sql, parameters);

    public static object?[] Row(DuckDBConnection connection, string sql)
    {
        var rows = Rows(connection, sql);
        return rows.Count == 0 ? [] : rows[0];
    }

    /// <summary>
    /// A SQL string literal, for query fragments that are composed into larger queries before they run (a fragment
    /// carries no parameters). A statement that runs as it is takes its values as parameters instead.
    /// </summary>
    public static string Text(string value) => "'" + Results.RecordSql.Escape(value) + "'";

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
}
