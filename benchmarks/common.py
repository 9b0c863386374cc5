"""What the peers share: the shape of the figures they compute, so they can be compared.

Each peer computes, in its own way, per category and country: the requests, the
subjects, and the requests where data (non-content, content) was provided; and per
country and legal process type: the requests. ``figures`` turns those into the cells
of the seed's four tables, keyed ``table/country/row/column``, with whole percentages
rounded half up in integers: the keys and values ``engine_figures`` reads from a report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core import Report

PROCESSES = ("investigation_order", "other_court_order")
CategoryRow = tuple[str, str, int, int, int, int, int]
"""category, country, requests, subjects, provided, non-content provided, content provided"""
LegalRow = tuple[str, str, int]
"""country, legal process type, requests"""


def half_up(part: int, whole: int) -> str:
    """A whole percentage of ``part`` in ``whole``, half up, as a decimal string."""
    return str((200 * part + whole) // (2 * whole))


def figures(categories: Iterable[CategoryRow], legal: Iterable[LegalRow]) -> dict[str, object]:
    """The cells of the four tables from the peers' aggregates."""
    result: dict[str, object] = {}
    for category, country, requests, subjects, provided, non_content, content in categories:
        cells: dict[str, object] = {"requests": requests, "subjects": subjects}
        if category == "account":
            cells |= {"non_content_only": non_content, "content": content}
        else:
            cells["provided"] = provided
        cells["percent_provided"] = half_up(provided, requests)
        for column, value in cells.items():
            result[f"{category}/{country}/counts/{column}"] = value
    by_country: dict[str, dict[str, int]] = {}
    for country, process, requests in legal:
        by_country.setdefault(country, dict.fromkeys(PROCESSES, 0))[process] += requests
    for country, counts in by_country.items():
        total = sum(counts.values())
        for process, value in counts.items():
            result[f"legal_process/{country}/counts/{process}"] = value
            result[f"legal_process/{country}/shares/{process}"] = half_up(value, total)
    return result


def engine_figures(report: Report) -> dict[str, object]:
    """The same cells, read from a report of transparency_core."""
    result: dict[str, object] = {}
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                value = cell.value
                shown = value if isinstance(value, int) else str(value)
                result[f"{table.key}/{row.country}/{row.kind.value}/{column.key}"] = shown
    return result


def json_figures(data: dict[str, object]) -> dict[str, object]:
    """The same cells, read from the JSON a ``--format json`` run printed.

    Version 2 of the JSON holds a list of periods, each with its tables (the runner
    counts one); version 1 held the tables.
    """
    result: dict[str, object] = {}
    periods = data.get("periods")
    tables = periods[0]["tables"] if isinstance(periods, list) else data["tables"]
    if not isinstance(tables, list):
        msg = f"not a report's JSON: tables is {tables!r}"
        raise TypeError(msg)
    for table in tables:
        for row in table["rows"]:
            for column, cell in row["cells"].items():
                result[f"{table['key']}/{row['country']}/{row['kind']}/{column}"] = cell["value"]
    return result
