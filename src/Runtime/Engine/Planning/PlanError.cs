namespace PodBench.Runtime.Planning;

/// <summary>A broken plan rule found when the runner starts; the same id and words as the compiler's diagnostic.</summary>
/// <param name="Id">The rule id, e.g. <c>PB0016</c> (see docs/diagnostics.md).</param>
/// <param name="Member">The plan member at fault, e.g. <c>MultiPodPlan.SyntheticTest1</c> or <c>MultiPodPlan.Pods[1]</c>.</param>
/// <param name="Message">The rule's message.</param>
/// <param name="IsWarning">True for rules that warn (a literal API key, identical pod groups); the run goes on.</param>
public sealed record PlanError(string Id, string Member, string Message, bool IsWarning = false)
{
    /// <summary>
    /// Rule <paramref name="id"/> broken by <paramref name="member"/>: its message formatted as the compiler formats it,
    /// a warning when the rule warns.
    /// </summary>
    public static PlanError Of(string id, string member, string format, params object?[] args) =>
        new(id, member, Shared.PlanRules.Format(format, args), Shared.PlanRules.IsWarning(id));

    /// <summary>The error as one line: <c>PB0016 MultiPodPlan.SyntheticTest1: RequestCount 0 is outside 1..1048576</c>.</summary>
    public override string ToString() => $"{Id} {Member}: {Message}";
}
