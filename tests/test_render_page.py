"""The HTML page in a real browser: headless Chromium, at 375 and 1280 px and in print."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from browser import HOW_TO_GET_ONE, Browser, find_chromium
from builders import long_report, parse_html, withheld_report
from transparency_core import (
    Banding,
    HtmlRenderer,
    build_report,
    compare,
    reference_ledger,
    reference_period,
    reference_report,
)
from transparency_core._render._theme import contrast

if TYPE_CHECKING:
    from collections.abc import Iterator

    from browser import Page

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=HOW_TO_GET_ONE)

REPORTS = {
    "reference": lambda: HtmlRenderer()(reference_report()),
    "long": lambda: HtmlRenderer()(long_report()),
    "long, right-to-left": lambda: HtmlRenderer(locale="ar")(long_report()),
    "right-to-left": lambda: HtmlRenderer(locale="ar")(reference_report()),
    "withheld": lambda: HtmlRenderer(locale="de_DE")(withheld_report()),
    "banded": lambda: HtmlRenderer()(
        build_report(reference_ledger(), reference_period(), disclosure=Banding(100))
    ),
    "comparison": lambda: HtmlRenderer(locale="fr").comparison(
        compare(withheld_report(), reference_report())
    ),
}

# The boxes of the article's blocks, and of every table's and chart's own box.
BOXES = """
[...document.querySelectorAll('.transparency-report > *, .tr-section > *')].map(e => {
  const r = e.getBoundingClientRect();
  return [e.parentElement.className, r.left, r.top, r.right, r.bottom];
})
"""
VISIBLE = """
[...document.querySelectorAll('table, svg.tr-chart')].every(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility === 'visible';
})
"""
# In each chart, no label runs into a bar: the text's box and each bar's box are apart.
LABELS_CLEAR = """
[...document.querySelectorAll('svg.tr-chart g[role=img]')].every(g => {
  const texts = [...g.querySelectorAll('text')].map(t => t.getBBox());
  const bars = [...g.querySelectorAll('rect')].map(r => r.getBBox()).filter(b => b.width > 0);
  return texts.every(t => bars.every(b =>
    t.x + t.width <= b.x + 0.5 || b.x + b.width <= t.x + 0.5));
})
"""


# In each chart, every text inside the chart's own box (none cut off at an edge). A
# glyph's ink may reach past its advance, by a fraction of the type's size, which the box
# measures (Chromium 156.0.8078.114 with Liberation Sans: the J of "Jamaica", set at 0,
# starts at -0.83 units at 1280 px and -1.11 at 375 px; "100 %", ended at 640, ends at
# 640.6): within an eighth of the charts' 13-unit type, a text is inside.
TEXTS_INSIDE = """
[...document.querySelectorAll('svg.tr-chart text')].every(t => {
  const b = t.getBBox(), box = t.ownerSVGElement.viewBox.baseVal;
  const slack = 13 / 8;
  return b.x >= -slack && b.y >= -slack && b.x + b.width <= box.width + slack
    && b.y + b.height <= box.height + slack;
})
"""
# Each country's name and its bar: the name's side of the bar, "left" or "right".
NAME_SIDES = """
[...document.querySelectorAll('svg.tr-chart g[role=img]')].map(g => {
  const name = g.querySelector('text').getBBox();
  const bar = [...g.querySelectorAll('rect')].map(r => r.getBBox()).find(b => b.width > 0);
  return bar === undefined ? null : (name.x + name.width <= bar.x ? 'left' : 'right');
}).filter(side => side !== null)
"""
# Every text of the page with the colour it is drawn in and the background behind it,
# as pixels (a colour-mix() or a custom property resolved by the browser itself).
TEXT_COLOURS = """
(() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  const pixel = colour => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data];
  };
  const behind = e => {
    for (; e; e = e.parentElement) {
      const colour = pixel(getComputedStyle(e).backgroundColor);
      if (colour[3] === 255) return colour;
    }
    return [255, 255, 255, 255];
  };
  const found = [];
  for (const e of document.querySelectorAll('.transparency-report *')) {
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (text && !e.closest('svg')) found.push([pixel(getComputedStyle(e).color), behind(e)]);
  }
  for (const t of document.querySelectorAll('svg.tr-chart text')) {
    const background = t.ownerSVGElement.querySelector('.tr-background');
    found.push([pixel(getComputedStyle(t).fill), pixel(getComputedStyle(background).fill)]);
  }
  return found;
})()
"""
# The least contrast of a company colour that the renderer accepts: 4.54 to 1 on white.
LEAST_ACCEPTED = "#767676"


def hex_colour(pixel: list[int]) -> str:
    """``[r, g, b, a]`` as ``#rrggbb``."""
    return "#" + "".join(f"{channel:02x}" for channel in pixel[:3])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module's tests."""
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as running:
        yield running


Box = tuple[str, float, float, float, float]


def overlaps(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of sibling boxes (same parent) that overlap by more than half a pixel."""
    found = []
    for index, box in enumerate(boxes):
        parent, left, top, right, bottom = box
        for other in boxes[index + 1 :]:
            sibling, left2, top2, right2, bottom2 = other
            apart = (
                right <= left2 + 0.5
                or right2 <= left + 0.5
                or bottom <= top2 + 0.5
                or bottom2 <= top + 0.5
            )
            if parent == sibling and not apart:
                found.append((box, other))
    return found


def pages_of(pdf: bytes) -> int:
    """How many pages a PDF has: its page objects."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


class TestInTheBrowser:
    """Laid out by Chromium: no page scrolling sideways, everything visible, nothing on top."""

    @pytest.mark.parametrize("width", [375, 1280])
    @pytest.mark.parametrize("name", sorted(REPORTS))
    def test_the_page_fits_its_width(self, browser: Browser, name: str, width: int) -> None:
        """The page is as wide as the viewport; tables and charts show; nothing overlaps."""
        page: Page = browser.page(REPORTS[name](), width)

        assert page.evaluate("document.documentElement.scrollWidth") == width
        assert page.evaluate(VISIBLE) is True
        assert overlaps([tuple(box) for box in page.evaluate(BOXES)]) == []
        assert page.evaluate(LABELS_CLEAR) is True
        assert page.evaluate(TEXTS_INSIDE) is True

    def test_a_wide_table_scrolls_in_its_own_box(self, browser: Browser) -> None:
        """At 375 px a table wider than the page scrolls inside its box, not the page."""
        page = browser.page(REPORTS["reference"](), 375)

        widths = page.evaluate(
            "[...document.querySelectorAll('.tr-scroll')].map(e => [e.scrollWidth, e.clientWidth])"
        )
        assert any(scroll > client for scroll, client in widths)
        assert all(client <= 375 for _, client in widths)

    @pytest.mark.parametrize(
        ("name", "least", "most"), [("reference", 4, 12), ("long", 15, 60), ("withheld", 4, 12)]
    )
    def test_printing_to_pdf(self, browser: Browser, name: str, least: int, most: int) -> None:
        """Print to PDF succeeds, each table starting a page, in the expected range of pages."""
        page = browser.page(REPORTS[name](), 1280)

        pdf = page.pdf()

        assert pdf.startswith(b"%PDF-")
        assert least <= pages_of(pdf) <= most

    def test_the_dark_scheme_changes_the_colours(self, browser: Browser) -> None:
        """A reader who prefers dark gets light text on a dark background."""
        page = browser.page(REPORTS["reference"](), 1280)
        page.colour_scheme("dark")

        colours = page.evaluate(
            "[getComputedStyle(document.querySelector('.transparency-report')).color,"
            " getComputedStyle(document.querySelector('.transparency-report')).backgroundColor]"
        )
        assert colours == ["rgb(236, 238, 241)", "rgb(22, 24, 27)"]

    def test_a_right_to_left_page_is_mirrored(self, browser: Browser) -> None:
        """In Arabic the country names stand at the right of each table and chart."""
        page = browser.page(REPORTS["right-to-left"](), 1280)

        sides = page.evaluate(
            "(() => { const th = document.querySelector('tbody th').getBoundingClientRect();"
            " const td = document.querySelector('tbody td').getBoundingClientRect();"
            " return th.left > td.left; })()"
        )
        assert sides is True

    @pytest.mark.parametrize(("locale", "side"), [("en", "left"), ("ar", "right"), ("he", "right")])
    def test_charts_are_mirrored_right_to_left(
        self, browser: Browser, locale: str, side: str
    ) -> None:
        """Every country's name stands before its bar in the reading direction."""
        page = browser.page(HtmlRenderer(locale=locale)(reference_report()), 1280)

        sides = page.evaluate(NAME_SIDES)

        assert len(sides) >= 10
        assert set(sides) == {side}


class TestContrast:
    """WCAG AA: every text of the page at 4.5:1 at least, as Chromium draws it."""

    @pytest.mark.parametrize("scheme", ["light", "dark", "print"])
    @pytest.mark.parametrize("name", ["reference", "right-to-left", "withheld", "least colour"])
    def test_every_text_reads(self, browser: Browser, name: str, scheme: str) -> None:
        """Text and links, table heads, definitions and chart labels, on their backgrounds."""
        if name == "least colour":
            html = HtmlRenderer(colour=LEAST_ACCEPTED)(reference_report())
        else:
            html = REPORTS[name]()
        page = browser.page(html, 1280)
        if scheme == "print":
            page.media("print")
        else:
            page.colour_scheme(scheme)

        pairs = {
            (hex_colour(text), hex_colour(behind)) for text, behind in page.evaluate(TEXT_COLOURS)
        }
        ratios = {pair: contrast(*pair) for pair in pairs}

        assert len(pairs) >= 3
        assert {pair: ratio for pair, ratio in ratios.items() if ratio < 4.5} == {}


SVG = "{http://www.w3.org/2000/svg}"


def accessibility_tree(page: Page) -> list[dict[str, Any]]:
    """What Chromium hands a screen reader: the page's accessibility nodes, not ignored."""
    page.browser.send("Accessibility.enable", page.session)
    nodes = page.browser.send("Accessibility.getFullAXTree", page.session)["nodes"]
    return [node for node in nodes if not node.get("ignored")]


def named(nodes: list[dict[str, Any]], role: str) -> list[tuple[str, str]]:
    """The name and description of every node of ``role``."""
    return [
        (node.get("name", {}).get("value", ""), node.get("description", {}).get("value", ""))
        for node in nodes
        if node["role"]["value"] == role
    ]


class TestScreenReaders:
    """What a screen reader reads: each table named once by its heading, each chart once."""

    @pytest.mark.parametrize("locale", ["en", "ar"])
    def test_tables_and_charts_are_named_once(self, browser: Browser, locale: str) -> None:
        """A table's name is its section's heading; a chart's its title, described apart."""
        html = HtmlRenderer(locale=locale)(reference_report())
        tree = parse_html(html)
        sections = [s for s in tree.iter("section") if s.find(".//table") is not None]
        headings = [section.find("h2").text for section in sections]
        titles = [t.text for t in tree.iter(f"{SVG}title")]
        descriptions = [d.text for d in tree.iter(f"{SVG}desc")]
        page = browser.page(html, 1280)

        nodes = accessibility_tree(page)

        assert named(nodes, "table") == [(heading, "") for heading in headings]
        charts = [(name, about) for name, about in named(nodes, "image") if about]
        assert charts == list(zip(titles, descriptions, strict=True))
        assert len(headings) == len(titles) == 4

    def test_every_row_and_column_has_its_header(self, browser: Browser) -> None:
        """A column header per column, a row header per row, as the scopes say."""
        html = HtmlRenderer()(reference_report())
        tree = parse_html(html)
        page = browser.page(html, 1280)

        nodes = accessibility_tree(page)

        roles = [node["role"]["value"] for node in nodes]
        assert roles.count("columnheader") == len(tree.findall(".//thead//th"))
        assert roles.count("rowheader") == len(tree.findall(".//tbody//th"))
        assert roles.count("row") == len(tree.findall(".//tr"))
