namespace SpeedPlans;

/// <summary>Closed loop, 512 streams.</summary>
internal static class Shape
{
    public const string Abbr = "load-c512";
    public const int Concurrency = 512;
    public const double RequestRate = 0;
}
