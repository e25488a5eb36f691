-- The value at each wanted 0-based rank k of the sorted values of (stage, metric): equal values are counted once
-- with their multiplicity, so the sort runs over distinct values only.
WITH h AS (
    SELECT stage, metric, v, count(*) AS c FROM pb_vals GROUP BY stage, metric, v
), cum AS (
    SELECT stage, metric, v, c,
           sum(c) OVER (PARTITION BY stage, metric ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto
    FROM h
), want AS (
    SELECT * FROM (VALUES {wanted}) AS w(stage, metric, k)
)
SELECT w.stage, w.metric, w.k, cum.v
FROM want AS w
JOIN cum ON cum.stage = w.stage AND cum.metric = w.metric AND w.k >= cum.upto - cum.c AND w.k < cum.upto;
