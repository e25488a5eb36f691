using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Results;

/// <summary>
/// Writes the files of one (pod, model, dataset) task as requests finish: a compatible details line per request,
/// a <c>_failed.jsonl</c> line per failure (opened with the others, before any request), and the readings to a
/// db_data journal (<c>db_data/&lt;db_name&gt;.jsonl</c>).
/// The lines of the requests that finished while the previous ones were written are appended together, one system
/// call per file (whole lines, so pods sharing a file never interleave), and every line is in its file when
/// <see cref="WriteAsync"/> completes, so a killed process loses only requests still in flight.
/// <see cref="CompleteAsync()"/> turns the journal into Parquet.
/// One writer loop does all file work; <see cref="WriteAsync"/> may be called from any number of threads.
/// </summary>
public sealed class TaskResultWriter : IRecordSink, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxBatchBytes = 4 << 20;

    private readonly Channel<Item> channel = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RunLayout layout;
    private readonly AppendOnlyFile details;
    private readonly AppendOnlyFile journal;
    private readonly AppendOnlyFile failed;
    private readonly string appendLock;
    private readonly Task loop;
    private Exception? fault;
    private long rows;
    private long failures;
    private int completed;

    private TaskResultWriter(RunLayout layout, int pod, string modelAbbr, string dataAbbr, string dbName)
    {
        this.layout = layout;
        Pod = pod;
        ModelAbbr = modelAbbr;
        DataAbbr = dataAbbr;
        DbName = dbName;
        DetailsPath = layout.DetailsFile(modelAbbr, dataAbbr);
        JournalPath = layout.DbJournalFile(modelAbbr, dbName);
        ParquetPath = layout.DbParquetFile(modelAbbr, dbName);
        Directory.CreateDirectory(layout.DbDataFolder(modelAbbr));
        appendLock = layout.AppendLockFile(modelAbbr, dataAbbr);
        journal = new AppendOnlyFile(JournalPath);
        details = new AppendOnlyFile(DetailsPath, appendLock);
        // Opened before the load, not at the first failure: a run short of descriptors must still record every failure.
        failed = new AppendOnlyFile(layout.FailedFile(modelAbbr, dataAbbr), appendLock);
        loop = Task.Run(RunAsync);
    }

    /// <summary>The pod writing.</summary>
    public int Pod { get; }

    /// <summary>The model abbr.</summary>
    public string ModelAbbr { get; }

    /// <summary>The dataset abbr.</summary>
    public string DataAbbr { get; }

    /// <summary>
    /// The db_data name of this writer (<c>pod&lt;i&gt;_&lt;8 hex&gt;.db</c>), unique per pod and task attempt: the
    /// name of its reference-format SQLite file, as the reference's details lines name theirs.
    /// </summary>
    public string DbName { get; }

    /// <summary>The details JSONL appended to.</summary>
    public string DetailsPath { get; }

    /// <summary>The db_data journal written while the task runs.</summary>
    public string JournalPath { get; }

    /// <summary>The db_data Parquet file <see cref="CompleteAsync()"/> writes.</summary>
    public string ParquetPath { get; }

    /// <summary>Records written so far.</summary>
    public long Written => Interlocked.Read(ref rows);

    /// <summary>Failed records written so far.</summary>
    public long Failed => Interlocked.Read(ref failures);

    /// <summary>Opens (creating folders, appending to existing files) the writer of one task of one pod.</summary>
    public static TaskResultWriter Open(RunLayout layout, int pod, string modelAbbr, string dataAbbr)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegative(pod);
        RunLayout.ValidateAbbr(modelAbbr, "model abbr");
        RunLayout.ValidateAbbr(dataAbbr, "dataset abbr");
        string dbName;
        do
        {
            dbName = "pod" + pod.ToString(CultureInfo.InvariantCulture) + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".db";
        }
        while (File.Exists(layout.DbJournalFile(modelAbbr, dbName)) || File.Exists(layout.DbParquetFile(modelAbbr, dbName)));

        WriterLedger.Record(layout, pod, modelAbbr, dataAbbr, dbName);
        return new TaskResultWriter(layout, pod, modelAbbr, dataAbbr, dbName);
    }

    /// <summary>
    /// The requests of <paramref name="pod"/> that already finished successfully (with their readings on disk) in
    /// the pod's own earlier attempts at the task, so that a rerun can skip them. Empty when nothing was written yet.
    /// </summary>
    public static IReadOnlyList<FinishedRequest> ReadFinished(RunLayout layout, int pod, string modelAbbr, string dataAbbr)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.DetailsFile(modelAbbr, dataAbbr)) || WriterLedger.Attempts(layout, pod, modelAbbr, dataAbbr).Count == 0)
        {
            return [];
        }

        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        RecordViews.CreateTaskView(conn, layout, pod, modelAbbr, dataAbbr);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT id, uuid FROM requests WHERE success ORDER BY id, uuid";
        using var reader = cmd.ExecuteReader();
        var list = new List<FinishedRequest>();
        while (reader.Read())
        {
            list.Add(new FinishedRequest(reader.GetInt64(0), reader.GetString(1)));
        }

        return list;
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.WarmUp)
        {
            return ValueTask.CompletedTask;
        }

        if (record.ModelAbbr != ModelAbbr || record.DataAbbr != DataAbbr || record.Pod != Pod)
        {
            throw new ArgumentException($"Record {record.Uuid} is of {record.ModelAbbr}/{record.DataAbbr} pod {record.Pod}, but this writer writes {ModelAbbr}/{DataAbbr} pod {Pod}.", nameof(record));
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!channel.Writer.TryWrite(new Item(record, done)))
        {
            throw new InvalidOperationException($"The writer of {ModelAbbr}/{DataAbbr} pod {Pod} is already completed; record {record.Uuid} was not written.");
        }

        return new ValueTask(cancellationToken.CanBeCanceled ? done.Task.WaitAsync(cancellationToken) : done.Task);
    }

    /// <summary>
    /// Writes what is queued, closes the files, converts the journal into <see cref="ParquetPath"/> and removes the
    /// journal once the Parquet file is verified to hold every row. Idempotent.
    /// </summary>
    public Task CompleteAsync() => CompleteAsync(null);

    /// <summary>
    /// <see cref="CompleteAsync()"/>, calling <paramref name="stepEnded"/> with the name of each step as it ends (the
    /// runner's account of where the time after the load went).
    /// </summary>
    internal async Task CompleteAsync(Action<string>? stepEnded)
    {
        if (Interlocked.Exchange(ref completed, 1) == 1)
        {
            await loop.ConfigureAwait(false);
            return;
        }

        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        CloseFiles();
        if (fault is not null)
        {
            throw new IOException($"Writing {DetailsPath} failed; the journal {JournalPath} was kept: {fault.Message}", fault);
        }

        stepEnded?.Invoke("last writes");
        await Task.Run(() => DbDataFiles.ConvertJournal(JournalPath, ParquetPath, DbName, Interlocked.Read(ref rows))).ConfigureAwait(false);
        stepEnded?.Invoke("db_data Parquet");
        await Task.Run(() => Reference.ReferenceDbData.WriteBeside(this)).ConfigureAwait(false);
        stepEnded?.Invoke("reference db_data");
    }

    /// <summary>Writes what is queued and closes the files, leaving the journal as a killed process would (tests).</summary>
    internal async Task CloseWithoutConversionAsync()
    {
        Interlocked.Exchange(ref completed, 1);
        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        CloseFiles();
    }

    /// <summary>Completes the writer (see <see cref="CompleteAsync()"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            CloseFiles();
        }
    }

    private void CloseFiles()
    {
        journal.Dispose();
        details.Dispose();
        failed.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new Batch();
        while (await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // What queued while the last batch was written goes out together: one write per file per batch, not per
            // request. Each line still reaches its file before its request's WriteAsync completes.
            while (batch.Items.Count < MaxBatch && batch.Journal.WrittenCount + batch.Details.WrittenCount < MaxBatchBytes && channel.Reader.TryRead(out var item))
            {
                if (fault is not null)
                {
                    item.Done.TrySetException(new IOException($"Writing {DetailsPath} failed earlier; record {item.Record.Uuid} was not written.", fault));
                    continue;
                }

                try
                {
                    batch.Add(item, rows + batch.Items.Count + 1, DbName);
                }
                catch (Exception ex)
                {
                    Flush(batch);
                    fault = ex;
                    item.Done.TrySetException(ex);
                }
            }

            Flush(batch);
        }
    }

    private void Flush(Batch batch)
    {
        if (batch.Items.Count == 0)
        {
            return;
        }

        try
        {
            journal.Append(batch.Journal.WrittenSpan);
            details.Append(batch.Details.WrittenSpan);
            if (batch.Failures > 0)
            {
                failed.Append(batch.Failed.WrittenSpan);
                Interlocked.Add(ref failures, batch.Failures);
            }

            Interlocked.Add(ref rows, batch.Items.Count);
            foreach (var item in batch.Items)
            {
                item.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            fault = ex;
            foreach (var item in batch.Items)
            {
                item.Done.TrySetException(ex);
            }
        }
        finally
        {
            batch.Clear();
        }
    }

    private readonly record struct Item(RequestRecord Record, TaskCompletionSource Done);

    /// <summary>The lines of the records written together, per file, in reused buffers.</summary>
    private sealed class Batch
    {
        public List<Item> Items { get; } = [];

        public ArrayBufferWriter<byte> Journal { get; private set; } = new(64 * 1024);

        public ArrayBufferWriter<byte> Details { get; private set; } = new(64 * 1024);

        public ArrayBufferWriter<byte> Failed { get; private set; } = new(4 * 1024);

        public int Failures { get; private set; }

        /// <summary>Adds <paramref name="item"/>'s lines as row <paramref name="row"/>; nothing of it when a line fails.</summary>
        public void Add(Item item, long row, string dbName)
        {
            var (journal, details, failed) = (Journal.WrittenCount, Details.WrittenCount, Failed.WrittenCount);
            try
            {
                RecordJson.WriteJournal(Journal, item.Record, row);
                RecordJson.WriteDetails(Details, item.Record, row, dbName);
                if (!item.Record.Success)
                {
                    RecordJson.WriteFailed(Failed, item.Record);
                }
            }
            catch
            {
                Journal = Truncated(Journal, journal);
                Details = Truncated(Details, details);
                Failed = Truncated(Failed, failed);
                throw;
            }

            Failures += item.Record.Success ? 0 : 1;
            Items.Add(item);
        }

        public void Clear()
        {
            Items.Clear();
            Failures = 0;
            Journal = Reset(Journal, 64 * 1024);
            Details = Reset(Details, 64 * 1024);
            Failed = Reset(Failed, 4 * 1024);
        }

        // a very large batch's buffer is not kept for the rest of the run
        private static ArrayBufferWriter<byte> Reset(ArrayBufferWriter<byte> buffer, int initial)
        {
            if (buffer.Capacity > 16 * 1024 * 1024)
            {
                return new ArrayBufferWriter<byte>(initial);
            }

            buffer.ResetWrittenCount();
            return buffer;
        }

        private static ArrayBufferWriter<byte> Truncated(ArrayBufferWriter<byte> buffer, int length)
        {
            var kept = new ArrayBufferWriter<byte>(Math.Max(length, 1024));
            kept.Write(buffer.WrittenSpan[..length]);
            return kept;
        }
    }
}
