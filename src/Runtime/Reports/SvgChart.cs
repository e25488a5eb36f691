using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Draws the report's charts as inline SVG (no script, no external resource). Every text is HTML-escaped, so a
/// model abbr or error text can never become markup.
/// </summary>
internal static class SvgChart
{
    private const int Width = 760;
    private const int Height = 300;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 34;
    private const int Bottom = 46;
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    /// <summary>Grouped bars: one group per category, one bar per series.</summary>
    public static string Bars(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string yLabel)
    {
        var sb = Open(id, title);
        var max = Math.Max(series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(0).Max(), 1e-12);
        var yMax = Axis(sb, 0, max, yLabel);
        var plotW = Width - Left - Right;
        var groupW = plotW / (double)Math.Max(1, categories.Count);
        var barW = Math.Max(2, groupW * 0.8 / Math.Max(1, series.Count));
        for (var c = 0; c < categories.Count; c++)
        {
            var gx = Left + c * groupW;
            for (var s = 0; s < series.Count; s++)
            {
                var y = series[s].Points.Where(p => (int)p.X == c).Select(p => p.Y).FirstOrDefault();
                var h = Scale(y, 0, yMax, Height - Top - Bottom);
                var x = gx + groupW * 0.1 + s * barW;
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(Height - Bottom - h)}\" width=\"{F(barW - 1)}\" height=\"{F(h)}\" fill=\"{Palette[s % Palette.Length]}\"><title>{E(categories[c])} {E(series[s].Name)}: {E(Num(y))}</title></rect>");
            }

            var label = categories[c].Length > 28 ? categories[c][..27] + "…" : categories[c];
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(gx + groupW / 2)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{E(label)}</text>");
        }

        Legend(sb, series.Select(s => s.Name).ToList());
        return Close(sb);
    }

    /// <summary>A histogram of counts over equal-width bins starting at <paramref name="low"/>.</summary>
    public static string Histogram(string id, string title, double low, double width, IReadOnlyList<long> counts, string xLabel)
    {
        var sb = Open(id, title);
        var max = Math.Max(1, counts.DefaultIfEmpty(0).Max());
        var yMax = Axis(sb, 0, max, "requests");
        var plotW = Width - Left - Right;
        var binW = plotW / (double)Math.Max(1, counts.Count);
        for (var i = 0; i < counts.Count; i++)
        {
            var h = Scale(counts[i], 0, yMax, Height - Top - Bottom);
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{F(Left + i * binW)}\" y=\"{F(Height - Bottom - h)}\" width=\"{F(Math.Max(1, binW - 1))}\" height=\"{F(h)}\" fill=\"{Palette[0]}\"><title>{E(Num(low + i * width))} to {E(Num(low + (i + 1) * width))}: {counts[i]}</title></rect>");
        }

        XTicks(sb, low, low + width * counts.Count, xLabel);
        return Close(sb);
    }

    /// <summary>Lines (or step lines) over a numeric x axis.</summary>
    public static string Lines(string id, string title, IReadOnlyList<ChartSeries> series, string xLabel, string yLabel, bool step)
    {
        var sb = Open(id, title);
        var points = series.SelectMany(s => s.Points).ToList();
        var xMin = points.Select(p => p.X).DefaultIfEmpty(0).Min();
        var xMax = Math.Max(xMin + 1e-9, points.Select(p => p.X).DefaultIfEmpty(1).Max());
        var yMax = Axis(sb, 0, Math.Max(1e-12, points.Select(p => p.Y).DefaultIfEmpty(1).Max()), yLabel);
        XTicks(sb, xMin, xMax, xLabel);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        for (var s = 0; s < series.Count; s++)
        {
            var path = new StringBuilder();
            double? lastY = null;
            foreach (var (x, y) in series[s].Points)
            {
                var px = Left + Scale(x - xMin, 0, xMax - xMin, plotW);
                var py = Height - Bottom - Scale(y, 0, yMax, plotH);
                if (lastY is null)
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{F(px)},{F(py)}");
                }
                else if (step)
                {
                    path.Append(CultureInfo.InvariantCulture, $" H{F(px)} V{F(py)}");
                }
                else
                {
                    path.Append(CultureInfo.InvariantCulture, $" L{F(px)},{F(py)}");
                }

                lastY = py;
            }

            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"line\" d=\"{path}\" fill=\"none\" stroke=\"{Palette[s % Palette.Length]}\" stroke-width=\"1.6\"/>");
        }

        Legend(sb, series.Select(s => s.Name).ToList());
        return Close(sb);
    }

    /// <summary>One row per request: a red segment from send to first token (TTFT), a blue one from there to the end (decode).</summary>
    public static string Timeline(string id, string title, IReadOnlyList<(double Start, double First, double End)> requests, string xLabel)
    {
        var sb = Open(id, title, height: Height + 60);
        var h = Height + 60;
        var xMin = requests.Select(r => r.Start).DefaultIfEmpty(0).Min();
        var xMax = Math.Max(xMin + 1e-9, requests.Select(r => r.End).DefaultIfEmpty(1).Max());
        var plotW = Width - Left - Right;
        var plotH = h - Top - Bottom;
        XTicks(sb, xMin, xMax, xLabel, h);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{F(Top + plotH / 2.0)}\" transform=\"rotate(-90 14 {F(Top + plotH / 2.0)})\" text-anchor=\"middle\" class=\"label\">requests by start</text>");
        var rowH = plotH / (double)Math.Max(1, requests.Count);
        var stroke = Math.Clamp(rowH * 0.8, 0.6, 6);
        for (var i = 0; i < requests.Count; i++)
        {
            var (start, first, end) = requests[i];
            var y = Top + (i + 0.5) * rowH;
            var x0 = Left + Scale(start - xMin, 0, xMax - xMin, plotW);
            var x1 = Left + Scale(first - xMin, 0, xMax - xMin, plotW);
            var x2 = Left + Scale(end - xMin, 0, xMax - xMin, plotW);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"ttft\" x1=\"{F(x0)}\" y1=\"{F(y)}\" x2=\"{F(Math.Max(x1, x0 + 0.5))}\" y2=\"{F(y)}\" stroke=\"#d62728\" stroke-width=\"{F(stroke)}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"decode\" x1=\"{F(x1)}\" y1=\"{F(y)}\" x2=\"{F(Math.Max(x2, x1 + 0.5))}\" y2=\"{F(y)}\" stroke=\"#1f77b4\" stroke-width=\"{F(stroke)}\"/>");
        }

        Legend(sb, ["TTFT", "decode"], ["#d62728", "#1f77b4"]);
        return Close(sb);
    }

    private static StringBuilder Open(string id, string title, int height = Height)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg id=\"{E(id)}\" class=\"chart\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" class=\"title\">{E(title)}</text>");
        return sb;
    }

    private static string Close(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static double Axis(StringBuilder sb, double low, double high, string label)
    {
        var step = NiceStep((high - low) / 5);
        var top = Math.Ceiling(high / step) * step;
        var plotH = Height - Top - Bottom;
        for (var v = low; v <= top + step / 2; v += step)
        {
            var y = Height - Bottom - Scale(v, low, top, plotH);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" class=\"grid\"/><text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" class=\"tick\">{E(Num(v))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{F(Top + plotH / 2.0)}\" transform=\"rotate(-90 14 {F(Top + plotH / 2.0)})\" text-anchor=\"middle\" class=\"label\">{E(label)}</text>");
        return top;
    }

    private static void XTicks(StringBuilder sb, double low, double high, string label, int height = Height)
    {
        var step = NiceStep((high - low) / 6);
        var plotW = Width - Left - Right;
        var first = Math.Ceiling(low / step) * step;
        for (var v = first; v <= high + step * 1e-6; v += step)
        {
            var x = Left + Scale(v - low, 0, high - low, plotW);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{height - Bottom}\" y2=\"{height - Bottom + 4}\" class=\"axis\"/><text x=\"{F(x)}\" y=\"{height - Bottom + 16}\" text-anchor=\"middle\" class=\"tick\">{E(Num(v))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{height - Bottom}\" y2=\"{height - Bottom}\" class=\"axis\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{height - 8}\" text-anchor=\"middle\" class=\"label\">{E(label)}</text>");
    }

    private static void Legend(StringBuilder sb, IReadOnlyList<string> names, IReadOnlyList<string>? colors = null)
    {
        var x = Width - Right;
        for (var i = names.Count - 1; i >= 0; i--)
        {
            var w = 18 + names[i].Length * 6.5;
            x -= (int)w + 8;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{(colors ?? Palette)[i % (colors ?? Palette).Count]}\"/><text x=\"{F(x + 16)}\" y=\"18\" class=\"legend\">{E(names[i])}</text>");
        }
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

    private static double Scale(double v, double low, double high, double size) => high <= low ? 0 : (v - low) / (high - low) * size;

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Num(double v) => Math.Abs(v) >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
