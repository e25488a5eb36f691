namespace PodBench.Runtime.Reports;

/// <summary>One pod's measured window(s) on the merged axis, preformatted.</summary>
/// <param name="Pod">The pod.</param>
/// <param name="StartOffset">When its measured phase began after the earliest pod's.</param>
/// <param name="BarrierLate">How late it began after the agreed instant of the start barrier, or "no barrier".</param>
/// <param name="Windows">Each window as <c>+from .. +to</c> from the earliest pod's start.</param>
/// <param name="Duration">The windows' total length.</param>
internal sealed record ReportWindow(string Pod, string StartOffset, string BarrierLate, string Windows, string Duration);
