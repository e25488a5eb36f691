-- Per stage: counts, the successful requests' span, summed E2EL and tokens, and the TPOT/ITL N (requests with a
-- non-zero gap), and the content ITL N (requests with two content readings, i.e. a content gap). Stage stable counts
-- the requests (successful or failed) whose first reading lies in the window.
WITH staged AS (
    SELECT 'total' AS stage, * FROM pb_req
    UNION ALL
    SELECT 'stable' AS stage, * FROM pb_req WHERE start_ns BETWEEN {first_ns} AND {last_ns}
)
SELECT
    stage,
    count(*) AS total,
    count(*) FILTER (WHERE success) AS ok,
    min(start_ns) FILTER (WHERE success) AS first_start_ns,
    max(end_ns) FILTER (WHERE success) AS last_end_ns,
    coalesce(sum(end_ns - start_ns) FILTER (WHERE success), 0)::HUGEINT AS e2el_ns,
    coalesce(sum(input_tokens) FILTER (WHERE success), 0)::HUGEINT AS input_tokens,
    coalesce(sum(output_tokens) FILTER (WHERE success), 0)::HUGEINT AS output_tokens,
    count(*) FILTER (WHERE success AND decode_nonzero) AS decode_n,
    min(start_ns) AS first_send_ns,
    max(start_ns) AS last_send_ns,
    count(start_ns) AS sends,
    count(*) FILTER (WHERE success AND content_readings >= 2) AS content_itl_n
FROM staged
GROUP BY stage;
