using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One named series of a chart: (x, y) points, or one value per category for bar charts.</summary>
/// <param name="Name">The legend text.</param>
/// <param name="Points">The points; for bar charts X is the category index.</param>
/// <param name="Color">The series' colour; null: the palette's colour for its position.</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string? Color = null);
