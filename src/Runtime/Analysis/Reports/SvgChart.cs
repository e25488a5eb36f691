using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Draws the report's charts as inline SVG that needs no script and no external resource. A chart has a viewBox and
/// no fixed size, so the page sizes it to its card; one chart has one y axis (one unit). Every mark carries its value
/// in a <c>&lt;title&gt;</c> (shown on hover) and in <c>data-*</c> attributes (read by the tests), and its series in
/// <c>data-series</c>, as does its legend entry (the page's optional script toggles a series by it); a chart over a
/// numeric x axis has its marks in a <c>g.plot</c> that the script stretches to zoom. Every text is HTML-escaped, so
/// a model abbr or error text can never become markup.
/// </summary>
internal static class SvgChart
{
    public const int Width = 720;
    private const int Height = 300;
    private const int Left = 66;
    private const int Right = 30;
    private const int Bottom = 46;
    private const int LabelWidth = 178;
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>Horizontal grouped bars: one row per category (label at the left, shortened and wrapped), one bar per series.</summary>
    public static string HBars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string unit, Func<string, bool>? keepLabel = null)
    {
        var legend = series.Select(s => s.Name).ToList();
        var top = Top(legend);
        const int barH = 7;
        var rowH = Math.Max(32, series.Count * barH + 10);
        var height = top + categories.Count * rowH + Bottom;
        var sb = Open(id, title, height, "hbars");
        Legend(sb, legend, Colors(series));
        var left = LabelWidth + 8;
        var plotW = Width - left - Right;
        var max = Math.Max(series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(0).Max(), 1e-12);
        var xMax = XAxis(sb, 0, max, unit, left, top, height);
        var labels = ChartLabels.Shorten(categories, keepLabel);
        for (var c = 0; c < categories.Count; c++)
        {
            var y0 = top + c * rowH;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"cat\" data-name=\"{E(categories[c])}\"><title>{E(categories[c])}</title>");
            Label(sb, labels[c], LabelWidth, y0 + rowH / 2.0, "end");
            for (var s = 0; s < series.Count; s++)
            {
                var point = series[s].Points.Where(p => (int)p.X == c).Select(p => (double?)p.Y).FirstOrDefault();
                if (point is not { } v)
                {
                    continue;
                }

                var w = Scale(v, 0, xMax, plotW);
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-series=\"{E(series[s].Name)}\" data-value=\"{R(v)}\" x=\"{left}\" y=\"{F(y0 + 5 + s * barH)}\" width=\"{F(Math.Max(w, 0.5))}\" height=\"{barH - 1}\" fill=\"{Color(series, s)}\"><title>{E(categories[c])}, {E(series[s].Name)}: {E(Num(v))} {E(unit)}</title></rect>");
            }

            sb.Append("</g>");
        }

        return Close(sb);
    }

    /// <summary>Vertical grouped bars for a few short categories (pods): one group per category, one bar per series.</summary>
    public static string Bars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string unit)
    {
        var legend = series.Select(s => s.Name).ToList();
        var top = Top(legend);
        var sb = Open(id, title, Height, "bars");
        Legend(sb, legend, Colors(series));
        var max = Math.Max(series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(0).Max(), 1e-12);
        var yMax = YAxis(sb, 0, max, unit, top, Height);
        var plotW = Width - Left - Right;
        var plotH = Height - top - Bottom;
        var groupW = plotW / (double)Math.Max(1, categories.Count);
        var barW = Math.Max(2, groupW * 0.8 / Math.Max(1, series.Count));
        var labels = ChartLabels.Shorten(categories);
        for (var c = 0; c < categories.Count; c++)
        {
            var gx = Left + c * groupW;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"cat\" data-name=\"{E(categories[c])}\"><title>{E(categories[c])}</title>");
            for (var s = 0; s < series.Count; s++)
            {
                var point = series[s].Points.Where(p => (int)p.X == c).Select(p => (double?)p.Y).FirstOrDefault();
                if (point is not { } v)
                {
                    continue;
                }

                var h = Scale(v, 0, yMax, plotH);
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-series=\"{E(series[s].Name)}\" data-value=\"{R(v)}\" x=\"{F(gx + groupW * 0.1 + s * barW)}\" y=\"{F(Height - Bottom - h)}\" width=\"{F(barW - 1)}\" height=\"{F(Math.Max(h, 0.5))}\" fill=\"{Color(series, s)}\"><title>{E(categories[c])}, {E(series[s].Name)}: {E(Num(v))} {E(unit)}</title></rect>");
            }

            Label(sb, labels[c], gx + groupW / 2, Height - Bottom + 16, "middle", below: true);
            sb.Append("</g>");
        }

        return Close(sb);
    }

    /// <summary>A histogram of counts over equal-width bins starting at <paramref name="low"/>.</summary>
    public static string Histogram(string id, string title, double low, double width, IReadOnlyList<long> counts, string xLabel)
    {
        var top = Top([]);
        var sb = Open(id, title, Height, "histogram");
        var yMax = YAxis(sb, 0, Math.Max(1, counts.DefaultIfEmpty(0).Max()), "requests", top, Height);
        var plotW = Width - Left - Right;
        var binW = plotW / (double)Math.Max(1, counts.Count);
        for (var i = 0; i < counts.Count; i++)
        {
            var h = Scale(counts[i], 0, yMax, Height - top - Bottom);
            var (from, to) = (low + i * width, low + (i + 1) * width);
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-low=\"{R(from)}\" data-high=\"{R(to)}\" data-value=\"{counts[i]}\" x=\"{F(Left + i * binW)}\" y=\"{F(Height - Bottom - h)}\" width=\"{F(Math.Max(1, binW - 1))}\" height=\"{F(h)}\" fill=\"{Palette[0]}\"><title>{E(Num(from))} to {E(Num(to))}: {counts[i]} requests</title></rect>");
        }

        XTicks(sb, low, low + width * counts.Count, xLabel, Height);
        return Close(sb);
    }

    /// <summary>Lines (or step lines) over a numeric x axis; points carry hover titles when there are few of them.</summary>
    public static string Lines(string id, string title, IReadOnlyList<ChartSeries> series, string xLabel, string yLabel, bool step, double? yTop = null)
    {
        var legend = series.Select(s => s.Name).ToList();
        var top = Top(legend);
        var sb = Open(id, title, Height, step ? "steps" : "lines");
        Legend(sb, legend, Colors(series));
        var points = series.SelectMany(s => s.Points).ToList();
        var xMin = points.Select(p => p.X).DefaultIfEmpty(0).Min();
        var xMax = Math.Max(xMin + 1e-9, points.Select(p => p.X).DefaultIfEmpty(1).Max());
        var yMax = YAxis(sb, 0, yTop ?? Math.Max(1e-12, points.Select(p => p.Y).DefaultIfEmpty(1).Max()), yLabel, top, Height);
        XTicks(sb, xMin, xMax, xLabel, Height);
        var plotW = Width - Left - Right;
        var plotH = Height - top - Bottom;
        OpenPlot(sb, id, xMin, xMax, top, Height);
        for (var s = 0; s < series.Count; s++)
        {
            var path = new StringBuilder();
            var dots = new StringBuilder();
            var first = true;
            var name = E(series[s].Name);
            foreach (var (x, y) in series[s].Points)
            {
                var px = Left + Scale(x - xMin, 0, xMax - xMin, plotW);
                var py = Height - Bottom - Scale(y, 0, yMax, plotH);
                path.Append(first ? $"M{F(px)},{F(py)}" : step ? $" H{F(px)} V{F(py)}" : $" L{F(px)},{F(py)}");
                first = false;
                if (series[s].Points.Count <= 150)
                {
                    dots.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" data-series=\"{name}\" cx=\"{F(px)}\" cy=\"{F(py)}\" r=\"2.5\" fill=\"{Color(series, s)}\"><title>{name}: {E(Num(y))} {E(yLabel)} at {E(Num(x))} ({E(xLabel)})</title></circle>");
                }
            }

            var data = string.Join(" ", series[s].Points.Select(p => R(p.X) + "," + R(p.Y)));
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"line\" data-series=\"{name}\" data-points=\"{data}\" d=\"{path}\" fill=\"none\" stroke=\"{Color(series, s)}\" stroke-width=\"1.8\" vector-effect=\"non-scaling-stroke\"><title>{name}</title></path>").Append(dots);
        }

        return ClosePlot(sb);
    }

    /// <summary>One dot per point (e.g. each request's latency against its start), one colour per series.</summary>
    public static string Scatter(string id, string title, IReadOnlyList<ChartSeries> series, string xLabel, string yLabel)
    {
        var legend = series.Select(s => s.Name).ToList();
        var top = Top(legend);
        var sb = Open(id, title, Height, "scatter");
        Legend(sb, legend, Colors(series));
        var points = series.SelectMany(s => s.Points).ToList();
        var xMin = points.Select(p => p.X).DefaultIfEmpty(0).Min();
        var xMax = Math.Max(xMin + 1e-9, points.Select(p => p.X).DefaultIfEmpty(1).Max());
        var yMax = YAxis(sb, 0, Math.Max(1e-12, points.Select(p => p.Y).DefaultIfEmpty(1).Max()), yLabel, top, Height);
        XTicks(sb, xMin, xMax, xLabel, Height);
        OpenPlot(sb, id, xMin, xMax, top, Height);
        for (var s = 0; s < series.Count; s++)
        {
            foreach (var (x, y) in series[s].Points)
            {
                var px = Left + Scale(x - xMin, 0, xMax - xMin, Width - Left - Right);
                var py = Height - Bottom - Scale(y, 0, yMax, Height - top - Bottom);
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" data-series=\"{E(series[s].Name)}\" data-x=\"{R(x)}\" data-value=\"{R(y)}\" cx=\"{F(px)}\" cy=\"{F(py)}\" r=\"2.2\" fill=\"{Color(series, s)}\" fill-opacity=\"0.7\"><title>{E(series[s].Name)}: {E(Num(y))} {E(yLabel)} at {E(Num(x))} s</title></circle>");
            }
        }

        return ClosePlot(sb);
    }

    /// <summary>One row per request: a red segment from send to first token (TTFT), a blue one from there to the end (decode).</summary>
    public static string Timeline(string id, string title, IReadOnlyList<(double Start, double First, double End)> requests, string xLabel)
    {
        var h = Height + 60;
        var legend = new[] { "TTFT", "decode" };
        var top = Top(legend);
        var sb = Open(id, title, h, "timeline");
        Legend(sb, legend, ["#d62728", "#1f77b4"]);
        var xMin = requests.Select(r => r.Start).DefaultIfEmpty(0).Min();
        var xMax = Math.Max(xMin + 1e-9, requests.Select(r => r.End).DefaultIfEmpty(1).Max());
        var plotW = Width - Left - Right;
        var plotH = h - top - Bottom;
        XTicks(sb, xMin, xMax, xLabel, h);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{F(top + plotH / 2.0)}\" transform=\"rotate(-90 16 {F(top + plotH / 2.0)})\" text-anchor=\"middle\" class=\"label\">requests by start</text>");
        OpenPlot(sb, id, xMin, xMax, top, h);
        var rowH = plotH / (double)Math.Max(1, requests.Count);
        var stroke = Math.Clamp(rowH * 0.8, 0.6, 6);
        for (var i = 0; i < requests.Count; i++)
        {
            var (start, first, end) = requests[i];
            var y = top + (i + 0.5) * rowH;
            var x0 = Left + Scale(start - xMin, 0, xMax - xMin, plotW);
            var x1 = Left + Scale(first - xMin, 0, xMax - xMin, plotW);
            var x2 = Left + Scale(end - xMin, 0, xMax - xMin, plotW);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"ttft\" data-series=\"TTFT\" x1=\"{F(x0)}\" y1=\"{F(y)}\" x2=\"{F(Math.Max(x1, x0 + 0.5))}\" y2=\"{F(y)}\" stroke=\"#d62728\" stroke-width=\"{F(stroke)}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"decode\" data-series=\"decode\" x1=\"{F(x1)}\" y1=\"{F(y)}\" x2=\"{F(Math.Max(x2, x1 + 0.5))}\" y2=\"{F(y)}\" stroke=\"#1f77b4\" stroke-width=\"{F(stroke)}\"><title>sent at {E(Num(start))} s, first token at {E(Num(first))} s, done at {E(Num(end))} s</title></line>");
        }

        return ClosePlot(sb);
    }

    /// <summary>
    /// Opens the plot area of a chart over a numeric x axis: a group clipped to the plot, holding a group that the
    /// page's script may stretch along x (zoom). Its data-* attributes give the axis (x0, x1) and its place in the
    /// viewBox (left, width); the caller closes both groups.
    /// </summary>
    private static void OpenPlot(StringBuilder sb, string id, double xMin, double xMax, int top, int height)
    {
        var clip = E(id) + "-clip";
        sb.Append(CultureInfo.InvariantCulture, $"<clipPath id=\"{clip}\"><rect x=\"{Left}\" y=\"{top - 4}\" width=\"{Width - Left - Right}\" height=\"{height - Bottom - top + 8}\"/></clipPath>");
        sb.Append(CultureInfo.InvariantCulture, $"<g clip-path=\"url(#{clip})\"><g class=\"plot\" data-x0=\"{R(xMin)}\" data-x1=\"{R(xMax)}\" data-left=\"{Left}\" data-width=\"{Width - Left - Right}\" data-top=\"{top}\" data-bottom=\"{height - Bottom}\">");
    }

    private static StringBuilder Open(string id, string title, int height, string kind)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{E(id)}\" class=\"chart\" data-kind=\"{kind}\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {height}\" preserveAspectRatio=\"xMinYMin meet\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"20\" class=\"title\">{E(title)}</text>");
        return sb;
    }

    private static string Close(StringBuilder sb) => sb.Append("</svg>").ToString();

    /// <summary>Closes the two groups of <see cref="OpenPlot"/>, then the chart.</summary>
    private static string ClosePlot(StringBuilder sb) => Close(sb.Append("</g></g>"));

    /// <summary>The plot's top: below the title and the legend's rows.</summary>
    private static int Top(IReadOnlyList<string> legend) => 34 + LegendRows(legend).Count * 18;

    private static List<List<(string Name, int Index, double X)>> LegendRows(IReadOnlyList<string> names)
    {
        var rows = new List<List<(string, int, double)>>();
        var x = (double)Left;
        for (var i = 0; i < names.Count; i++)
        {
            var w = 22 + names[i].Length * 6.6;
            if (rows.Count == 0 || x + w > Width - Right)
            {
                rows.Add([]);
                x = Left;
            }

            rows[^1].Add((names[i], i, x));
            x += w + 10;
        }

        return rows;
    }

    private static void Legend(StringBuilder sb, IReadOnlyList<string> names, IReadOnlyList<string> colors)
    {
        var rows = LegendRows(names);
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var (name, index, x) in rows[r])
            {
                var y = 30 + r * 18;
                sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend-item\" data-series=\"{E(name)}\"><rect x=\"{F(x)}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{colors[index % colors.Count]}\"/><text x=\"{F(x + 16)}\" y=\"{y + 10}\" class=\"legend\">{E(name)}</text></g>");
            }
        }
    }

    private static void Label(StringBuilder sb, IReadOnlyList<string> lines, double x, double y, string anchor, bool below = false)
    {
        var first = below ? y : y - (lines.Count - 1) * 6.5 + 4;
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick cat-label\" text-anchor=\"{anchor}\">");
        for (var i = 0; i < lines.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tspan x=\"{F(x)}\" y=\"{F(first + i * 13)}\">{E(lines[i])}</tspan>");
        }

        sb.Append("</text>");
    }

    private static double YAxis(StringBuilder sb, double low, double high, string label, int top, int height)
    {
        var step = NiceStep((high - low) / 5);
        var max = Math.Ceiling(high / step) * step;
        var plotH = height - top - Bottom;
        for (var v = low; v <= max + step / 2; v += step)
        {
            var y = height - Bottom - Scale(v, low, max, plotH);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" class=\"grid\"/><text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"tick\">{E(Num(v))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{F(top + plotH / 2.0)}\" transform=\"rotate(-90 16 {F(top + plotH / 2.0)})\" text-anchor=\"middle\" class=\"label\">{E(label)}</text>");
        return max;
    }

    private static double XAxis(StringBuilder sb, double low, double high, string label, int left, int top, int height)
    {
        var step = NiceStep((high - low) / 5);
        var max = Math.Ceiling(high / step) * step;
        var plotW = Width - left - Right;
        for (var v = low; v <= max + step / 2; v += step)
        {
            var x = left + Scale(v, low, max, plotW);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{top}\" y2=\"{height - Bottom}\" class=\"grid\"/><text x=\"{F(x)}\" y=\"{height - Bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{E(Num(v))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + plotW / 2.0)}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"label\">{E(label)}</text>");
        return max;
    }

    private static void XTicks(StringBuilder sb, double low, double high, string label, int height)
    {
        var step = NiceStep((high - low) / 6);
        var plotW = Width - Left - Right;
        var first = Math.Ceiling(low / step) * step;
        sb.Append("<g class=\"xticks\">");
        for (var v = first; v <= high + step * 1e-6; v += step)
        {
            var x = Left + Scale(v - low, 0, high - low, plotW);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{height - Bottom}\" y2=\"{height - Bottom + 4}\" class=\"axis\"/><text x=\"{F(x)}\" y=\"{height - Bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{E(Num(v))}</text>");
        }

        sb.Append("</g>");

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{height - Bottom}\" y2=\"{height - Bottom}\" class=\"axis\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"label\">{E(label)}</text>");
    }

    private static double NiceStep(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw) || double.IsInfinity(raw))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static string Color(int index) => Palette[index % Palette.Length];

    private static string Color(IReadOnlyList<ChartSeries> series, int index) => series[index].Color ?? Color(index);

    private static List<string> Colors(IReadOnlyList<ChartSeries> series) => series.Select((_, i) => Color(series, i)).ToList();

    private static double Scale(double v, double low, double high, double size) => high <= low ? 0 : (v - low) / (high - low) * size;

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Num(double v) => Math.Abs(v) >= 100 ? v.ToString("#,0.#", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
