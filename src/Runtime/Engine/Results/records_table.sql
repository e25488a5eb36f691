-- The scalar twin of the `requests` view (the same details_join.sql): one row per details line with the readings
-- reduced to what every metric and chart needs, so no list is carried through the join or stored.
-- readings = len(time_points_ns); start_ns, first_ns, end_ns = its 1st, 2nd and last element; content_readings,
-- content_first_ns, content_last_ns: how many event readings carried generated text, the first and the last of them.
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
           len(server_time_points_ns) AS server_readings,
           {content_columns}
    FROM ({db_source})
), tasks AS (
    SELECT * FROM (VALUES {tasks}) AS t(model_abbr, data_abbr, task)
), joined AS (
    {details_join}
)
SELECT j.*, coalesce(k.task, -1) AS task
FROM joined AS j
LEFT JOIN tasks AS k ON k.model_abbr = j.model_abbr AND k.data_abbr = j.data_abbr;
