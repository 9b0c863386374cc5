"""The SVG renderer: a report's charts in one plain SVG document.

Plain SVG text, no plotting library: the charts of :mod:`._chart` stacked one below the
other, under the report's title, on a white background. The document has a ``<title>``
and a ``<desc>`` in the renderer's language for screen readers (its name and its
description, each read once), and is mirrored in a right-to-left locale. Coordinates
are whole numbers computed by integer arithmetic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from babel import Locale

from transparency_core._render._base import LocalisedRenderer
from transparency_core._render._chart import Geometry, charts
from transparency_core._render._document import report_title
from transparency_core._render._escape import xml as escape
from transparency_core._render._timeline import timelines

if TYPE_CHECKING:
    from transparency_core._render._chart import Chart
    from transparency_core._render._format import Formatter
    from transparency_core._report import Report
    from transparency_core._series import Series

__all__ = ["SvgRenderer", "svg_element"]

_HEADER = 40
_GAP = 24
_FONTS = "Arial, &apos;Liberation Sans&apos;, Helvetica, sans-serif"


def svg_element(chart: Chart, *, rtl: bool, labelled: str) -> str:
    """One chart as an ``<svg>`` element of its own, for an HTML page.

    ``labelled`` prefixes the ids of its title and description.
    """
    direction = ' direction="rtl"' if rtl else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="tr-chart" '
        f'viewBox="0 0 {chart.width} {chart.height}" width="{chart.width}" '
        f'height="{chart.height}" aria-labelledby="{labelled}-title" '
        f'aria-describedby="{labelled}-desc" '
        f'font-family="{_FONTS}" font-size="13"{direction}>'
        f'<title id="{labelled}-title">{escape(chart.title)}</title>'
        f'<desc id="{labelled}-desc">{escape(chart.description)}</desc>'
        f"{chart.body}</svg>"
    )


@attrs.frozen
class SvgRenderer(LocalisedRenderer):
    """Renders a report as one SVG document: a chart per table, one scale per kind.

    Example:
        >>> from transparency_core import reference_report
        >>> svg = SvgRenderer()(reference_report())
        >>> svg.splitlines()[1]
        '<title id="chart-title">Xiaomi Transparency Report: requests and data provided</title>'
        >>> 'aria-label="India: 24 requests, data provided for 19"' in svg
        True
    """

    width: int = 640
    """The chart's least width, in SVG units: it is wider when its labels need it."""

    def _rtl(self) -> bool:
        return Locale.parse(self.locale).character_order == "right-to-left"

    def __call__(self, report: Report) -> str:
        """Return ``report`` as an SVG document."""
        formatter = self._formatter()
        rtl = self._rtl()
        found = [chart for _, chart in charts(report, formatter, Geometry(self.width, rtl, "c"))]
        parts, size = self._stacked(found)
        return self._document(report, formatter, parts, size)

    def _stacked(self, found: list[Chart]) -> tuple[list[str], tuple[int, int]]:
        """The charts one below the other, under the heading; the width and height."""
        rtl = self._rtl()
        width = max((chart.width for chart in found), default=self.width)
        parts = []
        y = _HEADER
        for chart in found:
            x = width - chart.width if rtl else 0
            parts.append(f'<g transform="translate({x} {y})">{chart.body}</g>')
            y += chart.height + _GAP
        return parts, (width, y)

    def series(self, series: Series) -> str:
        """Return ``series`` as an SVG document: a chart over time per table."""
        formatter = self._formatter()
        rtl = self._rtl()
        found = [chart for _, chart in timelines(series, formatter, Geometry(self.width, rtl, "c"))]
        parts, size = self._stacked(found)
        heading = report_title(series.reports[0], formatter) if series.reports else ""
        first, last = (series.labels[0], series.labels[-1]) if series.labels else ("", "")
        words = (
            formatter.gettext("{title}: requests over time", title=heading),
            formatter.gettext("{before} compared with {after}", before=first, after=last)
            + " "
            + formatter.gettext(
                "For each table, a bar per period as long as the requests received in it."
            ),
        )
        return self._svg(heading, words, parts, size)

    def _document(
        self, report: Report, formatter: Formatter, parts: list[str], size: tuple[int, int]
    ) -> str:
        """The SVG document of ``parts``, with its title, description and background."""
        heading = report_title(report, formatter)
        title = formatter.gettext("{title}: requests and data provided", title=heading)
        description = formatter.gettext(
            "{period}. For each table and country, a bar as long as the requests "
            "received, filled for the requests where data was provided.",
            period=formatter.period(report.period),
        )
        return self._svg(heading, (title, description), parts, size)

    def _svg(
        self, heading: str, words: tuple[str, str], parts: list[str], size: tuple[int, int]
    ) -> str:
        """The SVG document of ``parts``, with a heading, title, description and background."""
        width, height = size
        title, description = words
        rtl = self._rtl()
        x = width if rtl else 0
        direction = ' direction="rtl"' if rtl else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            'aria-labelledby="chart-title" aria-describedby="chart-desc" '
            f'font-family="{_FONTS}" '
            f'font-size="13"{direction}>\n'
            f'<title id="chart-title">{escape(title)}</title>\n'
            f'<desc id="chart-desc">{escape(description)}</desc>\n'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
            f'<text x="{x}" y="24" font-size="17" font-weight="bold">{escape(heading)}</text>\n'
            + "\n".join(parts)
            + "\n</svg>\n"
        )
