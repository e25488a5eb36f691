using System.IO;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>The run lock (<c>locks/run.lock</c>) a build or runner holds while it runs every pod of a run.</summary>
public static class RunOwner
{
    /// <summary>The run lock of <paramref name="runDirectory"/> (<c>RunLayout.RunLockFile</c>).</summary>
    public static string LockFile(string runDirectory) => Path.Combine(runDirectory, "locks", "run.lock");

    /// <summary>
    /// Takes the run lock of <paramref name="runDirectory"/> or throws <see cref="UsageException"/> naming its holder
    /// (before any pod starts, so nothing is sent).
    /// </summary>
    public static System.IDisposable Acquire(string runDirectory, string setting)
    {
        var root = Path.GetFullPath(runDirectory);
        RunFolderLock? taken;
        string holder;
        try
        {
            taken = RunFolderLock.TryAcquire(LockFile(root), out holder);
        }
        catch (System.Exception e) when (e is System.IO.IOException or System.UnauthorizedAccessException)
        {
            throw new UsageException($"{setting}: the run folder {root} cannot be created or locked: {e.Message} Check BenchmarkOutput.");
        }

        return taken
            ?? throw new UsageException($"{setting}: the run {root} is already being run by {holder}; nothing was started or sent. Let it finish (it merges the run), or stop it, then run this again to resume.");
    }
}
