namespace SpeedPlans;

/// <summary>
/// Closed loop, 5 streams: against tests/LoadServer with <c>--delay-ms 4</c> about 1,000 req/s, the closed loop at
/// Paced1000's throughput (scripts/measure-speed.sh level "same1000").
/// </summary>
internal static class Shape
{
    public const string Abbr = "load-c5";
    public const int Concurrency = 5;
    public const double RequestRate = 0;
}
