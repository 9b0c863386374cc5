"""The HTML renderer: a standalone report page, or a fragment to embed, always escaped.

By default a report becomes a complete page (:mod:`._page`): doctype, charset, the
language and writing direction, a title, its own stylesheet, the charts inline, and
nothing fetched from the network. With ``fragment=True`` it is the ``<article>`` only:
the tables and text with stable class names (``tr-...``) and no style of its own, for a
company's own site or CMS (and for Jupyter).

Every piece of text is escaped, so a country label or a note holding ``<script>`` comes
out inert. Each table is named by its section's heading, once (no caption repeating
it), and scrolls in its own box when it is wider than the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs
from babel import Locale

from transparency_core._render._base import BlockRenderer
from transparency_core._render._changes import comparison_document, series_document
from transparency_core._render._chart import Geometry, charts
from transparency_core._render._document import (
    Block,
    Definitions,
    Heading,
    Paragraph,
    TextTable,
    document,
    report_title,
)
from transparency_core._render._escape import html as escape
from transparency_core._render._page import page
from transparency_core._render._svg import svg_element
from transparency_core._render._theme import (
    DEFAULT_COLOUR,
    known_logo,
    logo_address,
    readable_colour,
    safe_css,
    shown,
)
from transparency_core._render._timeline import timelines
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from transparency_core._compare import Comparison
    from transparency_core._render._chart import Chart
    from transparency_core._report import Report
    from transparency_core._series import Series

__all__ = ["HtmlRenderer"]

_HEADER_CLASSES = ("tr-subtitle", "tr-period", "tr-released")
_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")


def id_prefix(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An attrs validator: a prefix of HTML ids, a letter then letters, digits, - or _."""
    if not isinstance(value, str) or not _ID_PREFIX.fullmatch(value):
        raise FieldError(
            attribute.name, "a letter, then up to 39 letters, digits, '-' or '_'", value
        )


def _cells(cells: Iterable[str], numeric: Iterable[bool], tag: str, number: str) -> str:
    """Cells of the element ``tag`` (with its attributes), ``number`` added to numbers.

    A numeric cell holding words ("19 of 24", "withheld") keeps the direction of its
    language: only its class is added.
    """
    end = tag.split(" ", 1)[0]
    plain = number.split(" dir=", 1)[0]

    def added(cell: str, is_numeric: bool) -> str:  # noqa: FBT001 -- a column's flag
        if not is_numeric:
            return ""
        return plain if _words(cell) else number

    return "".join(
        f"<{tag}{added(cell, is_numeric)}>{escape(cell)}</{end}>"
        for cell, is_numeric in zip(cells, numeric, strict=True)
    )


def _words(text: str) -> bool:
    """Whether ``text`` holds a letter, not only a number, a band or a percentage."""
    return any(char.isalpha() for char in text)


def html_table(table: TextTable, *, rtl: bool = False, labelled: str = "") -> str:
    """A ``<table>``: named by the element ``labelled`` if given, else by its caption."""
    # In a right-to-left report a number such as a band ("1 - 499") is laid out left
    # to right, or the bidirectional algorithm would show it as "499 - 1".
    number = ' class="num" dir="ltr"' if rtl else ' class="num"'
    header = _cells(table.header, table.numeric, 'th scope="col"', ' class="num"')
    rows = "\n".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        f"{_cells(row[1:], table.numeric[1:], 'td', number)}</tr>"
        for row in table.rows
    )
    if labelled:
        opening = f'<table class="tr-table" aria-labelledby="{labelled}">\n'
    else:
        caption = f"<caption>{escape(table.caption)}</caption>\n" if table.caption else ""
        opening = f'<table class="tr-table">\n{caption}'
    return f"{opening}<thead><tr>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"


def _sections(blocks: Sequence[Block]) -> tuple[list[Block], list[list[Block]]]:
    """The blocks before the first section's heading, and each section's blocks."""
    header: list[Block] = []
    sections: list[list[Block]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level > 1:
            sections.append([block])
        elif sections:
            sections[-1].append(block)
        else:
            header.append(block)
    return header, sections


@attrs.frozen
class HtmlRenderer(BlockRenderer):
    """Renders a report as a standalone HTML page, or as a fragment to embed.

    The page has the report's title, period and release date, a table of contents,
    each table with its description, definitions and chart, how requests are counted,
    and the cross-border disclosure; it prints cleanly and works on a phone, in a light
    and a dark colour scheme. Tables have a header row of ``<th scope="col">`` and a
    ``<th scope="row">`` per country; numeric cells have the class ``num``. All text is
    escaped. The ``locale`` gives the language, the direction and the order of the rows.

    Example:
        >>> from transparency_core import reference_report
        >>> html = HtmlRenderer()(reference_report())
        >>> html.splitlines()[:2]
        ['<!DOCTYPE html>', '<html lang="en" dir="ltr">']
        >>> fragment = HtmlRenderer(fragment=True)(reference_report())
        >>> fragment.splitlines()[0]
        '<article class="transparency-report" lang="en" dir="ltr">'
        >>> '<th scope="row">India</th><td class="num">24</td>' in fragment
        True
    """

    fragment: bool = False
    """The ``<article>`` only, with no stylesheet, charts or contents: for embedding."""
    colour: str = attrs.field(default=DEFAULT_COLOUR, validator=readable_colour)
    """The company's colour, as hex: the page's accent, its links and its charts' bars."""
    logo: bytes | None = attrs.field(default=None, validator=known_logo, repr=shown)
    """The company's logo, the bytes of a PNG, JPEG, GIF, WebP or SVG file, embedded."""
    css: str = attrs.field(default="", validator=safe_css)
    """CSS added after the page's stylesheet, to override it; it may fetch nothing."""
    ids: str = attrs.field(default="tr", validator=id_prefix)
    """The prefix of every id of the page or fragment (``tr-s1``, ``tr-s1-title``...).

    Give each fragment embedded in one page a prefix of its own, so that no two
    elements share an id and each table stays labelled by its own heading."""

    def _rtl(self) -> bool:
        return Locale.parse(self.locale).character_order == "right-to-left"

    def _language(self) -> str:
        return str(Locale.parse(self.locale)).replace("_", "-")

    def __call__(self, report: Report) -> str:
        """Return ``report`` as a page, or as a fragment when ``fragment`` is set."""
        formatter = self._formatter()
        if self.fragment:
            return self._render(document(report, formatter, methodology=True))
        found = dict(charts(report, formatter, Geometry(640, self._rtl(), f"{self.ids}-c")))
        article = self._article(document(report, formatter, methodology=True), found)
        return self._page(article, report_title(report, formatter))

    def comparison(self, comparison: Comparison) -> str:
        """Return two reports side by side: a page, or a fragment when ``fragment`` is set."""
        blocks = comparison_document(comparison, self._formatter())
        if self.fragment:
            return self._render(blocks)
        title = blocks[0].text if isinstance(blocks[0], Heading) else ""
        return self._page(self._article(blocks, {}), title)

    def _page(self, article: str, title: str) -> str:
        return page(
            article,
            title=title,
            language=self._language(),
            rtl=self._rtl(),
            theme=(self.colour, self.logo, self.css),
        )

    def series(self, series: Series) -> str:
        """Return ``series`` as a page, or a fragment: a column per period in each table.

        On a page, each table has its chart over time.
        """
        formatter = self._formatter()
        blocks = series_document(series, formatter)
        if self.fragment:
            return self._render(blocks)
        found = dict(timelines(series, formatter, Geometry(640, self._rtl(), f"{self.ids}-c")))
        heading = blocks[0].text if blocks and isinstance(blocks[0], Heading) else ""
        return self._page(self._article(blocks, found), heading)

    def _table(self, table: TextTable) -> str:
        return html_table(table, rtl=self._rtl())

    def _render(self, blocks: Iterable[Block]) -> str:
        return self._article(tuple(blocks), None)

    def _article(self, blocks: Sequence[Block], found: Mapping[str, Chart] | None) -> str:
        """The ``<article>``: a header, the contents (a page's), and the sections."""
        header, sections = _sections(blocks)
        parts = ['<header class="tr-header">', *self._header(header), "</header>"]
        if found is not None:
            parts.append(self._contents(sections))
        for number, section in enumerate(sections, start=1):
            parts.extend(self._section(number, section, found))
        body = "\n".join(parts)
        direction = "rtl" if self._rtl() else "ltr"
        return (
            f'<article class="transparency-report" lang="{escape(self._language())}" '
            f'dir="{direction}">\n{body}\n</article>\n'
        )

    def _header(self, blocks: Sequence[Block]) -> list[str]:
        parts = []
        classes = iter(_HEADER_CLASSES)
        for block in blocks:
            if isinstance(block, Heading):
                heading = f"<h1>{escape(block.text)}</h1>"
                if self.logo is not None and not self.fragment:
                    # The logo is decorative: the heading beside it names the company.
                    logo = f'<img class="tr-logo" alt="" src="{escape(logo_address(self.logo))}">'
                    heading = f'<div class="tr-brand">{logo}{heading}</div>'
                parts.append(heading)
            elif isinstance(block, Paragraph):
                parts.append(f'<p class="{next(classes, "tr-note")}">{escape(block.text)}</p>')
        return parts

    def _contents(self, sections: Sequence[Sequence[Block]]) -> str:
        items = "\n".join(
            f'<li><a href="#{self.ids}-s{number}">{escape(section[0].text)}</a></li>'
            for number, section in enumerate(sections, start=1)
            if isinstance(section[0], Heading)
        )
        title = escape(self._formatter().gettext("Contents"))
        name = f"{self.ids}-contents-title"
        return (
            f'<nav class="tr-contents" aria-labelledby="{name}">\n'
            f'<h2 id="{name}">{title}</h2>\n<ol>\n{items}\n</ol>\n</nav>'
        )

    def _section(
        self, number: int, blocks: Sequence[Block], found: Mapping[str, Chart] | None
    ) -> list[str]:
        own = f"{self.ids}-s{number}"
        name = f"{own}-title"
        tables = [block for block in blocks if isinstance(block, TextTable)]
        kind = "tr-section tr-table-section" if tables else "tr-section"
        parts = [f'<section class="{kind}" id="{own}" aria-labelledby="{name}">']
        for block in blocks:
            if isinstance(block, Heading):
                parts.append(f'<h2 id="{name}">{escape(block.text)}</h2>')
            elif isinstance(block, TextTable):
                table = html_table(block, rtl=self._rtl(), labelled=name)
                parts.append(f'<div class="tr-scroll" tabindex="0">\n{table}\n</div>')
                chart = (found or {}).get(block.key)
                if chart is not None:
                    svg = svg_element(chart, rtl=self._rtl(), labelled=f"{own}-chart")
                    parts.append(
                        f'<figure class="tr-figure"><div class="tr-scroll" tabindex="0">'
                        f"{svg}</div></figure>"
                    )
            else:
                parts.append(self._block(block))
        parts.append("</section>")
        return parts

    def _block(self, block: Block) -> str:
        match block:
            case Heading(text=text, level=level):
                return f"<h{level}>{escape(text)}</h{level}>"
            case Paragraph(text=text):
                return f"<p>{escape(text)}</p>"
            case TextTable():
                return self._table(block)
            case Definitions(items=items):
                terms = "\n".join(
                    f"<div><dt>{escape(term)}</dt><dd>{escape(meaning)}</dd></div>"
                    for term, meaning in items
                )
                return f'<dl class="tr-definitions">\n{terms}\n</dl>'
