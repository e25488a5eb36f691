-- Pass 1 of a pooled distribution (every element of every successful request's list, e.g. every ITL gap):
-- counts, sums and extremes per coarse bucket (value >> shift) and per request class (the class: the task and
-- which stable windows hold the request's start), for every scope at once. Nothing is materialized.
-- The readings relation: one row per successful request with columns task, t (time points) and s (server stamps).
SELECT cls, b, count(*) AS c, sum(g)::HUGEINT AS s, min(g) AS mn, max(g) AS mx
FROM (
    SELECT cls, g, g >> {shift} AS b
    FROM (
        SELECT {class_expr} AS cls, unnest({list_expr}) AS g
        FROM ({readings}) AS r
        WHERE {row_filter}
    )
    WHERE g IS NOT NULL
)
GROUP BY cls, b;
