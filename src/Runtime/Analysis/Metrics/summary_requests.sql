-- One row per request with the scalars every metric needs (metrics.md), times in ns, from the records relation,
-- with task, success, error_info, input_tokens, output_tokens, scheduled_ns, stream, readings (the number of
-- time points), start_ns, first_ns, end_ns (the 1st, 2nd and last time point), server_readings and content_readings,
-- content_first_ns, content_last_ns (the event readings that carried generated text; NULL when not recorded), and
-- cached_tokens (the server's cached prompt tokens; NULL when it did not say), turn_id (0 but for later turns of
-- multi-turn sessions).
-- ttft_ns is NULL for a non-streamed request: it has no first token, so it has no place in a TTFT statistic.
-- decode_nonzero: some gap t[i+1] - t[i] (i >= 2) is non-zero. Readings of one request come from one monotonic
-- clock, so they never decrease: a non-zero gap exists exactly when the last reading is later than the second.
CREATE OR REPLACE TEMP TABLE pb_all AS
SELECT
    task,
    success,
    error_info,
    coalesce(readings, 0) AS n_tp,
    CASE WHEN readings >= 1 THEN start_ns END AS start_ns,
    CASE WHEN readings >= 1 THEN end_ns END AS end_ns,
    CASE WHEN NOT stream THEN NULL WHEN readings >= 2 THEN first_ns - start_ns ELSE 0 END AS ttft_ns,
    input_tokens,
    output_tokens,
    scheduled_ns,
    stream,
    coalesce(readings >= 3 AND end_ns <> first_ns, false) AS decode_nonzero,
    coalesce(server_readings, 0) > 0 AS has_server_stamps,
    CASE WHEN stream THEN content_readings END AS content_readings,
    content_first_ns,
    content_last_ns,
    cached_tokens,
    coalesce(turn_id, 0) AS turn_id
FROM ({records});
