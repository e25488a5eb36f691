-- Per-request values of the successful requests of multi-turn sessions, long format like summary_values.sql, with
-- the turn index as the stage ('turn 0', 'turn 1', ...): the same statistics (summary_counts.sql,
-- summary_select.sql) then give every metric per turn. Formulas as in summary_values.sql.
CREATE OR REPLACE TEMP TABLE pb_vals AS
WITH m AS (
    SELECT
        'turn ' || turn_id::VARCHAR AS stage,
        (end_ns - start_ns)::DOUBLE / 1e9::DOUBLE AS "E2EL",
        ttft_ns::DOUBLE / 1e9::DOUBLE AS "TTFT",
        CASE WHEN NOT stream THEN NULL
             WHEN output_tokens > 1 THEN ((end_ns - start_ns) - ttft_ns)::DOUBLE / 1e9::DOUBLE / (output_tokens - 1)::DOUBLE
             ELSE 0.0::DOUBLE END AS "TPOT",
        input_tokens::DOUBLE AS "InputTokens",
        output_tokens::DOUBLE AS "OutputTokens",
        cached_tokens::DOUBLE AS "CachedTokens"
    FROM pb_req
    WHERE success
)
SELECT stage, metric, v FROM m
UNPIVOT (v FOR metric IN ("E2EL", "TTFT", "TPOT", "InputTokens", "OutputTokens", "CachedTokens"));
