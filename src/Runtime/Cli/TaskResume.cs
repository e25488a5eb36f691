using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// What a pod finds of its own earlier attempts at a task before it runs the task again (docs/run-folder.md): torn
/// tails are cut, a dead attempt's journal becomes Parquet, and the requests it already has a successful record of
/// are not sent again (a pressure task runs for its full time again, its earlier attempts no longer counting).
/// </summary>
/// <param name="Finished">Row ids with a successful record: not sent again.</param>
/// <param name="EarlierFiles">The earlier attempts' db_data files that still count (listed in the pod's manifest).</param>
internal sealed record TaskResume(IReadOnlySet<long> Finished, IReadOnlyList<string> EarlierFiles)
{
    /// <summary>Nothing earlier: a first run.</summary>
    public static TaskResume None { get; } = new(new HashSet<long>(), []);

    /// <summary>Prepares pod <paramref name="task"/>'s rerun in <paramref name="layout"/>; says on <paramref name="output"/> what it found.</summary>
    public static TaskResume Prepare(RunLayout layout, TaskSpec task, bool pressure, TextWriter output, string prefix)
    {
        var (model, dataset) = (task.Model.Abbr, task.Dataset.Abbr);
        var appendLock = layout.AppendLockFile(model, dataset);
        foreach (var cut in new[] { layout.DetailsFile(model, dataset), layout.FailedFile(model, dataset) }.Select(f => AppendOnlyFile.CutTornTail(f, appendLock)))
        {
            Warn(cut, output, prefix);
        }

        var attempts = WriterLedger.Attempts(layout, task.Pod, model, dataset);
        if (attempts.Count == 0)
        {
            return None;
        }

        foreach (var dbName in attempts)
        {
            var journal = layout.DbJournalFile(model, dbName);
            if (File.Exists(journal) && !File.Exists(layout.DbParquetFile(model, dbName)))
            {
                Warn(TornTail.Cut(journal), output, prefix);
                DbDataFiles.ConvertJournal(journal, layout.DbParquetFile(model, dbName), dbName, 0);
            }
        }

        var files = WriterLedger.Files(layout, model, attempts);
        if (pressure)
        {
            output.WriteLine($"{prefix} pressure: {attempts.Count} earlier attempt(s) of this pod ({string.Join(", ", attempts)}) did not finish; their lines stay in {Path.GetFileName(layout.DetailsFile(model, dataset))} but no longer count, and the task runs again for its full time.");
            return None;
        }

        var finished = TaskResultWriterFinished(layout, task);
        output.WriteLine($"{prefix} resume: {finished.Count} request(s) already have a successful record ({attempts.Count} earlier attempt(s) of this pod); only the others are sent.");
        return new TaskResume(finished, files);
    }

    private static HashSet<long> TaskResultWriterFinished(RunLayout layout, TaskSpec task) =>
        TaskResultWriter.ReadFinished(layout, task.Pod, task.Model.Abbr, task.Dataset.Abbr).Select(f => f.Id).ToHashSet();

    private static void Warn(TornTail? cut, TextWriter output, string prefix)
    {
        if (cut is not null)
        {
            RunnerDiagnostics.Warning(output, $"{prefix} {cut.Describe()}.");
        }
    }
}
