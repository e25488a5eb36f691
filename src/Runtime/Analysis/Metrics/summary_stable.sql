-- The stable stage (reference-aisbench.md 1.6): sweep the start (+1) and end (-1) events of the successful
-- requests in time order; at equal times ends come before starts. first = the time of the 2nd start event after
-- which in-flight == limit; last = the time of the last event after which in-flight == limit.
WITH ev AS (
    SELECT start_ns AS t, 1 AS delta FROM pb_req WHERE success
    UNION ALL
    SELECT end_ns AS t, -1 AS delta FROM pb_req WHERE success
), ordered AS (
    SELECT t, delta, row_number() OVER (ORDER BY t, delta) AS seq FROM ev
), running AS (
    SELECT t, delta, seq, sum(delta) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS inflight FROM ordered
)
SELECT
    (SELECT t FROM running WHERE delta = 1 AND inflight = {limit} ORDER BY seq LIMIT 1 OFFSET 1) AS first_ns,
    (SELECT max(t) FROM running WHERE inflight = {limit}) AS last_ns;
