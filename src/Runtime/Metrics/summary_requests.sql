-- One row per request of the `requests` view with the scalars every metric needs (metrics.md), times in ns.
-- decode_nonzero: some gap t[i+1] - t[i] (i >= 2) is non-zero. Readings of one request come from one monotonic
-- clock, so they never decrease: a non-zero gap exists exactly when the last reading is later than the second.
CREATE OR REPLACE TEMP TABLE pb_req AS
SELECT
    success,
    error_info,
    coalesce(len(time_points_ns), 0) AS n_tp,
    CASE WHEN len(time_points_ns) >= 1 THEN time_points_ns[1] END AS start_ns,
    CASE WHEN len(time_points_ns) >= 1 THEN time_points_ns[len(time_points_ns)] END AS end_ns,
    CASE WHEN stream AND len(time_points_ns) >= 2 THEN time_points_ns[2] - time_points_ns[1] ELSE 0 END AS ttft_ns,
    input_tokens,
    output_tokens,
    scheduled_ns,
    stream,
    coalesce(len(time_points_ns) >= 3 AND time_points_ns[len(time_points_ns)] <> time_points_ns[2], false) AS decode_nonzero,
    coalesce(len(server_time_points_ns), 0) > 0 AS has_server_stamps
FROM requests;
