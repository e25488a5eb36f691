-- Pass 2 of a pooled distribution: the exact values (with multiplicity) inside the few buckets that hold a wanted rank.
SELECT st, g, count(*) AS c
FROM (
    SELECT coalesce(t[1] BETWEEN {first_ns} AND {last_ns}, false) AS st, unnest({list_expr}) AS g
    FROM (SELECT time_points_ns AS t, server_time_points_ns AS s FROM requests WHERE success) AS r
    WHERE {row_filter}
)
WHERE g IS NOT NULL AND (g >> {shift}) IN ({buckets})
GROUP BY st, g;
