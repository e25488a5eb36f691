-- The scalar twin of the `requests` view (requests_view.sql, same join, same success rule): one row per details
-- line with the readings reduced to what every metric and chart needs, so no list is carried through the join or
-- stored. readings = len(time_points_ns); start_ns, first_ns, end_ns = its 1st, 2nd and last element.
-- task: the index of the line's (model_abbr, data_abbr) in the tasks list (-1 when not listed).
CREATE TABLE {table} AS
WITH details AS (
    {details_source}
), db AS (
    SELECT db_name, row,
           len(time_points_ns) AS readings,
           time_points_ns[1] AS start_ns,
           time_points_ns[2] AS first_ns,
           time_points_ns[-1] AS end_ns,
           len(server_time_points_ns) AS server_readings
    FROM ({db_source})
), tasks AS (
    SELECT * FROM (VALUES {tasks}) AS t(model_abbr, data_abbr, task)
), joined AS (
    SELECT
        coalesce(d.extra_perf_data.model_abbr, '') AS model_abbr,
        d.data_abbr AS data_abbr,
        coalesce(d.extra_perf_data.pod, 0) AS pod,
        d.id AS id,
        d.uuid AS uuid,
        (d.success AND t.readings IS NOT NULL) AS success,
        CASE WHEN d.success AND t.readings IS NULL THEN 'time points missing from db_data'
             ELSE coalesce(d.error_info, '') END AS error_info,
        coalesce(d.input_tokens, 0) AS input_tokens,
        coalesce(d.output_tokens, 0) AS output_tokens,
        coalesce(d.extra_perf_data.usage_source, '') AS usage_source,
        coalesce(d.extra_perf_data.attempts, 1) AS attempts,
        coalesce(d.extra_perf_data.http_status, 0) AS http_status,
        coalesce(d.extra_perf_data.scheduled_ns, 0) AS scheduled_ns,
        coalesce(d.extra_perf_data.stream, true) AS stream,
        coalesce(d.turn_id, 0) AS turn_id,
        d.data_id AS data_id,
        d.db_name AS db_name,
        d.time_points."__db_ref__" AS db_row,
        t.readings AS readings,
        t.start_ns AS start_ns,
        t.first_ns AS first_ns,
        t.end_ns AS end_ns,
        t.server_readings AS server_readings
    FROM details AS d
    LEFT JOIN db AS t ON t.db_name = d.db_name AND t.row = d.time_points."__db_ref__"
)
SELECT j.*, coalesce(k.task, -1) AS task
FROM joined AS j
LEFT JOIN tasks AS k ON k.model_abbr = j.model_abbr AND k.data_abbr = j.data_abbr;
