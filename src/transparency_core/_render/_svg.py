"""The SVG renderer: a bar chart of requests per country, and the part provided.

Plain SVG text, no plotting library. Each table with a percentage column gets one bar per
country: its whole (the requests) and, filled, its part (those where data was provided).
The chart has a ``<title>`` and a ``<desc>`` for screen readers, every bar an
``aria-label`` with its figures, and text in the renderer's locale. Coordinates are
whole numbers computed from the counts by integer arithmetic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._render._base import LocalisedRenderer
from transparency_core._render._document import report_title
from transparency_core._render._escape import xml as escape
from transparency_core._report import Percentage, RowKind

if TYPE_CHECKING:
    from transparency_core._render._format import Formatter
    from transparency_core._report import Report, Table

__all__ = ["SvgRenderer"]

_LABEL = 160
_BAR = 22
_GAP = 8
_HEADING = 36


def _legend(formatter: Formatter) -> str:
    """The key to the two fills, one per line so that any language fits."""
    provided = escape(formatter.gettext("data provided"))
    received = escape(formatter.gettext("requests received"))
    return (
        '<g aria-hidden="true">'
        '<rect x="0" y="4" width="14" height="14" fill="#2171b5"/>'
        f'<text x="20" y="16">{provided}</text>'
        '<rect x="0" y="24" width="14" height="14" fill="#c6dbef"/>'
        f'<text x="20" y="36">{received}</text></g>'
    )


def _bars(table: Table) -> list[tuple[str, Percentage]]:
    """The countries of ``table`` with the first percentage of their counts row."""
    index = next(
        (
            i
            for row in table.rows
            if row.kind is RowKind.COUNTS
            for i, cell in enumerate(row.cells)
            if isinstance(cell, Percentage)
        ),
        None,
    )
    if index is None:
        return []
    bars = []
    for row in table.rows:
        cell = row.cells[index]
        if row.kind is RowKind.COUNTS and isinstance(cell, Percentage):
            bars.append((row.country, cell))
    return bars


def _largest(bars: list[tuple[str, Percentage]]) -> int:
    """The largest whole drawn to scale, or 1.

    The scale comes from published counts only: a withheld one, drawn as text, must not
    set the width of the others either.
    """
    return max((cell.whole.value for _, cell in bars if not cell.withheld), default=0) or 1


def _withheld_bar(name: str, cell: Percentage, y: int, formatter: Formatter) -> str:
    """A country whose count is withheld: its published text, and no bar.

    A bar to scale would give a banded or suppressed count away.
    """
    return (
        f'<text x="0" y="{y + 16}">{escape(name)}</text>'
        f'<text x="{_LABEL}" y="{y + 16}">'
        f"{escape(formatter.published(cell.whole))}</text>"
    )


def _bar(name: str, cell: Percentage, y: int, scale: tuple[int, int], formatter: Formatter) -> str:
    """A country's bar: as long as its requests, filled as far as the data provided.

    ``scale`` is the span in SVG units and the whole it stands for; every length is a
    whole number, by integer arithmetic.
    """
    span, largest = scale
    whole, part = cell.whole.value, cell.part.value
    label = formatter.ngettext(
        "{country}: {n} request, data provided for {provided}",
        "{country}: {n} requests, data provided for {provided}",
        whole,
        country=name,
        provided=formatter.count(part),
    )
    return (
        f'<g role="img" aria-label="{escape(label)}">'
        f'<text x="0" y="{y + 16}">{escape(name)}</text>'
        f'<rect x="{_LABEL}" y="{y}" width="{whole * span // largest}" '
        f'height="{_BAR}" fill="#c6dbef"/>'
        f'<rect x="{_LABEL}" y="{y}" width="{part * span // largest}" '
        f'height="{_BAR}" fill="#2171b5"/>'
        f'<text x="{_LABEL + whole * span // largest + 6}" y="{y + 16}">'
        f"{escape(formatter.count(part))} / {escape(formatter.count(whole))}</text>"
        "</g>"
    )


@attrs.frozen
class SvgRenderer(LocalisedRenderer):
    """Renders a report as an SVG bar chart, one group of bars per table.

    Example:
        >>> from transparency_core import reference_report
        >>> svg = SvgRenderer()(reference_report())
        >>> svg.splitlines()[1]
        '<title id="chart-title">Xiaomi Transparency Report: requests and data provided</title>'
        >>> 'aria-label="India: 24 requests, data provided for 19"' in svg
        True
    """

    width: int = 640
    """The chart's width, in SVG units."""

    def __call__(self, report: Report) -> str:
        """Return ``report`` as an SVG document."""
        formatter = self._formatter()
        span = self.width - _LABEL - 120
        parts = [_legend(formatter)]
        y = 44
        for table in report.tables:
            bars = _bars(table)
            if not bars:
                continue
            y += _HEADING
            heading = escape(formatter.gettext(table.title))
            parts.append(f'<text x="0" y="{y - 12}" font-weight="bold">{heading}</text>')
            largest = _largest(bars)
            for country, cell in bars:
                name = formatter.country(country)
                if cell.withheld:
                    parts.append(_withheld_bar(name, cell, y, formatter))
                else:
                    parts.append(_bar(name, cell, y, (span, largest), formatter))
                y += _BAR + _GAP
        return self._chart(report, formatter, parts, y + _GAP)

    def _chart(self, report: Report, formatter: Formatter, parts: list[str], height: int) -> str:
        """The SVG document of ``parts``, with its title and description."""
        title = formatter.gettext(
            "{title}: requests and data provided", title=report_title(report, formatter)
        )
        description = formatter.gettext(
            (
                "{period}. For each table and country, a bar as long as the requests "
                "received, filled for the requests where data was provided."
            ),
            period=formatter.period(report.period),
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{self.width}" '
            f'height="{height}" viewBox="0 0 {self.width} {height}" '
            f'aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="13">\n'
            f'<title id="chart-title">{escape(title)}</title>\n'
            f'<desc id="chart-desc">{escape(description)}</desc>\n'
            + "\n".join(parts)
            + "\n</svg>\n"
        )
