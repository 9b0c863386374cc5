"""The charts of a report: requests per country, and the shares of each country's total.

A chart is drawn once, in its own box of SVG units, and placed by its renderer: the SVG
renderer stacks a report's charts in one document, the HTML page puts each below its
table. Every table of requests with a percentage column (Tables 1 to 3) gets a bar per
country, as long as its requests and filled as far as those where data was provided, on
one scale shared by all of them; every table with rows of shares (Table 4, the
breakdowns) gets a bar per column and country, on a scale of 0 to 100%.

Each chart has a visible title, an axis with ticks and the figure at each bar, a
background, and room for its longest label, measured (:mod:`._measure`). Without colour
it still reads: the requests received are hatched and outlined, the part provided solid,
and every bar carries its figures in words. In a right-to-left locale the chart is
mirrored. Coordinates are whole numbers, by integer arithmetic; a withheld figure is
written as published, with no bar that would give it away.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from transparency_core._render._document import in_reading_order
from transparency_core._render._escape import xml as escape
from transparency_core._render._measure import text_width
from transparency_core._report import Percentage, RowKind

if TYPE_CHECKING:
    from transparency_core._render._format import Formatter
    from transparency_core._report import Report, Table

__all__ = ["Chart", "Geometry", "charts", "defs"]

_SIZE = 13
_TITLE_SIZE = 15
_BAR = 20
_ROW = 28
_PAD = 10
_MIN_SPAN = 200
_TOP = 58
_TICKS = 5
_INSET = 2


@attrs.frozen
class Geometry:
    """Where a chart draws: its width, its direction, and the prefix of its ids."""

    width: int
    rtl: bool
    ids: str

    def x(self, x: int, width: int = 0) -> int:
        """The x of a thing at ``x`` of ``width`` units, mirrored right to left.

        Mirrored, everything stands ``_INSET`` units in from the right edge: a letter
        such as Arabic's alef with madda reaches past its start, and would be cut off.
        """
        return self.width - _INSET - x - width if self.rtl else x


@attrs.frozen
class Chart:
    """One chart: its words, its size, and its SVG elements (without the ``<svg>``)."""

    title: str
    description: str
    width: int
    height: int
    body: str


def defs(ids: str) -> str:
    """The hatching of the requests received, for the charts whose ids start ``ids``."""
    return (
        f'<defs><pattern id="{ids}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="tr-whole" '
        'fill="#dbe6f3"/><line x1="0" y1="0" x2="0" y2="6" class="tr-hatch" '
        'stroke="#1f4e8c" stroke-width="2"/></pattern></defs>'
    )


def _text(g: Geometry, x: int, y: int, text: str, *, extra: str = "") -> str:
    """Text that starts at ``x``: at its left, or at its right when mirrored."""
    return f'<text x="{g.x(x)}" y="{y}"{extra}>{escape(text)}</text>'


def _figures(g: Geometry, x: int, y: int, text: str) -> str:
    """Figures after a bar ("19 / 24", "0 - 99"): read left to right in every locale."""
    if g.rtl:
        return f'<text x="{g.x(x)}" y="{y}" direction="ltr" text-anchor="end">{escape(text)}</text>'
    return f'<text x="{x}" y="{y}">{escape(text)}</text>'


def _ticks(largest: int) -> tuple[int, int]:
    """A round step (1, 2 or 5 times a power of ten) and the axis's end, its multiple."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if -(-largest // (step * factor)) <= _TICKS:
                size = step * factor
                return size, max(size, -(-largest // size) * size)
        step *= 10


def _axis(g: Geometry, start: int, span: int, y: int, ticks: list[tuple[int, str]]) -> str:
    """A line under the bars, a tick and its label at each ``(position, text)``."""
    parts = [
        (
            f'<line x1="{g.x(start)}" y1="{y}" x2="{g.x(start + span)}" y2="{y}" '
            'class="tr-axis" stroke="#4d4d4d"/>'
        )
    ]
    for position, label in ticks:
        x = g.x(start + position)
        parts.append(
            f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 5}" class="tr-axis" stroke="#4d4d4d"/>'
            f'<text x="{x}" y="{y + 19}" text-anchor="middle" direction="ltr">'
            f"{escape(label)}</text>"
        )
    return "".join(parts)


def _frame(g: Geometry, title: str, legend: str, height: int) -> str:
    """The background, the visible title and the legend of a chart."""
    return (
        f'<rect width="{g.width}" height="{height}" class="tr-background" fill="#ffffff"/>'
        + _text(g, 0, 20, title, extra=f' font-size="{_TITLE_SIZE}" font-weight="bold"')
        + legend
    )


def _legend(g: Geometry, formatter: Formatter) -> str:
    """The key to the solid and the hatched bars, side by side."""
    provided = formatter.gettext("data provided")
    received = formatter.gettext("requests received")
    second = 14 + 6 + text_width(provided, _SIZE) + 18
    return (
        '<g aria-hidden="true">'
        f'<rect x="{g.x(0, 14)}" y="30" width="14" height="14" class="tr-part" fill="#1f4e8c"/>'
        + _text(g, 20, 42, provided)
        + f'<rect x="{g.x(second, 14)}" y="30" width="14" height="14" '
        f'fill="url(#{g.ids}-hatch)" class="tr-outline" stroke="#1f4e8c"/>'
        + _text(g, second + 20, 42, received)
        + "</g>"
    )


def _bars(table: Table, formatter: Formatter) -> list[tuple[str, Percentage]]:
    """The countries of ``table``, in reading order, with their first percentage."""
    rows = [row for row in in_reading_order(table, formatter) if row.kind is RowKind.COUNTS]
    for index in range(len(table.columns)):
        if rows and all(isinstance(row.cells[index], Percentage) for row in rows):
            return [(row.country, row.cells[index]) for row in rows]  # type: ignore[misc]
    return []


def _bar(g: Geometry, y: int, cell: Percentage, place: tuple[int, int, int]) -> str:
    """A country's bar: as long as its requests, filled as far as the data provided."""
    start, span, top = place
    whole = cell.whole.value * span // top
    part = cell.part.value * span // top
    return (
        f'<rect x="{g.x(start, whole)}" y="{y}" width="{whole}" height="{_BAR}" '
        f'fill="url(#{g.ids}-hatch)" class="tr-outline" stroke="#1f4e8c"/>'
        f'<rect x="{g.x(start, part)}" y="{y}" width="{part}" height="{_BAR}" '
        'class="tr-part" fill="#1f4e8c"/>'
    )


def _figures_of(cell: Percentage, formatter: Formatter) -> str:
    """What is written after a bar: "19 / 24", or the count as published when withheld."""
    if cell.withheld:
        return formatter.published(cell.whole)
    return f"{formatter.count(cell.part.value)} / {formatter.count(cell.whole.value)}"


def _layout(report: Report, formatter: Formatter, least: int) -> tuple[int, int, int]:
    """Where the bars of every table of requests start, their span, and the axis's end.

    One scale for all: the room of the longest name and the widest figures of any of
    them, and the largest published count of requests, up to a round tick.
    """
    bars = [bar for table in report.tables for bar in _bars(table, formatter)]
    names = [formatter.country(country) for country, _ in bars]
    figures = [_figures_of(cell, formatter) for _, cell in bars]
    start = max((text_width(name, _SIZE) for name in names), default=0) + _PAD
    room = max((text_width(figure, _SIZE) for figure in figures), default=0) + 2 * _PAD
    largest = max((cell.whole.value for _, cell in bars if not cell.withheld), default=0)
    return start, max(least - start - room, _MIN_SPAN), _ticks(largest or 1)[1]


def _requests_chart(
    table: Table, formatter: Formatter, layout: tuple[int, int, int], geometry: Geometry
) -> Chart | None:
    """Table 1, 2 or 3 as bars on the ``layout`` shared by all of them."""
    bars = _bars(table, formatter)
    if not bars:
        return None
    names = [formatter.country(country) for country, _ in bars]
    figures = [_figures_of(cell, formatter) for _, cell in bars]
    title = formatter.gettext(table.title)
    start, span, top = layout
    room = max(text_width(figure, _SIZE) for figure in figures) + 2 * _PAD
    width = max(start + span + room, text_width(title, _TITLE_SIZE, bold=True))
    g = attrs.evolve(geometry, width=width)
    parts = []
    for index, ((_, cell), name, figure) in enumerate(zip(bars, names, figures, strict=True)):
        y = _TOP + index * _ROW
        label = formatter.ngettext(
            "{country}: {n} request, data provided for {provided}",
            "{country}: {n} requests, data provided for {provided}",
            cell.whole.value,
            country=name,
            provided=formatter.count(cell.part.value),
        )
        bar = "" if cell.withheld else _bar(g, y, cell, (start, span, top))
        end = start if cell.withheld else start + cell.whole.value * span // top + 6
        parts.append(
            f'<g role="img" aria-label="{escape(figure if cell.withheld else label)}">'
            f"{_text(g, 0, y + 15, name)}{bar}{_figures(g, end, y + 15, figure)}</g>"
        )
    axis_y = _TOP + len(bars) * _ROW
    step = _ticks(top)[0]
    ticks = [(value * span // top, formatter.count(value)) for value in range(0, top + 1, step)]
    height = axis_y + 52
    description = formatter.gettext(
        "For each country, a bar as long as the requests received, filled for the "
        "requests where data was provided."
    )
    body = (
        defs(g.ids)
        + _frame(g, title, _legend(g, formatter), height)
        + "".join(parts)
        + _axis(g, start, span, axis_y, ticks)
        + _text(g, start, axis_y + 40, formatter.gettext("Number of requests"))
    )
    return Chart(title, description, width, height, body)


def _share_rows(table: Table, formatter: Formatter) -> list[tuple[str, str, Percentage]]:
    """Every share of ``table``: its country's name, its column's heading, its cell."""
    shares = []
    for row in in_reading_order(table, formatter):
        if row.kind is RowKind.SHARES:
            country = formatter.country(row.country)
            for column, cell in zip(table.columns, row.cells, strict=True):
                if isinstance(cell, Percentage):
                    shares.append((country, formatter.gettext(column.heading), cell))
    return shares


def _shares_chart(table: Table, formatter: Formatter, geometry: Geometry) -> Chart | None:
    """A table of shares as one bar per country and column, on a scale of 0 to 100%."""
    shares = _share_rows(table, formatter)
    if not shares:
        return None
    title = formatter.gettext(table.title)
    texts = [formatter.percent(cell.value) for _, _, cell in shares]
    start = max(text_width(label, _SIZE) for _, label, _ in shares) + _PAD + 12
    room = max(text_width(text, _SIZE) for text in texts) + 2 * _PAD
    width = max(geometry.width, start + _MIN_SPAN + room, text_width(title, _TITLE_SIZE, bold=True))
    width = max(width, *(text_width(country, _SIZE, bold=True) for country, _, _ in shares))
    g = attrs.evolve(geometry, width=width)
    span = width - start - room
    parts, y, last = [], _TOP - _ROW + 4, None
    for (country, heading, cell), text in zip(shares, texts, strict=True):
        if country != last:
            y += _ROW
            parts.append(_text(g, 0, y + 15, country, extra=' font-weight="bold"'))
            last = country
        y += _ROW
        length = 0 if cell.value is None else int(cell.value * span // 100)
        parts.append(
            f'<g role="img" aria-label="{escape(f"{country}, {heading}: {text}")}">'
            + _text(g, 12, y + 15, heading)
            + f'<rect x="{g.x(start, length)}" y="{y}" width="{length}" height="{_BAR}" '
            'class="tr-part" fill="#1f4e8c"/>'
            + _figures(g, start + length + 6, y + 15, text)
            + "</g>"
        )
    axis_y = y + _ROW
    ticks = [(q * span // 100, formatter.percent(Decimal(q))) for q in range(0, 101, 25)]
    height = axis_y + 52
    return Chart(
        title=title,
        description=formatter.gettext(
            "For each country, a bar per column as long as its percentage of the country's total."
        ),
        width=width,
        height=height,
        body=_frame(g, title, "", height)
        + "".join(parts)
        + _axis(g, start, span, axis_y, ticks)
        + _text(g, start, axis_y + 40, formatter.gettext("Percentage of total")),
    )


def charts(
    report: Report, formatter: Formatter, geometry: Geometry
) -> tuple[tuple[str, Chart], ...]:
    """The charts of ``report`` by table key, in the order of its tables.

    The tables of requests share one scale (:func:`_layout`), the tables of shares
    0 to 100%. Each chart's ids are ``geometry.ids`` and its table's number.
    """
    layout = _layout(report, formatter, geometry.width)
    found = []
    for number, table in enumerate(report.tables, start=1):
        own = attrs.evolve(geometry, ids=f"{geometry.ids}{number}")
        chart = _requests_chart(table, formatter, layout, own) or _shares_chart(
            table, formatter, own
        )
        if chart is not None:
            found.append((table.key, chart))
    return tuple(found)
