-- Count, sum (Kahan-Babuska), min and max of every per-request metric per stage.
SELECT stage, metric, count(*) AS n, fsum(v) AS s, min(v) AS mn, max(v) AS mx
FROM pb_vals
GROUP BY stage, metric;
