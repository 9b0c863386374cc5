"""Peer 3: DuckDB, as a data engineer would write it: read_json and one SQL query."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
from common import figures

if TYPE_CHECKING:
    from pathlib import Path

_QUERY = """
WITH ledger AS (
    SELECT * FROM read_json(?, format = 'newline_delimited')
),
requests AS (
    SELECT * FROM ledger
    WHERE received BETWEEN DATE '2020-01-01' AND DATE '2020-12-31'
    QUALIFY row_number() OVER (PARTITION BY id) = 1
),
subjects AS (
    SELECT id, count(DISTINCT coalesce('s:' || ident.subject,
                                      'i:' || ident.type || ':' || ident.value)) AS subjects
    FROM (SELECT id, unnest(identifiers) AS ident FROM requests)
    GROUP BY id
)
SELECT category, country,
       count(*) AS requests,
       sum(subjects) AS subjects,
       count(*) FILTER (WHERE response.outcome = 'provided') AS provided,
       count(*) FILTER (WHERE response.data = 'non_content') AS non_content,
       count(*) FILTER (WHERE response.data = 'content') AS content
FROM requests JOIN subjects USING (id)
GROUP BY category, country
"""
_LEGAL = """
SELECT country, legal_process, count(*) FROM (
    SELECT * FROM read_json(?, format = 'newline_delimited')
    WHERE received BETWEEN DATE '2020-01-01' AND DATE '2020-12-31'
    QUALIFY row_number() OVER (PARTITION BY id) = 1
)
WHERE legal_process IS NOT NULL
GROUP BY country, legal_process
"""


def run(path: Path) -> dict[str, object]:
    """Every figure of the four tables of the ledger at ``path``."""
    with duckdb.connect() as connection:
        table = connection.execute(_QUERY, [str(path)]).fetchall()
        legal = connection.execute(_LEGAL, [str(path)]).fetchall()
    return figures(
        [(category, country, *map(int, rest)) for category, country, *rest in table],
        [(country, process, int(n)) for country, process, n in legal],
    )
