using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// What a pod does in a run folder that already holds its work (docs/run-folder.md): a complete pod whose manifest
/// verifies is not run again; any other pod runs again and sends only what has no successful record.
/// </summary>
internal static class PodResume
{
    /// <summary>
    /// True when the pod is complete (its manifest verifies for this plan and lists every task of the pod): it is then
    /// skipped, unless <paramref name="retry"/> (<c>--reuse</c>) asks to send its failed requests again. Otherwise an
    /// old manifest is removed, so that the pod is incomplete until it publishes a new one. With
    /// <paramref name="optionalLevels"/> (the plan's sweep searches) a manifest need not list the levels the search did not reach.
    /// </summary>
    public static bool SkipComplete(RunLayout layout, IReadOnlyList<PodSpec> pods, int pod, string planHash, bool retry, bool optionalLevels, TextWriter output)
    {
        var spec = pods[pod];
        var manifestPath = layout.PodManifest(spec.Index);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        // The pods that share a task file with this one (replicas of its group) are verified with it: a shared details
        // file may only have grown since this pod published its manifest.
        var tasks = spec.Tasks.Select(t => (t.Model.Abbr, t.Dataset.Abbr)).ToHashSet();
        var siblings = pods.Where(p => p.Tasks.Any(t => tasks.Contains((t.Model.Abbr, t.Dataset.Abbr)))).Select(p => p.Index).ToList();
        var verification = PodVerifier.Verify(layout.Root, siblings, planHash, i => pods[i].Tasks.Where(t => !optionalLevels || t.Level is null).Select(t => (t.Model.Abbr, t.Dataset.Abbr)));
        var manifest = verification.Complete.FirstOrDefault(m => m.Pod == spec.Index);
        if (manifest is not null && !retry)
        {
            output.WriteLine($"pod {spec.Index}: complete, nothing to send (its manifest {Relative(layout, manifestPath)} verifies; rerun with --reuse to send its failed requests again)");
            return true;
        }

        var own = verification.Problems.Where(p => p.StartsWith($"pod {spec.Index}:", StringComparison.Ordinal));
        var why = manifest is null ? "its manifest does not verify: " + string.Join("; ", own) : "--reuse sends its failed requests again";
        File.Delete(manifestPath);
        output.WriteLine($"pod {spec.Index}: runs again ({why}); its old manifest was removed and only requests without a successful record are sent");
        return false;
    }

    private static string Relative(RunLayout layout, string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
