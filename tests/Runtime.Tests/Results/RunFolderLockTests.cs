using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Results;

/// <summary>Run-folder locks: one holder, named to whoever is refused; a dead holder's lock is taken over.</summary>
public sealed class RunFolderLockTests
{
    [Fact]
    public void A_held_lock_refuses_a_second_taker_and_names_the_holder()
    {
        using var run = new TempRun();
        var path = run.Layout.PodLockFile(1);
        using (var first = RunFolderLock.TryAcquire(path, out _))
        {
            Assert.NotNull(first);
            Assert.Null(RunFolderLock.TryAcquire(path, out var holder));
            Assert.Contains($"process {Environment.ProcessId} on host {Environment.MachineName}, started ", holder, StringComparison.Ordinal);
            Assert.Contains("UTC, command: ", holder, StringComparison.Ordinal);
        }

        using var again = RunFolderLock.TryAcquire(path, out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void The_lock_of_a_killed_holder_is_taken_over()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // flock(1) of util-linux (Essential on Debian) holds the lock in another process
        }

        using var run = new TempRun();
        var path = run.Layout.PodLockFile(0);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-o", path, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            RunFolderLock? taken;
            while ((taken = RunFolderLock.TryAcquire(path, out _)) is not null && DateTime.UtcNow < deadline)
            {
                taken.Dispose(); // flock(1) has not taken it yet (it waits for it: the first take here is slow, JIT)
                Thread.Sleep(20);
            }

            Assert.True(taken is null, $"flock(1) never held the lock: exited {holder.HasExited}, code {(holder.HasExited ? holder.ExitCode : 0)}");
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
            using var after = RunFolderLock.TryAcquire(path, out _);
            Assert.NotNull(after);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void A_merge_refuses_a_run_whose_pod_is_still_running_and_names_the_holder()
    {
        using var run = new Merge.RunFixture();
        run.WritePlan(1, 4);
        run.WritePod(0, [new Merge.FixtureRequest(1_000_000, 2_000_000, 3, 1_000_000, 10, 4)], 4, publish: false);
        using var pod = RunFolderLock.TryAcquire(new RunLayout(run.RunDir).PodLockFile(0), out _);

        var e = Assert.Throws<MergeException>(() => RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, ExpectedPods = [0] }));

        Assert.True(e.Busy);
        Assert.Contains($"pod 0: still being written, held by process {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.RunDir, "performances", "merge_results")));
    }
}
