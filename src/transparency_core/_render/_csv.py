"""The CSV renderer: every cell of a report as data, safe to open in a spreadsheet.

Values are exact and not localised: counts as integers, percentages as the rounded
decimal, blank when the cell is blank. A text cell that a spreadsheet would take for a
formula (starting with ``=``, ``+``, ``-`` or ``@``, after any white space, or with a tab
or a carriage return) is neutralised with a leading apostrophe, and control characters
are made visible (``<U+001B>``): see ``_escape.csv_cell``.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import attrs

from transparency_core._render._base import LocalisedRenderer
from transparency_core._render._escape import csv_cell, neutralise
from transparency_core._render._timecolumns import TIME_KEYS, table_times
from transparency_core._report import Figure, Percentage

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from transparency_core._render._format import Formatter
    from transparency_core._render._timecolumns import TableTimes
    from transparency_core._report import Cell, Report, Row, Table
    from transparency_core._series import Series

__all__ = ["LONG_HEADER", "CsvRenderer", "csv_text", "long_rows", "neutralise"]

LONG_HEADER = ("table", "country", "country_name", "row", "column", "value", "published")


def _value(cell: Cell) -> str:
    """The exact value, unless a disclosure policy keeps it from being published."""
    if isinstance(cell, Percentage):
        return "" if cell.value is None else str(cell.value)
    return "" if cell.withheld else str(cell.value)


def _published(cell: Cell, formatter: Formatter) -> str:
    """The band or threshold published instead of the value, if any."""
    if isinstance(cell, Figure) and cell.withheld:
        return formatter.published(cell)
    if cell.withheld:  # a percentage of a withheld part or whole: not blank, which is 0 of 0
        return formatter.gettext("withheld")
    return ""


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV, each cell made safe for spreadsheets (``_escape.csv_cell``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(str(value)) for value in row])
    return buffer.getvalue()


def _name(row: Row, formatter: Formatter) -> str:
    """A row's country name; for a total row (no country), "All countries".

    Whether the row is of counts or of shares is its own column (``row``), for a total
    row as for a country's.
    """
    return formatter.country(row.country) if row.country else formatter.gettext("All countries")


def long_rows(
    table: Table, formatter: Formatter, times: TableTimes | None = None
) -> Iterator[tuple[str, ...]]:
    """Every cell of ``table``, one row each, after the long header's first column.

    A total row has no country code: its country name is "All countries", for its row
    of counts and its row of shares alike. With ``times``, a country's row of counts is
    followed by its response times, a cell each (:data:`~._timecolumns.TIME_KEYS`):
    withheld ones say so in ``published``.
    """
    for row in (*table.rows, *table.totals):
        start = (table.key, row.country, _name(row, formatter), row.kind.value)
        for column, cell in zip(table.columns, row.cells, strict=True):
            yield (*start, column.key, _value(cell), _published(cell, formatter))
        if times is None or times.of(row) is None:
            continue
        withheld = formatter.gettext("withheld") if times.withheld(row) else ""
        for key, value in zip(TIME_KEYS, times.values(row, ""), strict=True):
            yield (*start, key, value, withheld)


@attrs.frozen
class CsvRenderer(LocalisedRenderer):
    """Renders a report as CSV: one row per cell (long), or one CSV per table (wide).

    Under a disclosure policy, a banded or suppressed count has no ``value``: its
    ``published`` column says what may be published instead, a band ("1 - 499") or a
    threshold ("< 30"). The wide form shows the published text in its place. The
    ``locale`` gives the country names only: the values are never localised.

    Example:
        >>> from transparency_core import reference_report
        >>> lines = CsvRenderer()(reference_report()).splitlines()
        >>> lines[0]
        'table,country,country_name,row,column,value,published'
        >>> [line for line in lines if line.startswith("device,IN,India,counts,provided")]
        ['device,IN,India,counts,provided,19,']
    """

    def __call__(self, report: Report) -> str:
        """Return every cell of ``report``, one row each."""
        formatter = self._formatter()
        rows: list[tuple[object, ...]] = [LONG_HEADER]
        for table in report.tables:
            rows.extend(long_rows(table, formatter, table_times(report, table)))
        return csv_text(rows)

    def series(self, series: Series) -> str:
        """Return every cell of every period of ``series``: the long form, period first."""
        formatter = self._formatter()
        rows: list[tuple[object, ...]] = [("period", *LONG_HEADER)]
        for label, report in series:
            for table in report.tables:
                found = long_rows(table, formatter, table_times(report, table))
                rows.extend((label, *row) for row in found)
        return csv_text(rows)

    def tables(self, report: Report) -> dict[str, str]:
        """Return one CSV per table, by table key: a row per country, a column each."""
        return {
            table.key: self._table(table, table_times(report, table)) for table in report.tables
        }

    def table(self, table: Table) -> str:
        """Return one table as CSV: country, row kind, then its columns by key."""
        return self._table(table, None)

    def _table(self, table: Table, times: TableTimes | None) -> str:
        """One table as CSV; with ``times``, each row's response times after its columns."""
        formatter = self._formatter()
        keys = tuple(column.key for column in table.columns)

        def cells(row: Row) -> tuple[str, ...]:
            shown = tuple(_value(cell) or _published(cell, formatter) for cell in row.cells)
            if times is None:
                return shown
            return (*shown, *times.values(row, formatter.gettext("withheld")))

        return csv_text(
            [
                ("country", "country_name", "row", *keys, *(TIME_KEYS if times else ())),
                *(
                    (row.country, _name(row, formatter), row.kind.value, *cells(row))
                    for row in (*table.rows, *table.totals)
                ),
            ]
        )
