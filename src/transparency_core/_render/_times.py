"""The response-times renderer: the median times per category table and country, as CSV.

One row per row of a category's table (of a series: per period, the period first): the
requests, as the table publishes them, then for the time to acknowledge and the time to
respond the exact median in hours and in days (two decimals, rounded half up once, not
localised), how many requests it is of and how many were left out for want of the time.
A withheld row shows nothing but its published count. The same figures are columns of
the tables in every other format (``_timecolumns``): this is their long form. Text
cells are neutralised for spreadsheets, as in ``_csv``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._render._base import LocalisedRenderer
from transparency_core._render._csv import csv_text
from transparency_core._render._timecolumns import TIME_KEYS
from transparency_core._report import Figure
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from transparency_core._render._format import Formatter
    from transparency_core._report import Report
    from transparency_core._series import Series
    from transparency_core._times import TimeFigures

__all__ = ["TIMES_HEADER", "ResponseTimesRenderer"]

TIMES_HEADER = ("table", "country", "country_name", "requests", *TIME_KEYS)
"""The columns, by key: those of the tables' time columns after the row's."""


def _figures(times: TimeFigures) -> tuple[str, ...]:
    """A median in hours and days, and the requests it is of and left out; blank if withheld."""
    if times.withheld:
        return ("", "", "", "")
    hours, days = times.hours, times.days
    return (
        "" if hours is None else str(hours),
        "" if days is None else str(days),
        str(times.counted),
        str(times.left_out),
    )


@attrs.frozen
class ResponseTimesRenderer(LocalisedRenderer):
    """Renders a report's response times as CSV: a row per category table and country.

    The report must be counted with ``response_times=True``. The ``locale`` gives the
    country names only: the values are never localised.

    Example:
        >>> from transparency_core import build_report, reference_ledger, reference_period
        >>> report = build_report(reference_ledger(), reference_period(), response_times=True)
        >>> lines = ResponseTimesRenderer()(report).splitlines()
        >>> lines[1]
        'device,CN,China,3,,,0,3,,,0,3'
    """

    def __call__(self, report: Report) -> str:
        """Return the CSV.

        Raises:
            FieldError: When the report was counted without its response times (a
                ``ValueError``).
        """
        return csv_text([TIMES_HEADER, *self._rows(report, self._formatter())])

    def series(self, series: Series) -> str:
        """Return the CSV of every period of ``series``: the same rows, the period first.

        Raises:
            FieldError: When the series was counted without its response times (a
                ``ValueError``).

        Example:
            >>> from transparency_core import build_series, reference_ledger
            >>> series = build_series(reference_ledger(), "year", response_times=True)
            >>> lines = ResponseTimesRenderer().series(series).splitlines()
            >>> lines[0].split(",")[:3], lines[1]
            (['period', 'table', 'country'], '2019,device,IN,India,1,,,0,1,,,0,1')
        """
        formatter = self._formatter()
        rows: list[tuple[object, ...]] = [("period", *TIMES_HEADER)]
        for label, report in series:
            rows.extend((label, *row) for row in self._rows(report, formatter))
        return csv_text(rows)

    @staticmethod
    def _rows(report: Report, formatter: Formatter) -> list[tuple[str, ...]]:
        """A row per row of the report's category tables, after the header."""
        if report.response_times is None:
            expected = "a report counted with response_times=True (build_report)"
            raise FieldError("response_times", expected, None)
        published = {
            (table.key, row.country): formatter.published(row.cells[0])
            for table in report.tables
            for row in table.rows
            if isinstance(row.cells[0], Figure)
        }
        return [
            (
                row.table,
                row.country,
                formatter.country(row.country),
                published[row.table, row.country],
                *_figures(row.acknowledged),
                *_figures(row.responded),
            )
            for row in report.response_times.rows
        ]
