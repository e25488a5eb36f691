namespace SpeedPlans;

/// <summary>Closed loop, 64 streams.</summary>
internal static class Shape
{
    public const string Abbr = "load-c64";
    public const int Concurrency = 64;
    public const double RequestRate = 0;
}
