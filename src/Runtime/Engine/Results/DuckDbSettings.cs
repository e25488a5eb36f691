using System;
using System.Globalization;
using System.IO;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Results;

/// <summary>
/// Memory and spill settings for the DuckDB connections that read records: a bounded memory limit (so a
/// summary of a billion readings stays inside a pod's budget) and a temp folder DuckDB may spill to.
/// </summary>
public static class DuckDbSettings
{
    /// <summary>The memory limit used when <c>PODBENCH_DUCKDB_MEMORY</c> is not set.</summary>
    public const string DefaultMemoryLimit = "4GB";

    /// <summary>
    /// Applies the settings to <paramref name="conn"/>: <c>memory_limit</c> (<c>PODBENCH_DUCKDB_MEMORY</c>, else
    /// 4GB), <c>temp_directory</c> (a <c>podbench-duckdb</c> folder in the system temp folder) and
    /// <c>preserve_insertion_order = false</c>.
    /// </summary>
    public static void Apply(DuckDBConnection conn)
    {
        ArgumentNullException.ThrowIfNull(conn);
        var limit = Environment.GetEnvironmentVariable("PODBENCH_DUCKDB_MEMORY");
        if (string.IsNullOrWhiteSpace(limit) || !IsSize(limit))
        {
            limit = DefaultMemoryLimit;
        }

        var temp = Path.Combine(Path.GetTempPath(), "podbench-duckdb");
        Directory.CreateDirectory(temp);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SET memory_limit = '{limit}'; SET temp_directory = '{RecordSql.Escape(temp)}'; SET preserve_insertion_order = false;";
        cmd.ExecuteNonQuery();
    }

    private static bool IsSize(string s)
    {
        s = s.Trim();
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i > 0 && long.TryParse(s[..i], NumberStyles.None, CultureInfo.InvariantCulture, out _) && s[i..].Trim().ToUpperInvariant() is "" or "B" or "KB" or "MB" or "GB" or "KIB" or "MIB" or "GIB";
    }
}
