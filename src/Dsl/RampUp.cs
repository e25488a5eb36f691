namespace PodBench.Dsl;

/// <summary>A request-rate ramp-up (reference: <c>ramp_up_strategy</c>, <c>ramp_up_start_rps</c>, <c>ramp_up_end_rps</c>).</summary>
/// <param name="Kind">Linear or exponential growth.</param>
/// <param name="StartRps">The rate of the first request, requests/s (&gt; 0).</param>
/// <param name="EndRps">The rate of the last request, requests/s (&gt;= start).</param>
public sealed record RampUp(RampUpKind Kind, double StartRps, double EndRps)
{
    /// <summary>A linear ramp from <paramref name="startRps"/> to <paramref name="endRps"/>.</summary>
    public static RampUp Linear(double startRps, double endRps) => new(RampUpKind.Linear, startRps, endRps);

    /// <summary>An exponential ramp from <paramref name="startRps"/> to <paramref name="endRps"/>.</summary>
    public static RampUp Exponential(double startRps, double endRps) => new(RampUpKind.Exponential, startRps, endRps);
}
