using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Results;

/// <summary>The db_data files: journal to Parquet conversion, and picking the files a view reads.</summary>
internal static class DbDataFiles
{
    /// <summary>
    /// The COPY options of a db_data Parquet file. Parquet V2 stores the time points delta-encoded
    /// (DELTA_BINARY_PACKED), which is as small as V1 with zstd and about ten times cheaper to decode; every merge
    /// decodes each reading three times (records, then the two passes of the pooled ITL), so this is most of a
    /// merge's reading cost. Snappy over zstd: zstd saves under 1% on delta-encoded readings and triples decoding.
    /// </summary>
    public const string ParquetOptions = "FORMAT parquet, PARQUET_VERSION V2, COMPRESSION snappy, ROW_GROUP_SIZE 2048";

    /// <summary>
    /// Writes <paramref name="parquetPath"/> from the journal (rows in order, a torn last line skipped), checks that
    /// the Parquet file holds as many rows as the journal, and only then removes the journal.
    /// </summary>
    public static void ConvertJournal(string journalPath, string parquetPath, string dbName, long expectedRows)
    {
        if (!File.Exists(journalPath))
        {
            throw new FileNotFoundException($"The db_data journal '{journalPath}' is missing; it should hold {expectedRows} rows.", journalPath);
        }

        if (expectedRows == 0 && new FileInfo(journalPath).Length == 0)
        {
            File.Delete(journalPath);
            return;
        }

        var temp = parquetPath + ".tmp";
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        DuckDbSettings.Apply(conn);
        var source = RecordSql.JournalSource([journalPath]);
        // COPY answers with the rows it read from the journal: a second pass over the JSON only to count them cost
        // about a third of the conversion (docs/performance.md).
        var journalRows = Execute(conn, $"COPY (SELECT '{RecordSql.Escape(dbName)}' AS db_name, row, uuid, time_points_ns, server_time_points_ns, noncontent_readings FROM ({source}) ORDER BY row) TO '{RecordSql.Escape(temp)}' ({ParquetOptions})");
        var parquetRows = Scalar(conn, $"SELECT count(*) FROM read_parquet('{RecordSql.Escape(temp)}')");
        if (parquetRows != journalRows || journalRows < expectedRows)
        {
            File.Delete(temp);
            throw new IOException($"Converting the db_data journal '{journalPath}' to Parquet gave {parquetRows} rows, but the journal holds {journalRows} readable rows and {expectedRows} were written; the journal was kept.");
        }

        File.Move(temp, parquetPath, overwrite: true);
        File.Delete(journalPath);
    }

    /// <summary>
    /// The db_data files in <paramref name="folders"/>: every Parquet file, plus every journal that has no Parquet
    /// file of the same name (a journal left by a killed process, or one whose conversion was interrupted).
    /// </summary>
    public static IReadOnlyList<string> InFolders(IEnumerable<string> folders)
    {
        var files = new List<string>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var parquet = Directory.GetFiles(folder, "*.parquet").OrderBy(f => f, StringComparer.Ordinal).ToList();
            var names = new HashSet<string>(parquet.Select(Path.GetFileNameWithoutExtension)!, StringComparer.Ordinal);
            files.AddRange(parquet);
            files.AddRange(Directory.GetFiles(folder, "*.jsonl").Where(j => !names.Contains(Path.GetFileNameWithoutExtension(j))).OrderBy(f => f, StringComparer.Ordinal));
        }

        return files;
    }

    private static long Execute(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
