namespace SpeedPlans;

/// <summary>Open loop at 1,000 requests/s (Poisson arrivals), up to 1,000 in flight.</summary>
internal static class Shape
{
    public const string Abbr = "load-paced1000";
    public const int Concurrency = 1000;
    public const double RequestRate = 1000;
}
