"""The words and settings of a report in JSON, version 2: what each part counts, and how.

The settings a report was counted by (its policies, categories, legal processes and
breakdowns, by name), what each column counts (read from the column's measure, so a new
measure is named without a change here), a table's translated words, and the summary
of what was counted and left out. :mod:`transparency_core._render._json` puts them
together with the figures.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from transparency_core._disclosure import Banding, Suppression
from transparency_core._render._document import ledger_summary
from transparency_core._render._timecolumns import MEDIANS, figures_of
from transparency_core._report import Disposition
from transparency_core._specs import Percent, Requests, Subjects
from transparency_core._subjects import SubjectCounting

if TYPE_CHECKING:
    from transparency_core._disclosure import Disclosure
    from transparency_core._render._format import Formatter
    from transparency_core._render._timecolumns import TableTimes
    from transparency_core._report import Report, Row, Table
    from transparency_core._rounding import RoundingPolicy
    from transparency_core._specs import Column, Measure

__all__ = [
    "LEFT_OUT",
    "disclosure_data",
    "rounding_data",
    "settings_data",
    "summary_data",
    "table_words",
    "time_cells",
]

LEFT_OUT = (Disposition.OUT_OF_PERIOD, Disposition.CATEGORY_NOT_IN_REPORT)
"""Why a request is left out of every table, in the order the summary lists them."""


def disclosure_data(policy: Disclosure | None) -> dict[str, Any] | None:
    """A disclosure policy as JSON: its kind and its numbers; ``None`` for none."""
    match policy:
        case Banding(width=width, minimum=minimum):
            return {"kind": "banding", "width": width, "minimum": minimum}
        case Suppression(threshold=threshold):
            return {"kind": "suppression", "threshold": threshold}
    return None


def rounding_data(rounding: RoundingPolicy) -> dict[str, Any]:
    """A rounding policy as JSON."""
    return {
        "places": rounding.places,
        "mode": rounding.mode.value,
        "zero_denominator": rounding.zero_denominator.value,
        "apportion": rounding.apportion,
    }


def settings_data(report: Report) -> dict[str, Any]:
    """What ``report`` was counted by, as JSON: names, in English, and policies."""
    settings = report.settings
    return {
        "rounding": rounding_data(report.rounding),
        "disclosure": disclosure_data(settings.disclosure),
        "actions_in_totals": settings.actions_in_totals,
        "categories": [
            {
                "name": category.name,
                "action": category.action,
                "disclosure": disclosure_data(category.disclosure),
            }
            for category in settings.categories
        ],
        "legal_processes": [
            {"name": process.name, "heading": process.heading, "definition": process.definition}
            for process in settings.legal_processes
        ],
        "breakdowns": [breakdown.key for breakdown in settings.breakdowns],
        # Only when not the default, so that a report counted as before reads as before.
        **({"subjects": settings.subjects.value} if settings.subjects != "distinct" else {}),
        **({"totals": True} if settings.totals else {}),
        **({"response_times": True} if report.response_times is not None else {}),
    }


def _column_counting(measure: Requests | Subjects, columns: tuple[Column, ...]) -> str | None:
    """The key of the column that counts ``measure``, if the table has one."""
    return next((column.key for column in columns if column.measure == measure), None)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def measure_data(
    measure: Measure,
    columns: tuple[Column, ...],
    subjects: SubjectCounting = SubjectCounting.DISTINCT,
) -> dict[str, Any]:
    """What a column counts: requests, subjects, or a percentage of which two columns.

    A subjects measure names the ``subjects`` policy it was counted by: ``distinct``
    devices or accounts, or every identifier (``identifiers``). A measure of another
    kind (one added later) is named after its class.
    """
    match measure:
        case Percent(part=part, whole=whole):
            return {
                "measure": "percent",
                "part": _column_counting(Requests(part), columns),
                "whole": _column_counting(Requests(whole), columns),
            }
        case Requests():
            return {"measure": "requests"}
        case Subjects():
            return {"measure": "subjects", "subjects": subjects.value}
    return {"measure": _snake(type(measure).__name__)}


def _time_columns(formatter: Formatter) -> list[dict[str, Any]]:
    """The columns of the median times: what each counts, from ``received`` to when."""
    return [
        {
            "key": median.key,
            "heading": formatter.gettext(median.heading),
            "definition": formatter.gettext(median.definition),
            "counts": {
                "measure": "median_time",
                "unit": median.unit,
                "from": "received",
                "to": median.moment,
            },
        }
        for median in MEDIANS
    ]


def time_cells(times: TableTimes | None, row: Row) -> dict[str, Any]:
    """The median times of ``row``, a cell per median column; none for a row without."""
    time = None if times is None else times.of(row)
    if times is None or time is None:
        return {}
    if times.withheld(row):
        return {median.key: {"published": {"withheld": True}} for median in MEDIANS}
    cells = {}
    for median in MEDIANS:
        figures = figures_of(time, median.moment)
        value = median.value(figures)
        cells[median.key] = {
            "value": None if value is None else str(value),
            "counted": figures.counted,
            "left_out": figures.left_out,
        }
    return cells


def table_words(
    table: Table,
    formatter: Formatter,
    times: TableTimes | None = None,
    subjects: SubjectCounting = SubjectCounting.DISTINCT,
) -> dict[str, Any]:
    """A table's title, description, columns and their definitions, translated.

    ``subjects`` is the policy its subjects columns were counted by. With ``times``,
    the columns of its median response times follow its own.
    """
    words = _table_words(table, formatter, subjects)
    if times is not None:
        words["columns"] += _time_columns(formatter)
    return words


def _table_words(table: Table, formatter: Formatter, subjects: SubjectCounting) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": formatter.gettext(table.title),
        "description": formatter.gettext(table.description) if table.description else "",
        "disclosure": disclosure_data(table.disclosure),
        "columns": [
            {
                "key": column.key,
                "heading": formatter.gettext(column.heading),
                "definition": formatter.gettext(column.definition) if column.definition else "",
                "counts": measure_data(column.measure, table.columns, subjects),
            }
            for column in table.columns
        ],
        "shares_definition": (
            formatter.gettext(table.shares_definition) if table.shares_definition else None
        ),
    }


def summary_data(report: Report, formatter: Formatter) -> dict[str, Any]:
    """What was counted and left out, and why; the numbers null when a figure is withheld.

    With a figure withheld, the number of requests counted (the sum of every table's)
    and the others would give it away, as the text formats say.
    """
    text = ledger_summary(report, formatter)
    summary = report.summary
    left_out = [entry.disposition for entry in report.left_out()]
    hidden = report.withholds
    numbers = {
        "records": summary.records,
        "requests": summary.requests,
        "counted": summary.counted,
        "repeats": summary.records - summary.requests,
        "own_table_only": summary.actions,
    }
    return {
        **{name: None if hidden else value for name, value in numbers.items()},
        "left_out": [
            {"reason": reason.value, "requests": None if hidden else left_out.count(reason)}
            for reason in LEFT_OUT
        ],
        "text": text,
    }
