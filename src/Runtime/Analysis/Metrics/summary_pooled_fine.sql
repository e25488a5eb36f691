-- Pass 2 of a pooled distribution: only the values inside the few buckets that hold a wanted rank are kept, counted
-- by class and exact value; each (scope, stage) group sums the classes it holds, a running count inside each of
-- its buckets gives each value's rank range, and each wanted (group, bucket, offset) picks its value. Only one row
-- per wanted rank comes back.
WITH f AS (
    SELECT cls, g, count(*) AS c
    FROM (
        SELECT {class_expr} AS cls, unnest({list_expr}) AS g
        FROM ({readings}) AS r
        WHERE {row_filter}
    )
    WHERE g IS NOT NULL AND (g >> {shift}) IN ({buckets})
    GROUP BY cls, g
), member AS (
    SELECT * FROM (VALUES {members}) AS m(cls, grp)
), want AS (
    SELECT * FROM (VALUES {wanted}) AS w(grp, b, o)
), v AS (
    SELECT m.grp, f.g, sum(f.c) AS c
    FROM f
    JOIN member AS m ON m.cls = f.cls
    JOIN (SELECT DISTINCT grp, b FROM want) AS wb ON wb.grp = m.grp AND wb.b = f.g >> {shift}
    GROUP BY m.grp, f.g
), cum AS (
    SELECT grp, g >> {shift} AS b, g, c,
           sum(c) OVER (PARTITION BY grp, g >> {shift} ORDER BY g ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto
    FROM v
)
SELECT w.grp, w.b, w.o, cum.g
FROM want AS w
JOIN cum ON cum.grp = w.grp AND cum.b = w.b AND w.o >= cum.upto - cum.c AND w.o < cum.upto;
