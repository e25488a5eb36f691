-- Per stage: the successful requests that met every given goodput limit (vLLM's --goodput; limits in ms, NULL when
-- not given). A request is good when TTFT <= ttft, TPOT <= tpot and E2EL <= e2el, each per request as in
-- summary_values.sql (TPOT: (E2EL - TTFT) / (OutputTokens - 1), 0 for a single token). A non-streamed request has
-- no TTFT and no TPOT, so it meets no limit on them. Compared in ns, so a limit of exactly the value is met.
WITH staged AS (
    SELECT 'total' AS stage, * FROM pb_req WHERE success
    UNION ALL
    SELECT 'stable' AS stage, * FROM pb_req WHERE success AND start_ns BETWEEN {first_ns} AND {last_ns}
), limits AS (
    SELECT {ttft_ms}::DOUBLE * 1e6 AS ttft, {tpot_ms}::DOUBLE * 1e6 AS tpot, {e2el_ms}::DOUBLE * 1e6 AS e2el
)
SELECT
    stage,
    count(*) FILTER (WHERE
        (limits.ttft IS NULL OR ttft_ns::DOUBLE <= limits.ttft)
        AND (limits.tpot IS NULL OR (stream AND CASE WHEN output_tokens > 1
            THEN ((end_ns - start_ns) - ttft_ns)::DOUBLE / (output_tokens - 1)::DOUBLE ELSE 0.0 END <= limits.tpot))
        AND (limits.e2el IS NULL OR (end_ns - start_ns)::DOUBLE <= limits.e2el)) AS good,
    count(*) AS ok
FROM staged, limits
GROUP BY stage;
