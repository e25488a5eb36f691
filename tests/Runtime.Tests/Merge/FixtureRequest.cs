namespace PodBench.Runtime.Tests.Merge;

/// <summary>
/// One request of a fixture pod: start, TTFT and equal decode gaps, in ns. A non-streamed one (<see cref="Stream"/>
/// false, no gaps) has the readings <c>[start, start + TtftNs]</c>: TtftNs is then its E2EL.
/// </summary>
public sealed record FixtureRequest(long StartNs, long TtftNs, int Gaps, long GapNs, int InputTokens, int OutputTokens, bool Success = true, string Error = "", string Prediction = "ok", long ScheduledNs = 0, bool Stream = true)
{
    public long[] TimePoints()
    {
        if (!Success)
        {
            return [];
        }

        var points = new long[Gaps + 2];
        points[0] = StartNs;
        points[1] = StartNs + TtftNs;
        for (var i = 0; i < Gaps; i++)
        {
            points[i + 2] = points[i + 1] + GapNs;
        }

        return points;
    }

    public double E2elSeconds => Success ? (TimePoints()[^1] - StartNs) / 1e9 : 0;

    public double TtftSeconds => TtftNs / 1e9;
}
