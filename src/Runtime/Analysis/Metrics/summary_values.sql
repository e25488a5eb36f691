-- Per-request metric values (seconds, tokens, tokens/s) of the successful requests, long format, per stage.
-- Stage stable holds the requests whose start lies in [first_ns, last_ns]. NULLs are dropped: a metric a request
-- does not have (TTFT, TPOT and PrefillTokenThroughput of a non-streamed request, the send lag of an unscheduled one,
-- the content TPOT without two content readings) adds nothing to its statistics or its N.
-- ContentTPOT (ours): (last content reading - first content reading) / (OutputTokens - 1). CachedTokens (ours): the
-- server's cached prompt tokens, where it said. With by_turn true the stages are the turns of multi-turn sessions
-- instead ('turn 0', 'turn 1', ...: TurnMetrics), so every metric per turn comes from these same formulas.
CREATE OR REPLACE TEMP TABLE pb_vals AS
WITH staged AS (
    SELECT 'total' AS stage, * FROM pb_req WHERE success AND NOT {by_turn}
    UNION ALL
    SELECT 'stable' AS stage, * FROM pb_req WHERE success AND NOT {by_turn} AND start_ns BETWEEN {first_ns} AND {last_ns}
    UNION ALL
    SELECT 'turn ' || turn_id::VARCHAR AS stage, * FROM pb_req WHERE success AND {by_turn}
), m AS (
    SELECT
        stage,
        (end_ns - start_ns)::DOUBLE / 1e9::DOUBLE AS "E2EL",
        ttft_ns::DOUBLE / 1e9::DOUBLE AS "TTFT",
        CASE WHEN NOT stream THEN NULL
             WHEN output_tokens > 1 THEN ((end_ns - start_ns) - ttft_ns)::DOUBLE / 1e9::DOUBLE / (output_tokens - 1)::DOUBLE
             ELSE 0.0::DOUBLE END AS "TPOT",
        input_tokens::DOUBLE AS "InputTokens",
        output_tokens::DOUBLE AS "OutputTokens",
        CASE WHEN end_ns > start_ns THEN output_tokens::DOUBLE / ((end_ns - start_ns)::DOUBLE / 1e9::DOUBLE) ELSE 0.0::DOUBLE END AS "OutputTokenThroughput",
        CASE WHEN NOT stream THEN NULL
             WHEN ttft_ns > 0 THEN input_tokens::DOUBLE / (ttft_ns::DOUBLE / 1e9::DOUBLE) ELSE 0.0::DOUBLE END AS "PrefillTokenThroughput",
        CASE WHEN scheduled_ns > 0 THEN (start_ns - scheduled_ns)::DOUBLE / 1e9::DOUBLE END AS "SendLag",
        CASE WHEN scheduled_ns > 0 THEN (end_ns - scheduled_ns)::DOUBLE / 1e9::DOUBLE END AS "ScheduledE2EL",
        CASE WHEN content_readings >= 2 AND output_tokens > 1
             THEN (content_last_ns - content_first_ns)::DOUBLE / 1e9::DOUBLE / (output_tokens - 1)::DOUBLE END AS "ContentTPOT",
        cached_tokens::DOUBLE AS "CachedTokens"
    FROM staged
)
SELECT stage, metric, v FROM m
UNPIVOT (v FOR metric IN ("E2EL", "TTFT", "TPOT", "InputTokens", "OutputTokens", "OutputTokenThroughput", "PrefillTokenThroughput", "SendLag", "ScheduledE2EL", "ContentTPOT", "CachedTokens"));
