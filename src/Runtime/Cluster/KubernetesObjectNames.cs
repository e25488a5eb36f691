using System;
using System.Globalization;

namespace PodBench.Runtime.Cluster;

/// <summary>The names of one run's Kubernetes objects, all derived from the plan and run names.</summary>
internal sealed class KubernetesObjectNames(KubernetesManifestOptions options)
{
    public string Base { get; } = KubernetesNames.BaseName(options.PlanName, options.RunName);

    public string Claim => options.ExistingClaim ?? Base + "-data";

    public string Options => Base + "-options";

    public string Pods => Base + "-pods";

    public string Merge => Base + "-merge";

    public string Fetch => Base + "-fetch";

    public string Rerun(int pod)
    {
        var suffix = "-rerun-" + pod.ToString(CultureInfo.InvariantCulture);
        return Base[..Math.Min(Base.Length, 63 - suffix.Length)].TrimEnd('-') + suffix;
    }
}
