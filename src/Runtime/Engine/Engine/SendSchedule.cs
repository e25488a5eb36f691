using System;
using System.Collections.Generic;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Send offsets (seconds from the first send) of the global request ordinals 0..N-1, as the reference's
/// <c>TokenProducer</c> computes them: per-request intervals Gamma(shape = burstiness, scale = 1/(rate * burstiness))
/// (burstiness 0: exactly 1/rate), the rate ramping linearly or exponentially with progress i/(N-1) when a ramp-up
/// is set; cumulative delays rescaled so the last is N/rate (constant rate only); the first request at 0.
/// </summary>
internal static class SendSchedule
{
    /// <summary>Below this rate (requests/s) sending is unpaced.</summary>
    public const double MinRate = 0.001;

    /// <summary>True when the endpoint paces its sends by rate or ramp-up.</summary>
    public static bool IsPaced(ModelEndpoint endpoint) => endpoint.RampUp is not null || endpoint.RequestRate >= MinRate;

    public static double[] FromRate(int count, double rate, double burstiness, RampUp? rampUp, int seed)
    {
        if (burstiness < 0 || double.IsNaN(burstiness))
        {
            throw new ArgumentOutOfRangeException(nameof(burstiness), $"burstiness must be >= 0, got {burstiness}");
        }

        var offsets = new double[count];
        if (count == 0)
        {
            return offsets;
        }

        var gamma = new GammaSampler(seed);
        double total = 0;
        for (var i = 0; i < count; i++)
        {
            var progress = i / (double)Math.Max(count - 1, 1);
            var current = rampUp is null ? rate : RampRate(rampUp, progress);
            double interval;
            if (current < 1e-9)
            {
                interval = 0;
            }
            else if (burstiness == 0)
            {
                interval = 1.0 / current;
            }
            else
            {
                interval = gamma.Next(burstiness, 1.0 / (current * burstiness));
            }

            total += interval;
            offsets[i] = total;
        }

        if (rampUp is null && total > 0 && rate > 0)
        {
            var factor = count / rate / total;
            for (var i = 0; i < count; i++)
            {
                offsets[i] *= factor;
            }
        }

        var first = offsets[0];
        for (var i = 0; i < count; i++)
        {
            offsets[i] -= first;
        }

        return offsets;
    }

    /// <summary>Trace replay: each row's timestamp (ms) is its send time, relative to the earliest.</summary>
    public static double[] FromTimestamps(IReadOnlyList<PromptRow> rows, int count)
    {
        var offsets = new double[count];
        var min = double.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var ts = rows[i].TimestampMs ?? throw new ArgumentException($"Trace replay: row {rows[i].Id} has no timestamp.", nameof(rows));
            if (double.IsNaN(ts) || double.IsInfinity(ts))
            {
                throw new ArgumentException($"Trace replay: row {rows[i].Id} has an invalid timestamp {ts}.", nameof(rows));
            }

            offsets[i] = ts / 1000.0;
            min = Math.Min(min, offsets[i]);
        }

        for (var i = 0; i < count; i++)
        {
            offsets[i] -= min;
        }

        return offsets;
    }

    private static double RampRate(RampUp rampUp, double progress) => rampUp.Kind switch
    {
        RampUpKind.Linear => rampUp.StartRps + ((rampUp.EndRps - rampUp.StartRps) * progress),
        _ => rampUp.StartRps <= 0 ? rampUp.EndRps : rampUp.StartRps * Math.Pow(rampUp.EndRps / rampUp.StartRps, progress),
    };
}
