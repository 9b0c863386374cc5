"""The finished report: immutable figures, each with the request ids behind it.

A report is computed once by :func:`transparency_core.build_report`; renderers only
format it. Every number in it is a :class:`Figure` (a count and its request ids) or a
:class:`Percentage` (two figures and the rounded value), so any published figure can be
traced back to the records behind it.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from transparency_core._cells import Figure, Percentage
from transparency_core._counted_by import Settings
from transparency_core._disclosure import Disclosure
from transparency_core._dsa import Orders, no_orders
from transparency_core._entries import (
    Disposition,
    Finding,
    LedgerEntries,
    LedgerEntry,
    LedgerSummary,
    entries_of,
)
from transparency_core._figures import (
    FIGURE_KEYS,
    cross_border_records,
    data_frame,
    table_records,
)
from transparency_core._period import ReportingPeriod
from transparency_core._rounding import RoundingPolicy
from transparency_core._specs import Column
from transparency_core._times import ResponseTimes
from transparency_core.exceptions import NoProvenanceError, UnknownNameError

__all__ = [
    "Cell",
    "CrossBorder",
    "Disposition",
    "Figure",
    "Finding",
    "LedgerEntries",
    "LedgerEntry",
    "LedgerSummary",
    "Percentage",
    "Report",
    "Row",
    "RowKind",
    "Settings",
    "Table",
]


Cell = Figure | Percentage


class RowKind(enum.StrEnum):
    """What a row holds.

    Example:
        >>> from transparency_core import reference_report
        >>> [row.kind.value for row in reference_report().table("legal_process").rows]
        ['counts', 'shares']
    """

    COUNTS = "counts"
    """A country's counts."""
    SHARES = "shares"
    """A country's counts as percentages of its total (the seed's Table 4)."""


@attrs.frozen
class Row:
    """One row of a table: a country and one cell per column.

    Example:
        >>> from transparency_core import reference_report
        >>> row = reference_report().table("device").rows[1]
        >>> row.country, [cell.value for cell in row.cells]
        ('IN', [24, 48, 19, Decimal('79')])
    """

    country: str
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.COUNTS


@attrs.frozen(kw_only=True, repr=False)
class Table:
    """One table of the report: its title, columns and rows.

    Rows appear only for countries that sent a request of the table's kind, ordered by
    the country's English name (then code), whatever the order of the records.

    Example:
        >>> from transparency_core import reference_report
        >>> table = reference_report().table("financial_identifier")
        >>> table.title, [row.country for row in table.rows]
        ('Worldwide Government Financial Identifier Requests', ['CN', 'FR', 'IN', 'SE'])
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    description: str = ""
    shares_definition: str = ""
    """What the rows of shares are of, said under the table ("Percentage of total");
    empty for a table without shares."""
    totals: tuple[Row, ...] = ()
    """The total row ("All countries", as Microsoft and X print one), and its row of
    shares when the table has them; their ``country`` is ``""``. Each count is the sum
    of the countries', each percentage computed from the sums and rounded once, never
    averaged. Under a disclosure policy a total is withheld when any figure it sums is,
    so that it cannot give one away. Empty unless asked for
    (``build_report(..., totals=True)``)."""

    disclosure: Disclosure | None = None
    """The disclosure policy its counts were published by: its category's own, else the
    report's; ``None`` publishes them exactly."""

    def __repr__(self) -> str:
        """A short repr: the key, the columns' keys and how many rows (not every figure).

        Example:
            >>> from transparency_core import reference_report
            >>> reference_report().table("device")  # doctest: +NORMALIZE_WHITESPACE
            Table(key='device',
                  columns=('requests', 'subjects', 'provided', 'percent_provided'), rows=4)
        """
        columns = tuple(column.key for column in self.columns)
        return f"Table(key={self.key!r}, columns={columns!r}, rows={len(self.rows)})"

    def figures(self) -> list[dict[str, object]]:
        """Every figure of the table as published, one dict each (see :meth:`Report.figures`)."""
        return table_records([self])

    def _repr_html_(self) -> str:
        """Show the table as an HTML table in Jupyter."""
        from transparency_core._render import HtmlRenderer  # noqa: PLC0415 -- renderers import this module

        return HtmlRenderer().table(self)

    def _repr_markdown_(self) -> str:
        """Show the table as a Markdown table in Jupyter."""
        from transparency_core._render import MarkdownRenderer  # noqa: PLC0415 -- as above

        return MarkdownRenderer().table(self)

    def cell(self, country: str, column: str, kind: RowKind = RowKind.COUNTS) -> Cell:
        """Return the cell of ``country``'s row in the column whose key is ``column``.

        Raises:
            UnknownNameError: When the table has no such row or column (a ``KeyError``).
        """
        index = next(
            (i for i, candidate in enumerate(self.columns) if candidate.key == column),
            None,
        )
        if index is None:
            msg = f"table {self.key!r} has no column {column!r}"
            raise UnknownNameError(msg)
        for row in self.rows:
            if row.country == country and row.kind is kind:
                return row.cells[index]
        msg = f"table {self.key!r} has no {kind.value} row for {country!r}"
        raise UnknownNameError(msg)


@attrs.frozen
class CrossBorder:
    """Cross-border requests (data held in another country), disclosed even when zero.

    Example:
        >>> from transparency_core import reference_report
        >>> reference_report().cross_border.total.value
        0
    """

    total: Figure
    by_country: tuple[tuple[str, Figure], ...] = ()


def _summary_of_entries(report: Report) -> LedgerSummary:
    return LedgerSummary.of(report.entries)


@attrs.frozen(kw_only=True, repr=False)
class Report:
    """A transparency report: every table, the disclosures, and every record's fate.

    Example:
        >>> from transparency_core import build_report, reference_ledger, reference_period
        >>> report = build_report(reference_ledger(), reference_period(), company="Xiaomi")
        >>> [table.key for table in report.tables]
        ['device', 'financial_identifier', 'account', 'legal_process']
        >>> report.records, len(report.entries)
        (241, 237)
    """

    period: ReportingPeriod
    tables: tuple[Table, ...]
    cross_border: CrossBorder
    entries: LedgerEntries = attrs.field(converter=entries_of)
    """What became of each request id, by id: every one of them with provenance, and
    only those left out without it (see :attr:`provenance`). Given any iterable of
    entries; kept as :class:`LedgerEntries`, a sequence that equals their tuple."""
    rounding: RoundingPolicy
    company: str | None = None
    findings: tuple[Finding, ...] = ()
    """Warnings about the ledger that do not stop the count, by request id."""
    provenance: bool = True
    """Whether every figure carries the ids of its requests and :attr:`entries` lists
    every request. A report counted without provenance (``Subtotals.of(...,
    provenance=False)``, or the command line for a renderer that shows no ids) has the
    same figures, carries no ids, and lists only the requests left out: its memory does
    not grow with the requests counted."""
    summary: LedgerSummary = attrs.field(
        default=attrs.Factory(_summary_of_entries, takes_self=True)
    )
    """How many records and requests the report covers; by default, from the entries."""
    response_times: ResponseTimes | None = attrs.field(default=None, repr=False)
    """The median response times per category table and country, when asked for
    (``build_report(..., response_times=True)``)."""
    dsa: Orders = attrs.field(factory=no_orders, repr=False)
    """The EU DSA orders among the requests counted, as the template's "Member States
    orders" part has them (see :doc:`/how-to/dsa-orders`); rows of zeros when none."""

    settings: Settings = attrs.field(factory=Settings)
    """The categories, breakdowns and policies it was counted by (with :attr:`period`,
    :attr:`rounding` and :attr:`company`, what recounts it)."""
    ledger_digest: str | None = None
    """The SHA-256 of the canonical ledger it was counted from (hexadecimal), when known:
    see :func:`~transparency_core.ledger_digest`."""

    def __repr__(self) -> str:
        """A short repr: the period, the company, the tables' keys, how many records.

        Example:
            >>> from transparency_core import reference_report
            >>> reference_report()  # doctest: +NORMALIZE_WHITESPACE
            Report(period='2020-01-01/2020-12-31', company='Xiaomi',
                   tables=('device', 'financial_identifier', 'account', 'legal_process'),
                   records=241)
        """
        tables = tuple(table.key for table in self.tables)
        return (
            f"Report(period={str(self.period)!r}, company={self.company!r}, "
            f"tables={tables!r}, records={self.records})"
        )

    def figures(self) -> list[dict[str, object]]:
        """Every published figure, one plain dict each (:mod:`transparency_core._figures`).

        A figure that is not published exactly has no value, its band at most; no
        request id or identifier is in any. See docs/how-to/figures.md.

        Example:
            >>> from transparency_core import reference_report
            >>> [f["value"] for f in reference_report().figures()][:4]
            [3, 808, 3, Decimal('100')]
        """
        return [*table_records(self.tables), *cross_border_records(self.cross_border)]

    def to_pandas(self) -> Any:  # noqa: ANN401 -- a pandas.DataFrame; pandas is optional
        """The report's :meth:`figures` as a ``pandas.DataFrame`` (the ``pandas`` extra).

        Raises:
            MissingExtraError: When pandas is not installed (an ``ImportError``).
        """
        return data_frame(self.figures(), FIGURE_KEYS)

    def _repr_html_(self) -> str:
        """Show the report as HTML in Jupyter: the fragment, which leaves the notebook's style."""
        from transparency_core._render import HtmlRenderer  # noqa: PLC0415 -- renderers import this module

        return HtmlRenderer(fragment=True)(self)

    def _repr_markdown_(self) -> str:
        """Show the report as Markdown in Jupyter."""
        from transparency_core._render import MarkdownRenderer  # noqa: PLC0415 -- as above

        return MarkdownRenderer()(self)

    def table(self, key: str) -> Table:
        """Return the table whose key is ``key`` (a category name or ``legal_process``).

        Raises:
            UnknownNameError: When the report has no such table (a ``KeyError``).
        """
        for table in self.tables:
            if table.key == key:
                return table
        msg = f"the report has no table {key!r}"
        raise UnknownNameError(msg)

    @property
    def records(self) -> int:
        """How many ledger records went into the report, counted or left out."""
        return self.summary.records

    def trace(self, request_id: str) -> tuple[tuple[str, str, RowKind, str], ...]:
        """Every cell a request is counted in: (table, country, row kind, column) keys.

        A percentage counts a request when the request is in its part. A report without
        :attr:`provenance` cannot say, and raises
        :class:`~transparency_core.exceptions.NoProvenanceError`.

        Example:
            >>> from transparency_core import reference_report
            >>> [cell[3] for cell in reference_report().trace("IN-2020-D-0019")]
            ['requests', 'subjects', 'provided', 'percent_provided']
        """
        if not self.provenance:
            msg = "the report was counted without provenance: its figures carry no ids"
            raise NoProvenanceError(msg)
        found = []
        for table in self.tables:
            for row in table.rows:
                for column, cell in zip(table.columns, row.cells, strict=True):
                    figure = cell.part if isinstance(cell, Percentage) else cell
                    if request_id in figure.ids:
                        found.append((table.key, row.country, row.kind, column.key))
        return tuple(found)

    @property
    def withholds(self) -> bool:
        """Whether a disclosure policy bands, suppresses or withholds any figure of it.

        Example:
            >>> from transparency_core import Suppression, build_report, reference_ledger
            >>> from transparency_core import reference_period, reference_report
            >>> reference_report().withholds
            False
            >>> ledger, period = reference_ledger(), reference_period()
            >>> build_report(ledger, period, disclosure=Suppression(10)).withholds
            True
        """
        cells = [cell for table in self.tables for row in table.rows for cell in row.cells]
        return self.cross_border.total.withheld or any(cell.withheld for cell in cells)

    def left_out(self) -> tuple[LedgerEntry, ...]:
        """The requests that were not counted, each with the reason."""
        counted = (Disposition.COUNTED, Disposition.OWN_TABLE_ONLY)
        return tuple(entry for entry in self.entries if entry.disposition not in counted)
