using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PodBench.Runtime.Merge.Reference;

/// <summary>
/// One pod's output folder written by the reference tool: its run folder (<c>outputs/default/&lt;ts&gt;</c>, or the
/// <c>performances/&lt;model&gt;</c> folder itself) and every task in it, i.e. every
/// <c>performances/&lt;model&gt;/&lt;dataset&gt;_details.jsonl</c> (a <c>merge_results</c> folder is not a task).
/// </summary>
/// <param name="Folder">The folder as given, absolute.</param>
/// <param name="RunFolder">The folder holding <c>performances/</c> and <c>configs/</c>.</param>
/// <param name="Tasks">The tasks found, ordered by model then dataset.</param>
internal sealed record ReferencePodFolder(string Folder, string RunFolder, IReadOnlyList<ReferenceTask> Tasks)
{
    private const string DetailsSuffix = "_details.jsonl";

    /// <summary>Finds the tasks of <paramref name="folder"/>; throws <see cref="MergeException"/> naming it when there are none.</summary>
    public static ReferencePodFolder Find(string folder)
    {
        var full = Path.GetFullPath(folder.Trim());
        if (!Directory.Exists(full))
        {
            throw new MergeException($"The reference output folder {full} does not exist.", []);
        }

        IEnumerable<string> modelFolders;
        string runFolder;
        if (Directory.Exists(Path.Combine(full, "performances")))
        {
            runFolder = full;
            modelFolders = Directory.GetDirectories(Path.Combine(full, "performances"));
        }
        else if (Directory.GetFiles(full, "*" + DetailsSuffix).Length > 0)
        {
            var parent = Path.GetDirectoryName(full)!;
            runFolder = Path.GetFileName(parent) == "performances" ? Path.GetDirectoryName(parent)! : full;
            modelFolders = [full];
        }
        else
        {
            throw new MergeException($"{full} is not an output folder of the reference tool: it has neither performances/<model>/<dataset>{DetailsSuffix} nor <dataset>{DetailsSuffix}.", []);
        }

        var tasks = modelFolders
            .Where(m => Path.GetFileName(m) != RunMerger.MergeFolder)
            .SelectMany(m => Directory.GetFiles(m, "*" + DetailsSuffix).Select(d => new ReferenceTask(
                Path.GetFileName(m),
                Path.GetFileName(d)[..^DetailsSuffix.Length],
                d,
                m)))
            .OrderBy(t => t.Model, StringComparer.Ordinal).ThenBy(t => t.Dataset, StringComparer.Ordinal)
            .ToList();
        if (tasks.Count == 0)
        {
            throw new MergeException($"{full}: no reference details file (performances/<model>/<dataset>{DetailsSuffix}) was found, so there is nothing to import.", []);
        }

        return new ReferencePodFolder(full, runFolder, tasks);
    }
}
