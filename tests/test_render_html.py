"""The HTML renderer: valid HTML5, proper table markup, everything escaped."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from builders import long_report, make_request, markup_report, parse_html, withheld_report
from transparency_core import (
    SHIPPED_BREAKDOWNS,
    Banding,
    HtmlRenderer,
    MarkdownRenderer,
    Report,
    ReportingPeriod,
    build_report,
    compare,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core._render import _stylesheet as stylesheet_module
from transparency_core._render._stylesheet import STYLESHEET
from transparency_core._render._theme import contrast

if TYPE_CHECKING:
    from collections.abc import Callable

YEAR = ReportingPeriod.calendar_year(2020)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _breakdowns() -> Report:
    return build_report(
        reference_ledger(), reference_period(), breakdowns=SHIPPED_BREAKDOWNS, company="Xiaomi"
    )


PAGES: dict[str, tuple[HtmlRenderer, Callable[[HtmlRenderer], str]]] = {
    "long": (HtmlRenderer(), lambda r: r(long_report())),
    "withheld, German": (HtmlRenderer(locale="de_DE"), lambda r: r(withheld_report())),
    "banded, Hebrew": (
        HtmlRenderer(locale="he"),
        lambda r: r(build_report(reference_ledger(), reference_period(), disclosure=Banding(100))),
    ),
    "breakdowns, Arabic": (HtmlRenderer(locale="ar"), lambda r: r(_breakdowns())),
    "markup": (HtmlRenderer(), lambda r: r(markup_report())),
    "comparison, Chinese": (
        HtmlRenderer(locale="zh_Hans_CN"),
        lambda r: r.comparison(compare(withheld_report(), reference_report())),
    ),
    "themed": (
        HtmlRenderer(colour="#7a1f5c", logo=PNG, css=".tr-header { border: 0; }", ids="x"),
        lambda r: r(reference_report()),
    ),
}
"""Pages besides the reference report's: each renderer, and what it renders."""


class TestHtml:
    """Valid HTML5, proper table markup, everything escaped."""

    @pytest.mark.parametrize("fragment", [False, True])
    @pytest.mark.parametrize("locale", ["en", "de_DE", "zh_Hans_CN", "ar"])
    def test_the_reference_report_is_valid_html5(self, locale: str, *, fragment: bool) -> None:
        """A strict HTML5 parser reads the page and the fragment without one error."""
        tree = parse_html(HtmlRenderer(locale=locale, fragment=fragment)(reference_report()))

        assert len(tree.findall(".//table")) == 4

    @pytest.mark.parametrize("fragment", [False, True])
    @pytest.mark.parametrize("name", sorted(PAGES))
    def test_every_page_is_valid_html5(self, name: str, *, fragment: bool) -> None:
        """Long, withheld, banded, marked-up, compared, themed: no parse error, no table lost."""
        renderer, make = PAGES[name]

        html = make(attrs.evolve(renderer, fragment=fragment))
        tree = parse_html(html)

        assert len(tree.findall(".//table")) == html.count("<table")
        assert html.startswith("<article" if fragment else "<!DOCTYPE html>")

    def test_each_table_is_named_once_by_its_heading(self) -> None:
        """No caption repeats the heading: the table is labelled by it."""
        tree = parse_html(HtmlRenderer()(reference_report()))

        table = tree.find(".//table")
        heading = tree.find(f".//h2[@id='{table.get('aria-labelledby')}']")
        assert heading.text == "Table 1: Worldwide Government Device Requests"
        assert tree.findall(".//caption") == []

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
        renderer = HtmlRenderer(locale=locale)
        page = renderer(reference_report()).splitlines()
        fragment = attrs.evolve(renderer, fragment=True)(reference_report()).splitlines()

        assert page[1] == f'<html lang="{language}" dir="{direction}">'
        assert fragment[0] == (
            f'<article class="transparency-report" lang="{language}" dir="{direction}">'
        )

    def test_numbers_read_left_to_right_in_a_right_to_left_report(self) -> None:
        """A band stays "0 - 99" in Arabic: numeric cells are isolated left to right."""
        report = build_report([make_request("R1")], YEAR, disclosure=Banding(100))
        arabic = parse_html(HtmlRenderer(locale="ar")(report))
        english = parse_html(HtmlRenderer()(report))

        cells = arabic.findall(".//table/tbody/tr/td")
        numeric = [cell for cell in cells if not any(c.isalpha() for c in cell.text or "")]
        assert numeric
        assert all(cell.get("dir") == "ltr" for cell in numeric)
        assert all(cell.get("dir") is None for cell in cells if cell not in numeric)
        assert "0 - 99" in [cell.text for cell in cells]
        assert all(cell.get("dir") is None for cell in english.findall(".//table/tbody/tr/td"))

    def test_reports_and_tables_show_in_notebooks(self) -> None:
        """Jupyter's display hooks give HTML and Markdown."""
        report = reference_report()

        assert report._repr_html_() == HtmlRenderer(fragment=True)(report)
        assert report._repr_markdown_() == MarkdownRenderer()(report)
        assert report.table("device")._repr_html_() == HtmlRenderer().table(report.table("device"))


class TestPage:
    """A standalone page: doctype, charset, title, stylesheet, nothing fetched."""

    def test_the_page_is_one_file(self) -> None:
        """No script, no external address: only the fragment's links within the page."""
        html = HtmlRenderer()(reference_report())
        tree = parse_html(html)

        assert tree.find(".//meta[@charset]").get("charset") == "utf-8"
        assert tree.findtext(".//title") == "Xiaomi Transparency Report"
        assert tree.findall(".//script") == []
        assert {a.get("href")[0] for a in tree.findall(".//a")} == {"#"}
        assert "http" not in html.replace("http://www.w3.org/2000/svg", "")

    def test_the_page_has_contents_methodology_and_a_chart_per_table(self) -> None:
        """Contents link to every section; four charts; the seed's counting rules."""
        tree = parse_html(HtmlRenderer()(reference_report()))

        links = [a.get("href") for a in tree.findall(".//nav//a")]
        sections = [f"#{s.get('id')}" for s in tree.findall(".//section")]
        assert links == sections
        assert len(tree.findall(".//figure")) == 4
        assert "How we count requests" in [h.text for h in tree.findall(".//h2")]

    def test_the_fragment_has_no_style(self) -> None:
        """No style element or attribute, no chart: a site's own stylesheet applies."""
        html = HtmlRenderer(fragment=True)(reference_report())

        assert "style" not in html
        assert "<svg" not in html


def references(tree: Any) -> list[str]:
    """Every id that an element of ``tree`` points at: labels, descriptions and links."""
    found: list[str] = []
    for element in tree.iter():
        for name in ("aria-labelledby", "aria-describedby"):
            found.extend((element.get(name) or "").split())
        if (element.get("href") or "").startswith("#"):
            found.append(element.get("href")[1:])
        fill = element.get("fill") or ""
        if fill.startswith("url(#"):
            found.append(fill[5:-1])
    return found


class TestIds:
    """Every id once, every reference to one that exists; a prefix for each fragment."""

    @pytest.mark.parametrize("fragment", [False, True])
    @pytest.mark.parametrize("locale", ["en", "ar"])
    def test_every_reference_names_one_element(self, locale: str, *, fragment: bool) -> None:
        """No id twice; each aria-labelledby, link and pattern names an element."""
        tree = parse_html(HtmlRenderer(locale=locale, fragment=fragment)(reference_report()))
        ids = [element.get("id") for element in tree.iter() if element.get("id")]

        assert len(ids) == len(set(ids))
        assert set(references(tree)) <= set(ids)
        assert references(tree)

    def test_two_fragments_on_one_page_share_no_id(self) -> None:
        """With a prefix each, two reports embedded side by side keep their own labels."""
        report = reference_report()
        both = "".join(
            HtmlRenderer(fragment=True, ids=prefix)(report) for prefix in ("r2020", "r2021")
        )
        tree = parse_html(both)
        ids = [element.get("id") for element in tree.iter() if element.get("id")]

        assert len(ids) == len(set(ids))
        assert {i.split("-")[0] for i in ids} == {"r2020", "r2021"}
        tables = tree.findall(".//table")
        assert len({table.get("aria-labelledby") for table in tables}) == len(tables) == 8

    def test_the_default_prefix_is_tr(self) -> None:
        """The ids of the page as it was: tr-s1, tr-s1-title, tr-contents-title."""
        tree = parse_html(HtmlRenderer()(reference_report()))

        assert tree.find(".//section").get("id") == "tr-s1"
        assert tree.find(".//nav").get("aria-labelledby") == "tr-contents-title"

    @pytest.mark.parametrize("prefix", ["", "1st", "a b", 'x"><script>', "a" * 41])
    def test_a_prefix_that_is_no_id_is_refused(self, prefix: str) -> None:
        """A letter, then letters, digits, '-' or '_', at most 40 in all."""
        with pytest.raises(ValueError, match="expected") as caught:
            HtmlRenderer(ids=prefix)

        assert str(caught.value) == (
            f"ids: expected a letter, then up to 39 letters, digits, '-' or '_', got {prefix!r}"
        )


def schemes() -> dict[str, dict[str, str]]:
    """The stylesheet's colours (its custom properties) in the light, dark and print schemes."""
    light, rest = STYLESHEET.split("@media (prefers-color-scheme: dark)")
    dark, printed = rest.split("@media print")
    return {
        name: dict(re.findall(r"--tr-(\w+): (#[0-9a-f]{6})", text))
        for name, text in (("light", light), ("dark", dark), ("print", printed))
    }


class TestContrast:
    """WCAG AA in every scheme: the stylesheet's colour pairs, computed (no browser)."""

    @pytest.mark.parametrize("scheme", ["light", "dark", "print"])
    def test_text_on_every_background_reads(self, scheme: str) -> None:
        """Text and secondary text on the page and on the striped rows: 4.5:1 at least."""
        colours = schemes()[scheme]
        pairs = [(text, behind) for text in ("fg", "muted") for behind in ("bg", "stripe")]

        ratios = {pair: contrast(colours[pair[0]], colours[pair[1]]) for pair in pairs}

        assert min(ratios.values()) >= Decimal("4.5"), ratios

    def test_the_stylesheet_says_its_ratios(self) -> None:
        """Its docstring's "17:1 and 8:1 on white, 15:1 and 9:1" are the computed ones."""
        light, dark = schemes()["light"], schemes()["dark"]
        ratios = [
            contrast(light["fg"], light["bg"]),
            contrast(light["muted"], light["bg"]),
            contrast(dark["fg"], dark["bg"]),
            contrast(dark["muted"], dark["bg"]),
        ]

        assert [int(ratio) for ratio in ratios] == [17, 8, 15, 9]
        assert "17:1 and secondary text 8:1 on white, 15:1 and 9:1" in " ".join(
            (stylesheet_module.__doc__ or "").split()
        )

    def test_the_dark_scheme_lightens_any_accepted_colour_enough(self) -> None:
        """35% of the darkest accepted colour (black) in white reads on the dark page."""
        dark = schemes()["dark"]
        mixed = "#" + f"{round(255 * 65 / 100):02x}" * 3  # color-mix(black 35%, white)

        assert "color-mix(in srgb, var(--tr-accent) 35%, #ffffff)" in STYLESHEET
        assert contrast(mixed, dark["bg"]) >= Decimal("4.5")
        assert contrast(mixed, dark["stripe"]) >= Decimal("4.5")


class TestTheme:
    """The company's colour, logo and CSS, each checked when the renderer is made."""

    def test_the_colour_and_logo_reach_the_page(self) -> None:
        """The accent is the colour; the logo an embedded image beside the title."""
        html = HtmlRenderer(colour="#7a1f5c", logo=PNG)(reference_report())
        tree = parse_html(html)

        assert "--tr-accent: #7a1f5c;" in html
        logo = tree.find(".//img")
        assert logo.get("src").startswith("data:image/png;base64,iVBORw0KGgo")
        assert logo.get("alt") == ""

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"colour": "red"}, "colour: expected a hex colour such as '#1f4e8c', got 'red'"),
            (
                {"colour": "#ffff00"},
                "colour: expected a colour that text on white reads in, at least 4.5:1 "
                "(WCAG AA), not 1.07:1, got '#ffff00'",
            ),
            (
                {"logo": b"<html><script>"},
                "logo: expected a PNG, JPEG, GIF, WebP or SVG image, "
                "got '14 bytes starting 3c 68 74 6d 6c 3e 3c 73'",
            ),
            (
                {"css": "body { background: url(https://x.example/a.png) }"},
                "css: expected CSS without '<', '\\', control characters, @import or url() "
                "of anything but a data: address, got 'url(http...'",
            ),
            (
                {"css": "@import 'x.css';"},
                "css: expected CSS without '<', '\\', control characters, @import or url() "
                "of anything but a data: address, got '@import ...'",
            ),
        ],
    )
    def test_a_bad_theme_is_refused(self, options: dict[str, object], message: str) -> None:
        """A FieldError (a ValueError) that says what was expected."""
        with pytest.raises(ValueError, match="expected") as caught:
            HtmlRenderer(**options)  # type: ignore[arg-type]

        assert str(caught.value) == message

    def test_extra_css_comes_after_the_stylesheet(self) -> None:
        """A company's rules override the page's."""
        html = HtmlRenderer(css=".tr-header { border-color: #000; }")(reference_report())

        assert html.index(".tr-header { border-color: #000; }") > html.index("@media print")

    def test_the_repr_shows_a_logos_size(self) -> None:
        """Not its bytes."""
        assert "logo=<24 bytes>" in repr(HtmlRenderer(logo=PNG))
