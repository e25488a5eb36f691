using System.Globalization;

namespace PodBench.Runtime.Merge;

/// <summary>
/// A request the merge found more than one record of (a rerun's retry of a failure, or a request sent twice): it
/// counted once, as its success if any, else its last failure (docs/run-folder.md).
/// </summary>
/// <param name="Model">The model abbr.</param>
/// <param name="Dataset">The dataset abbr.</param>
/// <param name="Pod">The pod that sent it.</param>
/// <param name="Id">The request (dataset row) id.</param>
/// <param name="Turn">The turn.</param>
/// <param name="Records">How many records it has.</param>
/// <param name="Successes">How many of them succeeded.</param>
public sealed record DuplicateRequest(string Model, string Dataset, int Pod, long Id, int Turn, long Records, long Successes)
{
    /// <summary>One phrase naming the request and what counted.</summary>
    public string Describe() =>
        $"{Model}/{Dataset} pod {Pod.ToString(CultureInfo.InvariantCulture)} request {Id.ToString(CultureInfo.InvariantCulture)}{(Turn == 0 ? "" : " turn " + Turn.ToString(CultureInfo.InvariantCulture))}: {Records.ToString(CultureInfo.InvariantCulture)} records ({Successes.ToString(CultureInfo.InvariantCulture)} successful), counted once as {(Successes > 0 ? "its success" : "its last failure")}";
}
