-- Pass 1 of a pooled distribution (every element of every successful request's list, e.g. every ITL gap):
-- counts, sums and extremes per coarse bucket (value >> shift), split by stage stable. Nothing is materialized.
SELECT st, b, count(*) AS c, sum(g)::HUGEINT AS s, min(g) AS mn, max(g) AS mx
FROM (
    SELECT st, g, g >> {shift} AS b
    FROM (
        SELECT coalesce(t[1] BETWEEN {first_ns} AND {last_ns}, false) AS st, unnest({list_expr}) AS g
        FROM (SELECT time_points_ns AS t, server_time_points_ns AS s FROM requests WHERE success) AS r
        WHERE {row_filter}
    )
    WHERE g IS NOT NULL
)
GROUP BY st, b;
