-- Failure reasons, most frequent first.
SELECT CASE WHEN error_info = '' THEN 'unknown error' ELSE error_info END AS reason, count(*) AS n
FROM pb_req
WHERE NOT success
GROUP BY reason
ORDER BY n DESC, reason;
