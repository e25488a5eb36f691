using System;
using System.IO;

namespace PodBench.Runtime.Results;

/// <summary>
/// Where everything of one run lives (outputs.md): the compatible <c>performances/</c> tree, the pod manifests,
/// the logs, the plan and the reports. Every abbr is checked to be a plain file name, so no path can leave the run.
/// </summary>
public sealed class RunLayout
{
    /// <summary>The model abbr and dataset abbr of the merge, as the reference names them.</summary>
    public const string MergeModelAbbr = "merge_results";

    /// <summary>The dataset abbr of the merge.</summary>
    public const string MergeDataAbbr = "merged";

    /// <summary>A layout rooted at <paramref name="runFolder"/> (made absolute; not created).</summary>
    public RunLayout(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        Root = Path.GetFullPath(runFolder);
    }

    /// <summary>The run folder, absolute.</summary>
    public string Root { get; }

    /// <summary><c>&lt;run&gt;/performances</c>.</summary>
    public string Performances => Path.Combine(Root, "performances");

    /// <summary><c>&lt;run&gt;/logs</c>.</summary>
    public string Logs => Path.Combine(Root, "logs");

    /// <summary><c>&lt;run&gt;/pods</c>: the pod manifests.</summary>
    public string Pods => Path.Combine(Root, "pods");

    /// <summary><c>&lt;run&gt;/locks</c>: the lock files of the pods, the merge and the shared details files (docs/run-folder.md).</summary>
    public string Locks => Path.Combine(Root, "locks");

    /// <summary><c>&lt;run&gt;/locks/run.lock</c>: held by the one build (or runner) that runs every pod of this run.</summary>
    public string RunLockFile => Cli.RunOwner.LockFile(Root);

    /// <summary><c>&lt;run&gt;/locks/merge.lock</c>: held by the one merge of this run that may run at a time.</summary>
    public string MergeLockFile => Path.Combine(Locks, "merge.lock");

    /// <summary><c>&lt;run&gt;/locks/pod-&lt;i&gt;.lock</c>: held by the one process that runs (or merges) pod <paramref name="pod"/>.</summary>
    public string PodLockFile(int pod)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pod);
        return Path.Combine(Locks, "pod-" + pod.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".lock");
    }

    /// <summary>
    /// <c>&lt;run&gt;/locks/append/&lt;model&gt;/&lt;dataset&gt;.lock</c>: held for each line appended to the task's
    /// details and failed files, which the pods of a replicated group share, so a torn tail can be told from a line
    /// another pod is still writing.
    /// </summary>
    public string AppendLockFile(string modelAbbr, string dataAbbr) =>
        Path.Combine(Locks, "append", SafeName.CheckAbbr(modelAbbr, "model abbr"), SafeName.CheckAbbr(dataAbbr, "dataset abbr") + ".lock");

    /// <summary>
    /// <c>&lt;run&gt;/pods/pod-&lt;i&gt;.writers.jsonl</c>: every result writer pod <paramref name="pod"/> opened, in
    /// order (task and db_name), so the pod finds its own db_data files without listing the shared folder.
    /// </summary>
    public string WriterLedger(int pod)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pod);
        return Path.Combine(Pods, "pod-" + pod.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".writers.jsonl");
    }

    /// <summary><c>&lt;run&gt;/plan.json</c>.</summary>
    public string PlanFile => Path.Combine(Root, "plan.json");

    /// <summary><c>&lt;run&gt;/report.md</c>.</summary>
    public string ReportMarkdown => Path.Combine(Root, "report.md");

    /// <summary><c>&lt;run&gt;/report.html</c>.</summary>
    public string ReportHtml => Path.Combine(Root, "report.html");

    /// <summary><c>&lt;run&gt;/pods/pod-&lt;i&gt;.json</c>.</summary>
    public string PodManifest(int pod)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pod);
        return Path.Combine(Pods, "pod-" + pod.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
    }

    /// <summary><c>&lt;run&gt;/performances/&lt;model&gt;</c> of a task (never <c>merge_results</c>).</summary>
    public string ModelFolder(string modelAbbr) => Path.Combine(Performances, SafeName.CheckAbbr(modelAbbr, "model abbr"));

    /// <summary><c>performances/&lt;model&gt;/&lt;dataset&gt;_details.jsonl</c>.</summary>
    public string DetailsFile(string modelAbbr, string dataAbbr) => TaskFile(modelAbbr, dataAbbr, "_details.jsonl");

    /// <summary><c>performances/&lt;model&gt;/&lt;dataset&gt;_failed.jsonl</c>.</summary>
    public string FailedFile(string modelAbbr, string dataAbbr) => TaskFile(modelAbbr, dataAbbr, "_failed.jsonl");

    /// <summary><c>performances/&lt;model&gt;/&lt;dataset&gt;.csv</c>.</summary>
    public string CsvFile(string modelAbbr, string dataAbbr) => TaskFile(modelAbbr, dataAbbr, ".csv");

    /// <summary><c>performances/&lt;model&gt;/&lt;dataset&gt;.json</c>.</summary>
    public string JsonFile(string modelAbbr, string dataAbbr) => TaskFile(modelAbbr, dataAbbr, ".json");

    /// <summary><c>performances/&lt;model&gt;/db_data</c> (shared by the model's datasets, as in the reference).</summary>
    public string DbDataFolder(string modelAbbr) => Path.Combine(ModelFolder(modelAbbr), "db_data");

    /// <summary><c>performances/merge_results</c>.</summary>
    public string MergeFolder => Path.Combine(Performances, MergeModelAbbr);

    /// <summary><c>performances/merge_results/merged_details.jsonl</c>.</summary>
    public string MergedDetailsFile => Path.Combine(MergeFolder, MergeDataAbbr + "_details.jsonl");

    /// <summary><c>performances/merge_results/merged.csv</c>.</summary>
    public string MergedCsvFile => Path.Combine(MergeFolder, MergeDataAbbr + ".csv");

    /// <summary><c>performances/merge_results/merged.json</c>.</summary>
    public string MergedJsonFile => Path.Combine(MergeFolder, MergeDataAbbr + ".json");

    /// <summary><c>performances/merge_results/db_data</c>.</summary>
    public string MergedDbDataFolder => Path.Combine(MergeFolder, "db_data");

    /// <summary>A db_data journal: <c>db_data/&lt;db_name&gt;.jsonl</c>.</summary>
    public string DbJournalFile(string modelAbbr, string dbName) => Path.Combine(DbDataFolder(modelAbbr), SafeName.CheckAbbr(dbName, "db_name") + ".jsonl");

    /// <summary>A db_data Parquet file: <c>db_data/&lt;db_name&gt;.parquet</c>.</summary>
    public string DbParquetFile(string modelAbbr, string dbName) => Path.Combine(DbDataFolder(modelAbbr), SafeName.CheckAbbr(dbName, "db_name") + ".parquet");

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="abbr"/> is a safe file name: letters, digits,
    /// <c>-</c>, <c>_</c>, <c>.</c>, not starting with <c>.</c>, and not <c>merge_results</c>.
    /// </summary>
    public static string ValidateAbbr(string abbr, string what = "abbr") => SafeName.CheckAbbr(abbr, what);

    private string TaskFile(string modelAbbr, string dataAbbr, string suffix)
        => Path.Combine(ModelFolder(modelAbbr), SafeName.CheckAbbr(dataAbbr, "dataset abbr") + suffix);
}
