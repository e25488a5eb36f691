-- The `requests` view of docs/record-schema.md: details lines joined to their readings (details_join.sql); the
-- readings of a request whose readings are missing are NULL. (The lists are passed through untouched: wrapping them
-- in coalesce() would copy every list.)
CREATE OR REPLACE TEMP VIEW requests AS
WITH details AS (
    {details_source}
), db AS (
    {db_source}
)
{details_join};
