using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Exact statistics of a pooled distribution of integer ns values too large to hold (every ITL gap of every request:
/// up to 1e9 values), in two streaming passes in DuckDB: pass 1 counts values per coarse bucket; the buckets that
/// hold the wanted ranks are then read exactly in pass 2 (only the distinct values of those buckets come back).
/// </summary>
internal sealed class PooledDistribution
{
    private const int Shift = 16;
    private readonly SqlRunner sql;
    private readonly string listExpr;
    private readonly string rowFilter;
    private readonly string first;
    private readonly string last;

    public PooledDistribution(SqlRunner sql, string listExpr, string rowFilter, long? firstNs, long? lastNs)
    {
        this.sql = sql;
        this.listExpr = listExpr;
        this.rowFilter = rowFilter;
        first = SqlRunner.Ns(firstNs);
        last = SqlRunner.Ns(lastNs);
    }

    /// <summary>
    /// Per stage (<c>total</c>, and <c>stable</c> when asked), the value count and each statistic in seconds
    /// (Min, Max, Average and percentiles as <paramref name="statistics"/> lists them).
    /// </summary>
    public Dictionary<string, (long N, Dictionary<string, double> Values)> Compute(IReadOnlyList<StatisticColumn> statistics, bool stable)
    {
        var coarse = sql.Rows(sql.Load("summary_pooled_coarse.sql", ("shift", Shift.ToString(CultureInfo.InvariantCulture)), ("first_ns", first), ("last_ns", last), ("list_expr", listExpr), ("row_filter", rowFilter)))
            .Select(r => new Bucket((bool)r[0]!, SqlRunner.Long(r[1]), SqlRunner.Long(r[2]), SqlRunner.Big(r[3]), SqlRunner.Long(r[4]), SqlRunner.Long(r[5])))
            .ToList();
        var stages = stable ? new[] { "total", "stable" } : new[] { "total" };
        var perStage = stages.ToDictionary(s => s, s => Merge(coarse.Where(b => s == "total" || b.Stable)));

        // Which (stage, rank) lands in which bucket, and which buckets need pass 2.
        var lookups = new List<(string Stage, long Rank, Bucket Bucket, long Offset)>();
        foreach (var stage in stages)
        {
            var buckets = perStage[stage];
            var n = buckets.Sum(b => b.Count);
            if (n == 0)
            {
                continue;
            }

            foreach (var col in statistics.Where(c => c.Kind == StatisticKind.Percentile))
            {
                var (lo, hi, _) = NumpyPercentile.Ranks(n, col.Percentile);
                foreach (var rank in new[] { lo, hi })
                {
                    var before = 0L;
                    foreach (var b in buckets)
                    {
                        if (rank < before + b.Count)
                        {
                            lookups.Add((stage, rank, b, rank - before));
                            break;
                        }

                        before += b.Count;
                    }
                }
            }
        }

        var rankValue = new Dictionary<(string, long), long>();
        var wanted = new HashSet<(string Stage, long Bucket, long Offset)>();
        foreach (var (stage, rank, bucket, offset) in lookups)
        {
            if (bucket.Min == bucket.Max)
            {
                rankValue[(stage, rank)] = bucket.Min;
            }
            else
            {
                wanted.Add((stage, bucket.Id, offset));
            }
        }

        if (wanted.Count > 0)
        {
            var buckets = string.Join(", ", wanted.Select(w => w.Bucket).Distinct().Select(b => b.ToString(CultureInfo.InvariantCulture)));
            var values = string.Join(", ", wanted.Select(w => $"('{w.Stage}', {w.Bucket.ToString(CultureInfo.InvariantCulture)}, {w.Offset.ToString(CultureInfo.InvariantCulture)})"));
            var picked = sql.Rows(sql.Load("summary_pooled_fine.sql", ("shift", Shift.ToString(CultureInfo.InvariantCulture)), ("first_ns", first), ("last_ns", last), ("list_expr", listExpr), ("row_filter", rowFilter), ("buckets", buckets), ("wanted", values)))
                .ToDictionary(r => ((string)r[0]!, SqlRunner.Long(r[1]), SqlRunner.Long(r[2])), r => SqlRunner.Long(r[3]));
            foreach (var (stage, rank, bucket, offset) in lookups.Where(l => l.Bucket.Min != l.Bucket.Max))
            {
                rankValue[(stage, rank)] = picked[(stage, bucket.Id, offset)];
            }
        }

        var result = new Dictionary<string, (long, Dictionary<string, double>)>();
        foreach (var stage in stages)
        {
            var buckets = perStage[stage];
            var n = buckets.Sum(b => b.Count);
            var values = new Dictionary<string, double>();
            if (n > 0)
            {
                foreach (var col in statistics)
                {
                    values[col.Name] = col.Kind switch
                    {
                        StatisticKind.Average => (double)buckets.Aggregate(BigInteger.Zero, (a, b) => a + b.Sum) / n / 1e9,
                        StatisticKind.Min => buckets.Min(b => b.Min) / 1e9,
                        StatisticKind.Max => buckets.Max(b => b.Max) / 1e9,
                        _ => Interpolate(stage, n, col.Percentile, rankValue),
                    };
                }
            }

            result[stage] = (n, values);
        }

        return result;
    }

    private static double Interpolate(string stage, long n, int percentile, Dictionary<(string, long), long> rankValue)
    {
        var (lo, hi, gamma) = NumpyPercentile.Ranks(n, percentile);
        return NumpyPercentile.Lerp(rankValue[(stage, lo)] / 1e9, rankValue[(stage, hi)] / 1e9, gamma);
    }

    private static List<Bucket> Merge(IEnumerable<Bucket> buckets) => buckets
        .GroupBy(b => b.Id)
        .Select(g => new Bucket(true, g.Key, g.Sum(b => b.Count), g.Aggregate(BigInteger.Zero, (a, b) => a + b.Sum), g.Min(b => b.Min), g.Max(b => b.Max)))
        .OrderBy(b => b.Id)
        .ToList();

    private sealed record Bucket(bool Stable, long Id, long Count, BigInteger Sum, long Min, long Max);
}
