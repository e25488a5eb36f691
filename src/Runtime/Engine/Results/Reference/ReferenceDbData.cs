using System;
using System.Collections.Generic;
using System.IO;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace PodBench.Runtime.Results.Reference;

/// <summary>
/// The reference's db_data format (its <c>db_utils.py</c>): a SQLite file per writer with the table
/// <c>numpy_store(id INTEGER PRIMARY KEY AUTOINCREMENT, arr_blob BLOB NOT NULL)</c>, each blob the <c>.npy</c> bytes
/// of a float64 array of the request's time points in seconds; a details line points at its blob with
/// <c>time_points: {"__db_ref__": id}</c> and names the file with <c>db_name</c>. Ours keeps the id equal to the
/// details line's row. The seconds count from <see cref="EpochUtcNs"/> on the pod's anchored UTC axis, so that every
/// pod of a run shares one axis (as the merged folder needs) while float64 keeps about 15 ns of resolution (seconds
/// since 1970 would keep only about 240 ns).
/// </summary>
public static class ReferenceDbData
{
    /// <summary>The origin of the time points in seconds: 2024-01-01T00:00:00Z, in ns since the Unix epoch.</summary>
    public const long EpochUtcNs = 1_704_067_200_000_000_000;

    /// <summary>The kind of these files in a pod manifest (<c>PodManifest.ClassifyFile</c>).</summary>
    public const string ManifestKind = "reference_db";

    /// <summary>The reference's table, exactly as its <c>init_db</c> creates it.</summary>
    internal const string CreateTable = "CREATE TABLE IF NOT EXISTS numpy_store (id INTEGER PRIMARY KEY AUTOINCREMENT, arr_blob BLOB NOT NULL)";

    /// <summary>The reference-format file of <paramref name="writer"/>: <c>db_data/&lt;db_name&gt;</c>.</summary>
    public static string PathOf(TaskResultWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return Path.Combine(Path.GetDirectoryName(writer.ParquetPath)!, writer.DbName);
    }

    /// <summary>
    /// Writes <see cref="PathOf"/> from the writer's Parquet file once the journal was converted; nothing when the
    /// writer wrote no row (no Parquet file, and no details line names the db).
    /// </summary>
    internal static void WriteBeside(TaskResultWriter writer)
    {
        if (File.Exists(writer.ParquetPath))
        {
            WriteFromParquet(writer.ParquetPath, PathOf(writer));
        }
    }

    /// <summary>
    /// Writes the SQLite file <paramref name="sqlitePath"/> from a db_data Parquet file (every row, failures included,
    /// as the reference stores every request's array), through a temp file renamed when complete. Returns its path.
    /// </summary>
    public static string WriteFromParquet(string parquetPath, string sqlitePath)
    {
        var temp = sqlitePath + ".tmp";
        File.Delete(temp);
        using (var duck = new DuckDBConnection("Data Source=:memory:"))
        {
            duck.Open();
            using var read = duck.CreateCommand();
            read.CommandText = $"SELECT row, time_points_ns FROM read_parquet('{RecordSql.Escape(Path.GetFullPath(parquetPath))}') ORDER BY row";
            using var rows = read.ExecuteReader();
            using var sqlite = Open(temp);
            using var create = sqlite.CreateCommand();
            create.CommandText = CreateTable;
            create.ExecuteNonQuery();
            using var transaction = sqlite.BeginTransaction();
            using var insert = sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO numpy_store (id, arr_blob) VALUES ($id, $blob)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var blob = insert.Parameters.Add("$blob", SqliteType.Blob);
            while (rows.Read())
            {
                id.Value = rows.GetInt64(0);
                blob.Value = NpyFloat64.Encode(Seconds(rows.IsDBNull(1) ? [] : rows.GetFieldValue<List<long>>(1)));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        File.Move(temp, sqlitePath, overwrite: true);
        return sqlitePath;
    }

    /// <summary>
    /// Every array of a reference db_data file, by id; throws <see cref="InvalidDataException"/> naming the file (and
    /// the id) when it is not one.
    /// </summary>
    public static Dictionary<long, double[]> ReadAll(string sqlitePath)
    {
        if (!File.Exists(sqlitePath))
        {
            throw new FileNotFoundException($"The db_data file '{sqlitePath}' is missing.", sqlitePath);
        }

        var arrays = new Dictionary<long, double[]>();
        try
        {
            using var sqlite = Open(sqlitePath, readOnly: true);
            using var cmd = sqlite.CreateCommand();
            cmd.CommandText = "SELECT id, arr_blob FROM numpy_store";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                arrays[id] = NpyFloat64.Decode((byte[])reader.GetValue(1), $"{sqlitePath}: numpy_store id {id}");
            }
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{sqlitePath}: not a reference db_data file (SQLite with a numpy_store table): {e.Message}", e);
        }

        return arrays;
    }

    /// <summary>Time points in ns since the Unix epoch as seconds since <see cref="EpochUtcNs"/>.</summary>
    public static double[] Seconds(IReadOnlyList<long> timePointsNs)
    {
        var seconds = new double[timePointsNs.Count];
        for (var i = 0; i < seconds.Length; i++)
        {
            // Whole seconds plus the fraction: one rounding (casting the ns count to double first would round twice).
            var whole = Math.DivRem(timePointsNs[i] - EpochUtcNs, 1_000_000_000L, out var ns);
            seconds[i] = whole + (ns / 1e9);
        }

        return seconds;
    }

    private static SqliteConnection Open(string path, bool readOnly = false)
    {
        // No pooling: the file is renamed (or read by others) right after it is closed.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
