"""The SVG renderer: a bar chart in plain SVG, readable by screen readers."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from builders import make_request
from transparency_core import (
    ReportingPeriod,
    Suppression,
    SvgRenderer,
    build_report,
    reference_report,
)

YEAR = ReportingPeriod.calendar_year(2020)
SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(text: str) -> ET.Element:
    """Parse the SVG renderer's own output."""
    return ET.fromstring(text)  # noqa: S314 -- our own output, not untrusted data


def width(rect: ET.Element) -> int:
    """The width of a bar."""
    return int(rect.get("width", "-1"))


class TestSvg:
    """A bar chart in plain SVG, readable by screen readers."""

    def test_well_formed_with_title_and_description(self) -> None:
        """An XML parser reads it; the chart is named by its title, described by its desc."""
        root = parse_svg(SvgRenderer()(reference_report()))

        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == "chart-title"
        assert root.get("aria-describedby") == "chart-desc"
        assert root.findtext(f"{SVG}title") == (
            "Xiaomi Transparency Report: requests and data provided"
        )
        assert "January 1" in root.findtext(f"{SVG}desc", "")

    def test_one_bar_per_country_with_its_figures(self) -> None:
        """Bars as long as the requests, filled as far as the data provided."""
        root = parse_svg(SvgRenderer()(reference_report()))

        bars = {
            group.get("aria-label"): group.findall(f"{SVG}rect") for group in root.iter(f"{SVG}g")
        }
        whole, part = bars["India: 24 requests, data provided for 19"][:2]
        china = bars["China: 3 requests, data provided for 3"][0]
        assert width(whole) * 19 // 24 == width(part)
        assert width(china) == width(whole) * 3 // 24

    def test_banded_counts_are_not_drawn_to_scale(self) -> None:
        """Under a disclosure policy, a bar would give the count away."""
        report = build_report([make_request("R1")], YEAR, disclosure=Suppression(10))
        svg = SvgRenderer()(report)

        assert "<rect" not in svg.split("</g>", 1)[1]
        assert "&lt; 10" in svg

    def test_the_tables_of_requests_share_one_scale(self) -> None:
        """24 device requests of India and 161 account requests of China: bars of 24:161."""
        root = parse_svg(SvgRenderer(width=640)(reference_report()))

        bars = {
            group.get("aria-label"): group.findall(f"{SVG}rect") for group in root.iter(f"{SVG}g")
        }
        india = width(bars["India: 24 requests, data provided for 19"][0])
        china = width(bars["China: 161 requests, data provided for 152"][0])
        axes = [line for line in root.iter(f"{SVG}line") if line.get("class") == "tr-axis"]
        span = int(axes[0].get("x2", "0")) - int(axes[0].get("x1", "0"))
        # The axis ends at 200, the round tick above 161, in every table.
        assert (india, china) == (24 * span // 200, 161 * span // 200)
        assert span > 400
