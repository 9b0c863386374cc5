"""Two reports compared, laid out as words: a table per table of either, with changes.

The rows of each table are in the reader's order, by country name collated for the
locale, as a report's rows are (:func:`._document.in_reading_order`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from transparency_core._render._collate import collation_key
from transparency_core._render._document import Block, Heading, Paragraph, TextTable, cell_text
from transparency_core._report import Percentage, RowKind

if TYPE_CHECKING:
    from transparency_core._compare import Change, Comparison
    from transparency_core._render._format import Formatter

__all__ = ["comparison_document"]


def _signed(difference: int | Decimal | None, formatter: Formatter, *, points: bool) -> str:
    if difference is None:
        return ""
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    if isinstance(difference, Decimal):
        magnitude = formatter.number(difference.copy_abs())
    else:
        magnitude = formatter.count(abs(difference))
    if points:
        return formatter.gettext("{sign}{value} pp", sign=sign, value=magnitude)
    return f"{sign}{magnitude}"


def _in_reading_order(changes: list[Change], formatter: Formatter) -> list[Change]:
    """``changes`` sorted by country name in the formatter's language.

    A country's changes keep the comparison's order (counts, then shares; column by
    column): the sort is stable.
    """
    key = collation_key(formatter.locale)
    return sorted(changes, key=lambda change: key(formatter.country(change.country)))


def _row(change: Change, formatter: Formatter) -> tuple[str, ...]:
    """A change as a row: the country, the figure, before, after and the change."""
    label = formatter.country(change.country)
    if change.kind is RowKind.SHARES:
        label = formatter.gettext("{country}, percentage of total", country=label)
    cells = [change.before, change.after]
    shown = ["" if cell is None else cell_text(cell, formatter) for cell in cells]
    points = any(isinstance(cell, Percentage) for cell in cells)
    return (
        label,
        formatter.gettext(change.heading),
        *shown,
        _signed(change.difference, formatter, points=points),
    )


def comparison_document(comparison: Comparison, formatter: Formatter) -> tuple[Block, ...]:
    """Lay two reports out side by side, one table per table of either, with changes."""
    before = formatter.period(comparison.before.period)
    after = formatter.period(comparison.after.period)
    blocks: list[Block] = [
        Heading(formatter.gettext("Transparency Report: Changes"), 1),
        Paragraph(formatter.gettext("{before} compared with {after}", before=before, after=after)),
    ]
    titles = {t.key: t.title for r in (comparison.before, comparison.after) for t in r.tables}
    by_table: dict[str, list[Change]] = {}
    for change in comparison.changes:
        by_table.setdefault(change.table, []).append(change)
    for key, changes in by_table.items():
        rows = tuple(_row(change, formatter) for change in _in_reading_order(changes, formatter))
        blocks.append(Heading(formatter.gettext(titles[key]), 2))
        blocks.append(
            TextTable(
                header=(
                    formatter.gettext("Country"),
                    formatter.gettext("Figure"),
                    before,
                    after,
                    formatter.gettext("Change"),
                ),
                rows=rows,
                numeric=(False, False, True, True, True),
            )
        )
    return tuple(blocks)
