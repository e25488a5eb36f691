-- The one mapping of details lines to request columns, shared by the `requests` view and the merge's `records`
-- table: each line joined to its readings `t` on (db_name, row). A success whose readings are missing (a killed
-- process) counts as failed, as in the reference. Filled in by RecordViews: which column of `t` is NULL exactly when
-- the readings are missing, and what the query keeps of the readings (the lists, or scalars reduced from them).
SELECT
    coalesce(d.extra_perf_data.model_abbr, '') AS model_abbr,
    d.data_abbr AS data_abbr,
    coalesce(d.extra_perf_data.pod, 0) AS pod,
    d.id AS id,
    d.uuid AS uuid,
    (d.success AND t.{present} IS NOT NULL) AS success,
    CASE WHEN d.success AND t.{present} IS NULL THEN 'time points missing from db_data'
         ELSE coalesce(d.error_info, '') END AS error_info,
    coalesce(d.input_tokens, 0) AS input_tokens,
    coalesce(d.output_tokens, 0) AS output_tokens,
    coalesce(d.extra_perf_data.usage_source, '') AS usage_source,
    coalesce(d.extra_perf_data.attempts, 1) AS attempts,
    coalesce(d.extra_perf_data.http_status, 0) AS http_status,
    coalesce(d.extra_perf_data.scheduled_ns, 0) AS scheduled_ns,
    {readings_columns},
    coalesce(d.extra_perf_data.stream, true) AS stream,
    coalesce(d.turn_id, 0) AS turn_id,
    d.data_id AS data_id,
    d.db_name AS db_name,
    d.time_points."__db_ref__" AS db_row,
    d.extra_perf_data.cached_tokens AS cached_tokens
FROM details AS d
LEFT JOIN db AS t ON t.db_name = d.db_name AND t.row = d.time_points."__db_ref__"
