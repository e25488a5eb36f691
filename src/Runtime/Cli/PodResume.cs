using System;
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
    /// old manifest is removed, so that the pod is incomplete until it publishes a new one.
    /// </summary>
    public static bool SkipComplete(RunLayout layout, PodSpec spec, string planHash, bool retry, TextWriter output)
    {
        var manifestPath = layout.PodManifest(spec.Index);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        var verification = PodVerifier.Verify(layout.Root, [spec.Index], planHash, _ => spec.Tasks.Select(t => (t.Model.Abbr, t.Dataset.Abbr)));
        var manifest = verification.Complete.FirstOrDefault();
        if (manifest is not null && !retry)
        {
            output.WriteLine($"pod {spec.Index}: complete, nothing to send (its manifest {Relative(layout, manifestPath)} verifies; rerun with --reuse to send its failed requests again)");
            return true;
        }

        var why = manifest is null ? "its manifest does not verify: " + string.Join("; ", verification.Problems) : "--reuse sends its failed requests again";
        File.Delete(manifestPath);
        output.WriteLine($"pod {spec.Index}: runs again ({why}); its old manifest was removed and only requests without a successful record are sent");
        return false;
    }

    private static string Relative(RunLayout layout, string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
