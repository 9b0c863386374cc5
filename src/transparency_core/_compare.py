"""Two reports side by side: every figure of either, and its change.

Counts change by their difference (a country absent from one report counts zero there);
percentages change in percentage points, between the rounded values a reader saw, and
not at all when either is blank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._countries import country_order
from transparency_core._figures import data_frame, published
from transparency_core._report import Cell, Figure, Percentage, Report, RowKind
from transparency_core.exceptions import UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

    from transparency_core._report import Table

__all__ = ["COMPARISON_KEYS", "Change", "Comparison", "compare"]


@attrs.frozen
class Change:
    """One figure in both reports, and how it changed.

    Example:
        >>> from transparency_core import ReportingPeriod, build_report, reference_ledger
        >>> ledger = reference_ledger()
        >>> first_half = ReportingPeriod.parse("2020-01-01/2020-06-30")
        >>> year = ReportingPeriod.calendar_year(2020)
        >>> before, after = build_report(ledger, first_half), build_report(ledger, year)
        >>> change = compare(before, after).change("device", "IN", "requests")
        >>> change.before.value, change.after.value, change.difference
        (12, 24, 12)
    """

    table: str
    country: str
    kind: RowKind
    column: str
    heading: str
    before: Cell | None
    after: Cell | None

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The cells of either report that hold this figure."""
        return tuple(cell for cell in (self.before, self.after) if cell is not None)

    @property
    def difference(self) -> int | Decimal | None:
        """After minus before: a count, or percentage points; ``None`` if not comparable.

        A figure that is banded, suppressed or withheld on either side has no difference:
        it would give the exact value away.
        """
        if any(isinstance(cell, Figure) and cell.withheld for cell in self.cells):
            return None
        if isinstance(self.before, Percentage) or isinstance(self.after, Percentage):
            before = self.before.value if isinstance(self.before, Percentage) else None
            after = self.after.value if isinstance(self.after, Percentage) else None
            return None if before is None or after is None else after - before
        before_count = self.before.value if isinstance(self.before, Figure) else 0
        after_count = self.after.value if isinstance(self.after, Figure) else 0
        return after_count - before_count


COMPARISON_KEYS = (
    "table",
    "country",
    "row",
    "column",
    "heading",
    "before",
    "before_shown",
    "after",
    "after_shown",
    "difference",
)
"""The keys of every figure of :meth:`Comparison.figures`."""


@attrs.frozen(repr=False)
class Comparison:
    """Every figure of two reports, matched by table, country, row and column.

    Example:
        >>> from transparency_core import reference_report
        >>> comparison = compare(reference_report(), reference_report())
        >>> {change.difference for change in comparison.changes}
        {0}
    """

    before: Report
    after: Report
    changes: tuple[Change, ...]

    def change(
        self, table: str, country: str, column: str, kind: RowKind = RowKind.COUNTS
    ) -> Change:
        """The change of one figure.

        Raises:
            UnknownNameError: When neither report has it (a ``KeyError``).
        """
        for change in self.changes:
            if (change.table, change.country, change.kind, change.column) == (
                table,
                country,
                kind,
                column,
            ):
                return change
        msg = f"neither report has {table}/{country}/{kind.value}/{column}"
        raise UnknownNameError(msg)

    def __repr__(self) -> str:
        """A short repr: the two periods and how many figures are compared.

        Example:
            >>> from transparency_core import reference_report
            >>> compare(reference_report(), reference_report())
            Comparison(before='2020-01-01/2020-12-31', after='2020-01-01/2020-12-31', changes=46)
        """
        before, after = str(self.before.period), str(self.after.period)
        return f"Comparison(before={before!r}, after={after!r}, changes={len(self.changes)})"

    def figures(self) -> list[dict[str, object]]:
        """Every figure of either report and its change, one plain dict each.

        ``before`` and ``after`` are the published values (``None`` when a figure is
        banded, suppressed, withheld, blank or not in that report, as ``before_shown``
        and ``after_shown`` say: see :meth:`Report.figures
        <transparency_core.Report.figures>`); ``difference`` is :attr:`Change.difference`.

        Example:
            >>> from transparency_core import ReportingPeriod, build_report, reference_ledger
            >>> ledger = reference_ledger()
            >>> half = build_report(ledger, ReportingPeriod.parse("2020-H1"))
            >>> year = build_report(ledger, ReportingPeriod.parse("2020"))
            >>> figure = compare(half, year).figures()[0]
            >>> figure["table"], figure["before"], figure["after"], figure["difference"]
            ('device', 2, 3, 1)
        """
        records = []
        for change in self.changes:
            before, after = published(change.before), published(change.after)
            records.append(
                {
                    "table": change.table,
                    "country": change.country,
                    "row": change.kind.value,
                    "column": change.column,
                    "heading": change.heading,
                    "before": before["value"],
                    "before_shown": before["shown"],
                    "after": after["value"],
                    "after_shown": after["shown"],
                    "difference": change.difference,
                }
            )
        return records

    def to_pandas(self) -> Any:  # noqa: ANN401 -- a pandas.DataFrame; pandas is optional
        """The comparison's :meth:`figures` as a ``pandas.DataFrame`` (the ``pandas`` extra).

        Raises:
            MissingExtraError: When pandas is not installed (an ``ImportError``).
        """
        return data_frame(self.figures(), COMPARISON_KEYS)

    def _repr_html_(self) -> str:
        """Show both reports side by side as HTML in Jupyter (the fragment)."""
        from transparency_core._render import HtmlRenderer  # noqa: PLC0415 -- renderers import this module

        return HtmlRenderer(fragment=True).comparison(self)

    def _repr_markdown_(self) -> str:
        """Show both reports side by side as Markdown in Jupyter."""
        from transparency_core._render import MarkdownRenderer  # noqa: PLC0415 -- as above

        return MarkdownRenderer().comparison(self)


def _cells(table: Table | None) -> dict[tuple[str, RowKind, str], Cell]:
    if table is None:
        return {}
    return {
        (row.country, row.kind, column.key): cell
        for row in table.rows
        for column, cell in zip(table.columns, row.cells, strict=True)
    }


def _ordered(keys: Iterable[str]) -> list[str]:
    """Keys in first-seen order, without repeats."""
    return list(dict.fromkeys(keys))


def compare(before: Report, after: Report) -> Comparison:
    """Match every figure of ``before`` and ``after`` and compute its change.

    Example:
        >>> from transparency_core import reference_report
        >>> report = reference_report()
        >>> compare(report, report).change("device", "IN", "requests").difference
        0
    """
    tables = {table.key: table for table in before.tables}
    tables_after = {table.key: table for table in after.tables}
    changes: list[Change] = []
    for key in _ordered([*tables_after, *tables]):
        old, new = tables.get(key), tables_after.get(key)
        old_cells, new_cells = _cells(old), _cells(new)
        columns = {c.key: c.heading for t in (new, old) if t is not None for c in t.columns}
        rows = sorted(
            {(country, kind) for country, kind, _ in (*old_cells, *new_cells)},
            key=lambda row: (*country_order(row[0]), row[1] is RowKind.SHARES),
        )
        for country, kind in rows:
            for column, heading in columns.items():
                cell_key = (country, kind, column)
                if cell_key in old_cells or cell_key in new_cells:
                    changes.append(
                        Change(
                            key,
                            country,
                            kind,
                            column,
                            heading,
                            old_cells.get(cell_key),
                            new_cells.get(cell_key),
                        )
                    )
    return Comparison(before, after, tuple(changes))
