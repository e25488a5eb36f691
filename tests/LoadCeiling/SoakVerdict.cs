using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PodBench.LoadCeiling;

/// <summary>First vs last window means, least-squares slopes (MiB/hour) and a flat-or-growing verdict.</summary>
internal static class SoakVerdict
{
    /// <summary>Growth allowed between the first and last windows: 10% or 16 MiB, whichever is larger.</summary>
    public static string Summarize(IReadOnlyList<SoakSample> samples, TimeSpan window)
    {
        if (samples.Count < 3)
        {
            return "soak: too few samples for a verdict";
        }

        var end = samples[^1].Seconds;
        var first = samples.Where(s => s.Seconds <= window.TotalSeconds).ToArray();
        var last = samples.Where(s => s.Seconds >= end - window.TotalSeconds).ToArray();
        var text = new StringBuilder();
        var flat = true;
        text.AppendLine(CultureInfo.InvariantCulture, $"soak summary ({samples.Count} samples over {end / 60:0.0} min; windows of {window.TotalMinutes:0.#} min)");
        text.AppendLine("  series             first_mean  last_mean  growth   slope_MiB/h (all)  slope_MiB/h (after first window)");
        foreach (var (name, pick, isHeap) in new (string, Func<SoakSample, double>, bool)[]
        {
            ("working set", s => s.WorkingSetMiB, false),
            ("GC heap size", s => s.HeapSizeMiB, true),
            ("GC committed", s => s.CommittedMiB, false),
            ("server WS", s => s.ServerWorkingSetMiB, false),
        })
        {
            var a = first.Average(pick);
            var b = last.Average(pick);
            var slope = Slope(samples, pick);
            var late = samples.Where(s => s.Seconds > window.TotalSeconds).ToArray();
            var lateSlope = late.Length >= 3 ? Slope(late, pick) : double.NaN;
            var grows = b - a > Math.Max(16, 0.10 * a);
            if (name != "server WS")
            {
                flat &= !grows;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-17} {a,10:0.0} {b,10:0.0} {b - a,7:+0.0;-0.0} {slope,18:+0.0;-0.0} {lateSlope,18:+0.0;-0.0}{(grows ? "  GROWS" : "")}");
        }

        var s0 = samples[0];
        var s1 = samples[^1];
        text.AppendLine(CultureInfo.InvariantCulture, $"  GCs: gen0 {s1.Gen0 - s0.Gen0}, gen1 {s1.Gen1 - s0.Gen1}, gen2 {s1.Gen2 - s0.Gen2}; requests {s1.Requests}, failed {s1.Failed}; client CPU {s1.CpuSeconds - s0.CpuSeconds:0} s ({100 * (s1.CpuSeconds - s0.CpuSeconds) / Math.Max(1, s1.Seconds - s0.Seconds):0}% of one core)");
        text.Append(flat ? "  verdict: FLAT (last window within 10% / 16 MiB of the first for working set, GC heap and committed)" : "  verdict: GROWS (see the series marked GROWS)");
        return text.ToString();
    }

    /// <summary>Least-squares slope of the series against time, in MiB per hour.</summary>
    public static double Slope(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> pick)
    {
        var n = samples.Count;
        var mx = samples.Average(s => s.Seconds);
        var my = samples.Average(pick);
        double sxy = 0, sxx = 0;
        foreach (var s in samples)
        {
            sxy += (s.Seconds - mx) * (pick(s) - my);
            sxx += (s.Seconds - mx) * (s.Seconds - mx);
        }

        return n < 2 || sxx == 0 ? 0 : sxy / sxx * 3600;
    }
}
