namespace PodBench.Runtime.Reports;

/// <summary>How the reports draw one scraped metric.</summary>
/// <param name="Name">The metric's name as the server exposes it.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Unit">The y axis label.</param>
/// <param name="Rate">True for a counter, drawn as its increase per second between two scrapes.</param>
internal sealed record ServerMetricView(string Name, string Title, string Unit, bool Rate);
