-- One row per request of the `requests` view with the scalars every metric needs (metrics.md), times in ns.
-- decode_nonzero: some gap t[i+1] - t[i] (i >= 1) is non-zero, i.e. not every reading after the first is equal.
CREATE OR REPLACE TEMP TABLE pb_req AS
SELECT
    success,
    error_info,
    len(time_points_ns) AS n_tp,
    CASE WHEN len(time_points_ns) >= 1 THEN time_points_ns[1] END AS start_ns,
    CASE WHEN len(time_points_ns) >= 1 THEN time_points_ns[len(time_points_ns)] END AS end_ns,
    CASE WHEN stream AND len(time_points_ns) >= 2 THEN time_points_ns[2] - time_points_ns[1] ELSE 0 END AS ttft_ns,
    input_tokens,
    output_tokens,
    scheduled_ns,
    stream,
    (len(time_points_ns) >= 3 AND list_min(time_points_ns[2:]) <> list_max(time_points_ns[2:])) AS decode_nonzero
FROM requests;
