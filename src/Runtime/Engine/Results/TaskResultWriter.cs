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
/// Every line is appended with one system call and is in the file when <see cref="WriteAsync"/> completes, so a
/// killed process loses only requests still in flight. <see cref="CompleteAsync"/> turns the journal into Parquet.
/// One writer loop does all file work; <see cref="WriteAsync"/> may be called from any number of threads.
/// </summary>
public sealed class TaskResultWriter : IRecordSink, IAsyncDisposable
{
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

    /// <summary>The db_data Parquet file <see cref="CompleteAsync"/> writes.</summary>
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
    public async Task CompleteAsync()
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

        await Task.Run(() => DbDataFiles.ConvertJournal(JournalPath, ParquetPath, DbName, Interlocked.Read(ref rows))).ConfigureAwait(false);
        await Task.Run(() => Reference.ReferenceDbData.WriteBeside(this)).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued and closes the files, leaving the journal as a killed process would (tests).</summary>
    internal async Task CloseWithoutConversionAsync()
    {
        Interlocked.Exchange(ref completed, 1);
        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        CloseFiles();
    }

    /// <summary>Completes the writer (see <see cref="CompleteAsync"/>).</summary>
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
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await foreach (var item in channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (fault is not null)
            {
                item.Done.TrySetException(new IOException($"Writing {DetailsPath} failed earlier; record {item.Record.Uuid} was not written.", fault));
                continue;
            }

            try
            {
                var row = rows + 1;
                buffer.ResetWrittenCount();
                RecordJson.WriteJournal(buffer, item.Record, row);
                journal.Append(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
                RecordJson.WriteDetails(buffer, item.Record, row, DbName);
                details.Append(buffer.WrittenSpan);
                if (!item.Record.Success)
                {
                    buffer.ResetWrittenCount();
                    RecordJson.WriteFailed(buffer, item.Record);
                    failed.Append(buffer.WrittenSpan);
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref rows);
                item.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                fault = ex;
                item.Done.TrySetException(ex);
            }

            if (buffer.Capacity > 16 * 1024 * 1024)
            {
                buffer = new ArrayBufferWriter<byte>(64 * 1024);
            }
        }
    }

    private readonly record struct Item(RequestRecord Record, TaskCompletionSource Done);
}
