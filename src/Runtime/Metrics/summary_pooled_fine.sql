-- Pass 2 of a pooled distribution: only the values inside the few buckets that hold a wanted rank are kept, grouped
-- by exact value; a running count inside each bucket gives each value's rank range, and each wanted
-- (stage, bucket, offset) picks its value. Only one row per wanted rank comes back.
WITH f AS (
    SELECT st, g, count(*) AS c
    FROM (
        SELECT coalesce(t[1] BETWEEN {first_ns} AND {last_ns}, false) AS st, unnest({list_expr}) AS g
        FROM (SELECT time_points_ns AS t, server_time_points_ns AS s FROM requests WHERE success) AS r
        WHERE {row_filter}
    )
    WHERE g IS NOT NULL AND (g >> {shift}) IN ({buckets})
    GROUP BY st, g
), v AS (
    SELECT 'total' AS stage, g, sum(c) AS c FROM f GROUP BY g
    UNION ALL
    SELECT 'stable' AS stage, g, sum(c) AS c FROM f WHERE st GROUP BY g
), cum AS (
    SELECT stage, g >> {shift} AS b, g, c,
           sum(c) OVER (PARTITION BY stage, g >> {shift} ORDER BY g ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto
    FROM v
), want AS (
    SELECT * FROM (VALUES {wanted}) AS w(stage, b, o)
)
SELECT w.stage, w.b, w.o, cum.g
FROM want AS w
JOIN cum ON cum.stage = w.stage AND cum.b = w.b AND w.o >= cum.upto - cum.c AND w.o < cum.upto;
