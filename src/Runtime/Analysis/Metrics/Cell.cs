using System.Globalization;

namespace PodBench.Runtime.Metrics;

/// <summary>A table cell as tabulate sees it: a string, an int or a float.</summary>
internal readonly record struct Cell(string Text, CellType Type, double Number)
{
    public static Cell Str(string s) => new(s, CellType.Str, 0);

    public static Cell Int(long v) => new(v.ToString(CultureInfo.InvariantCulture), CellType.Int, v);

    public static Cell Float(double v) => new(CompatibleFormat.PyRepr(v), CellType.Float, v);
}
