-- Per stage: the server's prefix-cache figures of the successful requests whose server reported cached prompt
-- tokens (usage.prompt_tokens_details.cached_tokens; NULL when it did not say): their cached tokens, their prompt
-- tokens, how many reported and how many had a hit. Hit rate = cached / prompt tokens of those requests.
WITH staged AS (
    SELECT 'total' AS stage, * FROM pb_req WHERE success AND cached_tokens IS NOT NULL
    UNION ALL
    SELECT 'stable' AS stage, * FROM pb_req WHERE success AND cached_tokens IS NOT NULL AND start_ns BETWEEN {first_ns} AND {last_ns}
)
SELECT
    stage,
    sum(cached_tokens)::BIGINT AS cached,
    sum(input_tokens)::BIGINT AS prompt,
    count(*) AS reported,
    count(*) FILTER (WHERE cached_tokens > 0) AS hits
FROM staged
GROUP BY stage;
