using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Metrics;

/// <summary>Runs the embedded summary SQL with its placeholders filled (numbers only, formatted invariantly).</summary>
internal sealed class SqlRunner(DuckDBConnection conn)
{
    public static string Ns(long? ns) => ns is null ? "NULL" : ns.Value.ToString(CultureInfo.InvariantCulture) + "::BIGINT";

    public string Load(string resource, params (string Key, string Value)[] fill)
    {
        var sql = RecordSql.Resource(typeof(SqlRunner).Assembly, resource);
        foreach (var (key, value) in fill)
        {
            sql = sql.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return sql;
    }

    /// <summary>Runs <paramref name="sql"/>; values (paths, settings, names) go in as <c>$name</c> parameters, never into the text.</summary>
    public void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        cmd.ExecuteNonQuery();
    }

    public List<object?[]> Rows(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return ReadAll(cmd);
    }

    /// <summary>Every row of <paramref name="cmd"/>'s result, DBNull as null.</summary>
    private static List<object?[]> ReadAll(DuckDBCommand cmd)
    {
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static long Long(object? o) => o switch
    {
        null => 0,
        BigInteger b => (long)b,
        _ => Convert.ToInt64(o, CultureInfo.InvariantCulture),
    };

    public static long? NullableLong(object? o) => o is null ? null : Long(o);

    public static double Double(object? o) => o switch
    {
        null => 0,
        BigInteger b => (double)b,
        _ => Convert.ToDouble(o, CultureInfo.InvariantCulture),
    };

    public static BigInteger Big(object? o) => o switch
    {
        null => BigInteger.Zero,
        BigInteger b => b,
        _ => new BigInteger(Convert.ToInt64(o, CultureInfo.InvariantCulture)),
    };

    private DuckDBCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.Add(new DuckDBParameter(name, value));
        }

        return cmd;
    }
}
