using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Merge;

/// <summary>
/// The locks a merge holds while it reads a run (docs/run-folder.md): the run's merge lock, so two merges never
/// interleave, and every expected pod's lock, so it never reads a pod that is still writing and no pod starts
/// writing while it reads.
/// </summary>
internal sealed class MergeLocks : IDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private readonly List<RunFolderLock> held;

    private MergeLocks(List<RunFolderLock> held) => this.held = held;

    /// <summary>
    /// Takes the locks or throws <see cref="MergeException"/> naming each holder. A pod that already published its
    /// manifest is given a few seconds to exit (it holds its lock until its process ends).
    /// </summary>
    public static MergeLocks Acquire(string runDir, IReadOnlyList<int> pods)
    {
        var layout = new RunLayout(runDir);
        var held = new List<RunFolderLock>();
        try
        {
            var merge = RunFolderLock.TryAcquire(layout.MergeLockFile, out var mergeHolder)
                ?? throw new MergeException($"Refusing to merge {runDir}: another merge of this run is under way, held by {mergeHolder}. Let it finish, then merge again.", []);
            held.Add(merge);
            var busy = new List<string>();
            foreach (var pod in pods)
            {
                var deadline = DateTime.UtcNow + (File.Exists(layout.PodManifest(pod)) ? ExitGrace : TimeSpan.Zero);
                RunFolderLock? podLock;
                string holder;
                while ((podLock = RunFolderLock.TryAcquire(layout.PodLockFile(pod), out holder)) is null && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }

                if (podLock is null)
                {
                    busy.Add($"pod {pod}: still being written, held by {holder}");
                    continue;
                }

                held.Add(podLock);
            }

            if (busy.Count > 0)
            {
                throw new MergeException($"Refusing to merge {runDir}: {busy.Count} pod(s) are still running; merge once they have finished.", busy) { Busy = true };
            }

            return new MergeLocks(held);
        }
        catch
        {
            held.ForEach(h => h.Dispose());
            throw;
        }
    }

    /// <summary>Releases every lock.</summary>
    public void Dispose() => held.ForEach(h => h.Dispose());
}
