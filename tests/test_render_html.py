"""The HTML renderer: valid HTML5, proper table markup, everything escaped."""

from __future__ import annotations

import pytest

from builders import make_request, markup_report, parse_html
from transparency_core import (
    Banding,
    HtmlRenderer,
    MarkdownRenderer,
    ReportingPeriod,
    build_report,
    reference_report,
)

YEAR = ReportingPeriod.calendar_year(2020)


class TestHtml:
    """Valid HTML5, proper table markup, everything escaped."""

    def test_the_reference_report_is_valid_html5(self) -> None:
        """A strict HTML5 parser reads it without one error."""
        tree = parse_html(HtmlRenderer()(reference_report()))

        tables = tree.findall(".//table")
        assert len(tables) == 4
        assert tables[0].find("caption").text == "Table 1: Worldwide Government Device Requests"

    def test_table_markup(self) -> None:
        """Thead with th scope=col, a th scope=row per country, numbers marked right."""
        tree = parse_html(HtmlRenderer().table(reference_report().table("device")))

        assert {th.get("scope") for th in tree.findall(".//thead/tr/th")} == {"col"}
        rows = tree.findall(".//tbody/tr")
        assert [row.find("th").text for row in rows] == ["China", "India", "Spain", "Sweden"]
        assert {td.get("class") for td in tree.findall(".//tbody/tr/td")} == {"num"}

    def test_markup_in_any_text_comes_out_inert(self) -> None:
        """No <script> element, whatever the company, title or heading holds."""
        html = HtmlRenderer()(markup_report())
        tree = parse_html(html)

        assert tree.findall(".//script") == []
        assert "&lt;script&gt;" in html

    @pytest.mark.parametrize(
        ("locale", "direction", "language"),
        [
            ("ar", "rtl", "ar"),
            ("he", "rtl", "he"),
            ("ur", "rtl", "ur"),
            ("de_DE", "ltr", "de-DE"),
            ("zh_Hans_CN", "ltr", "zh-Hans-CN"),
        ],
    )
    def test_the_fragment_carries_language_and_direction(
        self, locale: str, direction: str, language: str
    ) -> None:
        """Right-to-left locales lay out right to left."""
        first = HtmlRenderer(locale=locale)(reference_report()).splitlines()[0]

        assert first == f'<article class="transparency-report" lang="{language}" dir="{direction}">'

    def test_numbers_read_left_to_right_in_a_right_to_left_report(self) -> None:
        """A band stays "0 - 99" in Arabic: numeric cells are isolated left to right."""
        report = build_report([make_request("R1")], YEAR, disclosure=Banding(100))
        arabic = parse_html(HtmlRenderer(locale="ar")(report))
        english = parse_html(HtmlRenderer()(report))

        cells = arabic.findall(".//td")
        assert cells
        assert all(cell.get("dir") == "ltr" for cell in cells)
        assert "0 - 99" in [cell.text for cell in cells]
        assert all(cell.get("dir") is None for cell in english.findall(".//td"))

    def test_reports_and_tables_show_in_notebooks(self) -> None:
        """Jupyter's display hooks give HTML and Markdown."""
        report = reference_report()

        assert report._repr_html_() == HtmlRenderer()(report)
        assert report._repr_markdown_() == MarkdownRenderer()(report)
        assert report.table("device")._repr_html_() == HtmlRenderer().table(report.table("device"))
