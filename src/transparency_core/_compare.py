"""Reports side by side, two or any number of periods: every figure of each, and its change.

Counts change by their difference (a country absent from one report counts zero there;
a total row, country ``""``, comes after the countries);
percentages change in percentage points, between the rounded values a reader saw, and
not at all when either is blank. Two reports counted differently are not compared
(:mod:`transparency_core._comparable`): a table one of them does not count, a column that
counts something else in the other, subjects counted by another policy, a total row one
of them lacks, a table across categories that counts other categories, or percentages
rounded by another policy (79% against 79.2% is no rise of 0.2 points). The change then
has no difference, and its :attr:`Change.reason` says why.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import attrs

from transparency_core._comparable import why_not
from transparency_core._countries import country_order
from transparency_core._figures import data_frame, published
from transparency_core._report import Cell, Figure, Percentage, Report, RowKind
from transparency_core.exceptions import FieldError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from decimal import Decimal

    from transparency_core._report import Table

__all__ = ["COMPARISON_KEYS", "Change", "Comparison", "compare", "matched"]


def _difference(before: Cell | None, after: Cell | None) -> int | Decimal | None:
    """After minus before: a count, or percentage points; ``None`` if not comparable."""
    cells = [cell for cell in (before, after) if cell is not None]
    if any(isinstance(cell, Figure) and cell.withheld for cell in cells):
        return None
    if isinstance(before, Percentage) or isinstance(after, Percentage):
        old = before.value if isinstance(before, Percentage) else None
        new = after.value if isinstance(after, Percentage) else None
        return None if old is None or new is None else new - old
    old_count = before.value if isinstance(before, Figure) else 0
    new_count = after.value if isinstance(after, Figure) else 0
    return new_count - old_count


def _pairs(values: Sequence[Cell | None]) -> tuple[tuple[Cell | None, Cell | None], ...]:
    """The cells of one report and the next, one pair per step."""
    return tuple(itertools.pairwise(values))


@attrs.frozen
class Change:
    """One figure in each report, and how it changed.

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
    """Its cell in the first report, if that report has it."""
    after: Cell | None
    """Its cell in the last report, if that report has it."""
    values: tuple[Cell | None, ...] = attrs.field(
        default=attrs.Factory(lambda self: (self.before, self.after), takes_self=True)
    )
    """Its cell in each report, in order (``None`` where a report has none)."""
    reasons: tuple[str | None, ...] = attrs.field(
        default=attrs.Factory(lambda self: (None,) * (len(self.values) - 1), takes_self=True)
    )
    """For each report after the first, why it cannot be compared with the one before
    (counted or rounded differently), or ``None``."""
    reason: str | None = None
    """Why the first and last reports cannot be compared on this figure, or ``None``."""

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The cells of every report that hold this figure."""
        return tuple(cell for cell in self.values if cell is not None)

    @property
    def difference(self) -> int | Decimal | None:
        """Last minus first: a count, or percentage points; ``None`` if not comparable.

        A figure that is banded, suppressed or withheld on either side has no difference:
        it would give the exact value away; nor has one counted or rounded differently.
        """
        return None if self.reason else _difference(self.before, self.after)

    @property
    def steps(self) -> tuple[int | Decimal | None, ...]:
        """Each report's change from the one before, as :attr:`difference` is the whole."""
        return tuple(
            None if reason else _difference(old, new)
            for (old, new), reason in zip(_pairs(self.values), self.reasons, strict=True)
        )


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
    """Every figure of two or more reports, matched by table, country, row and column.

    Example:
        >>> from transparency_core import reference_report
        >>> comparison = compare(reference_report(), reference_report())
        >>> {change.difference for change in comparison.changes}
        {0}
    """

    before: Report
    """The first report."""
    after: Report
    """The last report."""
    changes: tuple[Change, ...]
    reports: tuple[Report, ...] = attrs.field(
        default=attrs.Factory(lambda self: (self.before, self.after), takes_self=True)
    )
    """Every report compared, in order."""

    def change(
        self, table: str, country: str, column: str, kind: RowKind = RowKind.COUNTS
    ) -> Change:
        """The change of one figure.

        Raises:
            UnknownNameError: When no report has it (a ``KeyError``).
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
        for row in (*table.rows, *table.totals)
        for column, cell in zip(table.columns, row.cells, strict=True)
    }


def _ordered(keys: Iterable[str]) -> list[str]:
    """Keys in first-seen order, without repeats."""
    return list(dict.fromkeys(keys))


def _change(
    reports: Sequence[Report],
    key: tuple[str, str, RowKind, str],
    heading: str,
    values: Sequence[Cell | None],
) -> Change:
    table, country, kind, column = key
    reasons = tuple(
        why_not(old, new, key, cells)
        for (old, new), cells in zip(itertools.pairwise(reports), _pairs(values), strict=True)
    )
    reason = why_not(reports[0], reports[-1], key, (values[0], values[-1]))
    return Change(
        table, country, kind, column, heading, values[0], values[-1], tuple(values), reasons, reason
    )


def compare(*reports: Report) -> Comparison:
    """Match every figure of two or more ``reports`` (in order) and compute its changes.

    A figure two reports count differently has no change between them, and says why:
    a table one of them lacks, a column that counts something else, subjects counted by
    another policy (``subjects``), a total row in one only (``totals``), a table across
    categories (Table 4, a breakdown, cross-border) that counts other categories or
    action requests in one only (``categories``, ``actions_in_totals``), percentages
    rounded or shown by another policy (``rounding``).

    Raises:
        FieldError: With fewer than two reports, or one that is not a :class:`Report`.

    Example:
        >>> from transparency_core import reference_report
        >>> report = reference_report()
        >>> compare(report, report).change("device", "IN", "requests").difference
        0
        >>> compare(report, report, report).change("device", "IN", "requests").steps
        (0, 0)
    """
    if len(reports) < 2:  # noqa: PLR2004 -- a comparison is of two at least
        raise FieldError("reports", "two reports or more", len(reports))
    for place, report in enumerate(reports):
        if not isinstance(report, Report):
            where = f"reports[{place}]"
            raise FieldError(where, "a Report", type(report).__name__)
    return Comparison(reports[0], reports[-1], matched(reports), tuple(reports))


def matched(reports: Sequence[Report]) -> tuple[Change, ...]:
    """Every figure of one or more ``reports``, matched: the changes of :func:`compare`."""
    by_key = [{table.key: table for table in report.tables} for report in reports]
    changes: list[Change] = []
    for key in _ordered(k for tables in reversed(by_key) for k in tables):
        found = [tables.get(key) for tables in by_key]
        cells = [_cells(table) for table in found]
        columns = {c.key: c.heading for t in reversed(found) if t is not None for c in t.columns}
        rows = sorted(
            {(country, kind) for each in cells for country, kind, _ in each},
            key=lambda row: (not row[0], *country_order(row[0]), row[1] is RowKind.SHARES),
        )
        for country, kind in rows:
            for column, heading in columns.items():
                cell_key = (country, kind, column)
                if any(cell_key in each for each in cells):
                    values = [each.get(cell_key) for each in cells]
                    changes.append(_change(reports, (key, *cell_key), heading, values))
    return tuple(changes)
