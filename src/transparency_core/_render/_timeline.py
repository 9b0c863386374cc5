"""The charts of a series: for each table, the requests it counts in each period, over time.

One chart per category's table with a column of every request it counts: a bar per
period, as long as that period's requests from all countries, on a scale of its own.
The figure is the table's total: published only when every country's figure it sums is
(:mod:`transparency_core._totals`); a withheld total is written as published
("withheld"), with no bar. Plain SVG elements in whole numbers, as :mod:`._chart`
draws, mirrored in a right-to-left locale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._counter import EVERY
from transparency_core._disclosure import WITHHELD
from transparency_core._render._chart import Chart, Geometry
from transparency_core._render._escape import xml as escape
from transparency_core._render._measure import text_width
from transparency_core._report import Figure, RowKind
from transparency_core._totals import open_columns

if TYPE_CHECKING:
    from collections.abc import Iterator

    from transparency_core._render._format import Formatter
    from transparency_core._report import Table
    from transparency_core._series import Series

__all__ = ["timelines"]

_SIZE = 13
_BAR = 20
_ROW = 28
_PAD = 10
_TOP = 40
_SPAN = 300


def _total(table: Table | None) -> Figure:
    """The requests of a table in all countries, withheld unless every figure summed is."""
    if table is None or not table.rows:
        return Figure(0)
    index = next(i for i, column in enumerate(table.columns) if column.measure == EVERY)
    if table.totals:
        cell = table.totals[0].cells[index]
        return cell if isinstance(cell, Figure) else Figure(0)
    figures = [row.cells[index] for row in table.rows if row.kind is RowKind.COUNTS]
    value = sum(figure.value for figure in figures if isinstance(figure, Figure))
    if index in open_columns(table):
        return Figure(value)
    return Figure(value, shown=WITHHELD)


def _chart(
    title: str, bars: list[tuple[str, Figure]], formatter: Formatter, geometry: Geometry
) -> Chart:
    """A bar per period, labelled with the period and its figure."""
    label_width = max(text_width(label, _SIZE) for label, _ in bars) + _PAD
    texts = [formatter.published(figure) for _, figure in bars]
    width = max(
        geometry.width, label_width + _SPAN + max(text_width(t, _SIZE) for t in texts) + 2 * _PAD
    )
    g = Geometry(width, geometry.rtl, geometry.ids)
    largest = max((figure.value for _, figure in bars if not figure.withheld), default=0) or 1
    height = _TOP + _ROW * len(bars) + _PAD
    parts = [
        f'<rect width="{width}" height="{height}" class="tr-background" fill="#ffffff"/>',
        f'<text x="{g.x(0)}" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for place, ((label, figure), text) in enumerate(zip(bars, texts, strict=True)):
        y = _TOP + _ROW * place
        parts.append(f'<text x="{g.x(0)}" y="{y + 15}">{escape(label)}</text>')
        length = 0 if figure.withheld else figure.value * _SPAN // largest
        words = escape(formatter.gettext("{country} {count}", country=label, count=text))
        parts.append(
            f'<rect x="{g.x(label_width, length)}" y="{y}" width="{length}" height="{_BAR}" '
            f'class="tr-part" fill="#1f4e8c" role="img" aria-label="{words}"/>'
        )
        parts.append(
            f'<text x="{g.x(label_width + length + _PAD)}" y="{y + 15}" direction="ltr">'
            f"{escape(text)}</text>"
        )
    description = formatter.gettext(
        "For each table, a bar per period as long as the requests received in it."
    )
    return Chart(title, description, width, height, "".join(parts))


def timelines(
    series: Series, formatter: Formatter, geometry: Geometry
) -> Iterator[tuple[str, Chart]]:
    """The chart over time of each table with a column of every request, by table key."""
    keys: dict[str, str] = {}
    for report in series.reports:
        for table in report.tables:
            if any(column.measure == EVERY for column in table.columns):
                keys.setdefault(table.key, table.title)
    for key, title in keys.items():
        bars = []
        for label, report in series:
            found = next((t for t in report.tables if t.key == key), None)
            bars.append((label, _total(found)))
        yield key, _chart(formatter.gettext(title), bars, formatter, geometry)
