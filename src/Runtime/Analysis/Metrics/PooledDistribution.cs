using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Exact statistics of a pooled distribution of integer ns values too large to hold (every ITL gap of every request:
/// up to 1e9 values), for several scopes at once, in two streaming passes in DuckDB: pass 1 counts values per
/// request class and coarse bucket; the buckets that hold the wanted ranks of every (scope, stage) are then read
/// exactly in pass 2 (only one value per wanted rank comes back). A class is a task and the stable windows its
/// request's start lies in, so each (scope, stage) is a union of classes.
/// </summary>
internal sealed class PooledDistribution
{
    // 4.1 µs buckets: pass 2 groups every distinct value of the wanted buckets, so wide buckets (65.5 µs: up to 65,536
    // values each) made it 1.7x slower on 4K-token streams, while pass 1's groups stay few (about 2,000 per class).
    private const int Shift = 12;
    private readonly SqlRunner sql;
    private readonly string listExpr;
    private readonly string rowFilter;
    private readonly string readings;

    /// <param name="sql">The connection.</param>
    /// <param name="listExpr">The list pooled per request, over columns <c>t</c> and <c>s</c>.</param>
    /// <param name="rowFilter">Which requests contribute.</param>
    /// <param name="readings">A relation of the successful requests: <c>task, t</c> and the columns <paramref name="listExpr"/> reads.</param>
    public PooledDistribution(SqlRunner sql, string listExpr, string rowFilter, string readings)
    {
        this.sql = sql;
        this.listExpr = listExpr;
        this.rowFilter = rowFilter;
        this.readings = readings;
    }

    /// <summary>
    /// Per scope, per stage (<c>total</c>, and <c>stable</c> when the scope asks), the value count and each statistic
    /// in seconds (Min, Max, Average and percentiles as <paramref name="statistics"/> lists them).
    /// </summary>
    public List<Dictionary<string, (long N, Dictionary<string, double> Values)>> Compute(IReadOnlyList<PooledScope> scopes, IReadOnlyList<StatisticColumn> statistics)
    {
        var classExpr = ClassExpression(scopes);
        var fill = new List<(string, string)>
        {
            ("shift", Shift.ToString(CultureInfo.InvariantCulture)), ("class_expr", classExpr), ("list_expr", listExpr), ("row_filter", rowFilter), ("readings", readings),
        };
        var coarse = sql.Rows(sql.Load("summary_pooled_coarse.sql", fill.ToArray()))
            .Select(r => new Bucket(SqlRunner.Long(r[0]), SqlRunner.Long(r[1]), SqlRunner.Long(r[2]), SqlRunner.Big(r[3]), SqlRunner.Long(r[4]), SqlRunner.Long(r[5])))
            .ToList();

        // Groups: (scope, stage), numbered scope * 2 + (stable ? 1 : 0).
        var groups = new List<(int Scope, string Stage, int Id)>();
        for (var i = 0; i < scopes.Count; i++)
        {
            groups.Add((i, "total", i * 2));
            if (scopes[i].Stable)
            {
                groups.Add((i, "stable", (i * 2) + 1));
            }
        }

        var members = groups.ToDictionary(g => g.Id, g => coarse.Select(b => b.Class).Distinct().Where(c => Holds(scopes[g.Scope], g.Stage, c)).ToHashSet());
        var perGroup = groups.ToDictionary(g => g.Id, g => Merge(coarse.Where(b => members[g.Id].Contains(b.Class))));

        // Which (group, rank) lands in which bucket, and which buckets need pass 2.
        var lookups = new List<(int Group, long Rank, Bucket Bucket, long Offset)>();
        foreach (var (_, _, id) in groups)
        {
            var buckets = perGroup[id];
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
                            lookups.Add((id, rank, b, rank - before));
                            break;
                        }

                        before += b.Count;
                    }
                }
            }
        }

        var rankValue = new Dictionary<(int, long), long>();
        var wanted = new HashSet<(int Group, long Bucket, long Offset)>();
        foreach (var (group, rank, bucket, offset) in lookups)
        {
            if (bucket.Min == bucket.Max)
            {
                rankValue[(group, rank)] = bucket.Min;
            }
            else
            {
                wanted.Add((group, bucket.Id, offset));
            }
        }

        if (wanted.Count > 0)
        {
            var buckets = string.Join(", ", wanted.Select(w => w.Bucket).Distinct().Select(b => b.ToString(CultureInfo.InvariantCulture)));
            var values = string.Join(", ", wanted.Select(w => $"({w.Group.ToString(CultureInfo.InvariantCulture)}, {w.Bucket.ToString(CultureInfo.InvariantCulture)}, {w.Offset.ToString(CultureInfo.InvariantCulture)})"));
            var memberValues = string.Join(", ", wanted.Select(w => w.Group).Distinct()
                .SelectMany(g => members[g].Select(c => $"({c.ToString(CultureInfo.InvariantCulture)}, {g.ToString(CultureInfo.InvariantCulture)})")));
            fill.Add(("buckets", buckets));
            fill.Add(("wanted", values));
            fill.Add(("members", memberValues));
            var picked = sql.Rows(sql.Load("summary_pooled_fine.sql", fill.ToArray()))
                .ToDictionary(r => ((int)SqlRunner.Long(r[0]), SqlRunner.Long(r[1]), SqlRunner.Long(r[2])), r => SqlRunner.Long(r[3]));
            foreach (var (group, rank, bucket, offset) in lookups.Where(l => l.Bucket.Min != l.Bucket.Max))
            {
                rankValue[(group, rank)] = picked[(group, bucket.Id, offset)];
            }
        }

        var result = scopes.Select(_ => new Dictionary<string, (long, Dictionary<string, double>)>()).ToList();
        foreach (var (scope, stage, id) in groups)
        {
            var buckets = perGroup[id];
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
                        _ => Interpolate(id, n, col.Percentile, rankValue),
                    };
                }
            }

            result[scope][stage] = (n, values);
        }

        return result;
    }

    /// <summary>
    /// The class of a request: <c>(task + 1) * 4</c>, plus 1 when its start lies in the stable window of the scope
    /// of every row, plus 2 when it lies in the stable window of its own task's scope.
    /// </summary>
    private static string ClassExpression(IReadOnlyList<PooledScope> scopes)
    {
        static string Within(PooledScope s) => $"coalesce(t[1] BETWEEN {SqlRunner.Ns(s.First)} AND {SqlRunner.Ns(s.Last)}, false)";
        var all = scopes.FirstOrDefault(s => s.Task is null && s.Stable);
        var own = scopes.Where(s => s.Task is not null && s.Stable).ToList();
        var allExpr = all is null ? "0" : $"(CASE WHEN {Within(all)} THEN 1 ELSE 0 END)";
        var ownExpr = own.Count == 0
            ? "0"
            : "(CASE task " + string.Concat(own.Select(s => $"WHEN {s.Task!.Value.ToString(CultureInfo.InvariantCulture)} THEN (CASE WHEN {Within(s)} THEN 2 ELSE 0 END) ")) + "ELSE 0 END)";
        return $"((task + 1) * 4 + {allExpr} + {ownExpr})";
    }

    private static bool Holds(PooledScope scope, string stage, long cls)
    {
        var task = (cls / 4) - 1;
        var bits = cls % 4;
        if (scope.Task is { } only && only != task)
        {
            return false;
        }

        return stage == "total" || (scope.Task is null ? (bits & 1) != 0 : (bits & 2) != 0);
    }

    private static double Interpolate(int group, long n, int percentile, Dictionary<(int, long), long> rankValue)
    {
        var (lo, hi, gamma) = NumpyPercentile.Ranks(n, percentile);
        return NumpyPercentile.Lerp(rankValue[(group, lo)] / 1e9, rankValue[(group, hi)] / 1e9, gamma);
    }

    private static List<Bucket> Merge(IEnumerable<Bucket> buckets) => buckets
        .GroupBy(b => b.Id)
        .Select(g => new Bucket(-1, g.Key, g.Sum(b => b.Count), g.Aggregate(BigInteger.Zero, (a, b) => a + b.Sum), g.Min(b => b.Min), g.Max(b => b.Max)))
        .OrderBy(b => b.Id)
        .ToList();

    private sealed record Bucket(long Class, long Id, long Count, BigInteger Sum, long Min, long Max);
}
