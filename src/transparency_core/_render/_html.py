"""The HTML renderer: a standalone fragment with proper, escaped table markup.

Every piece of text is escaped, so a country label or a note holding ``<script>`` comes
out inert. The fragment carries the locale's language and writing direction, so a
right-to-left report (Arabic, Hebrew, Urdu) lays out right to left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from babel import Locale

from transparency_core._render._base import BlockRenderer
from transparency_core._render._document import Block, Definitions, Heading, Paragraph, TextTable
from transparency_core._render._escape import html as escape

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["HtmlRenderer"]

_NUMERIC = ' class="num" style="text-align: right"'
# In a right-to-left fragment, a number such as a band ("1 - 499") is laid out left to
# right, or the bidirectional algorithm would show it as "499 - 1".
_NUMERIC_RTL = ' class="num" dir="ltr" style="text-align: right"'


def _table(table: TextTable, *, rtl: bool = False) -> str:
    number = _NUMERIC_RTL if rtl else _NUMERIC
    header = "".join(
        f'<th scope="col"{_NUMERIC if numeric else ""}>{escape(cell)}</th>'
        for cell, numeric in zip(table.header, table.numeric, strict=True)
    )
    rows = []
    for row in table.rows:
        label, *cells = row
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th>'
            + "".join(
                f"<td{number if numeric else ''}>{escape(cell)}</td>"
                for cell, numeric in zip(cells, table.numeric[1:], strict=True)
            )
            + "</tr>"
        )
    caption = f"<caption>{escape(table.caption)}</caption>\n" if table.caption else ""
    body = "\n".join(rows)
    return (
        f"<table>\n{caption}<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


@attrs.frozen
class HtmlRenderer(BlockRenderer):
    """Renders a report as an HTML fragment: an ``<article>`` with headings and tables.

    Tables have a caption, a header row of ``<th scope="col">`` and a ``<th
    scope="row">`` per country; numeric cells have the class ``num`` and are aligned
    right. All text is escaped. The ``locale`` also gives the fragment's ``lang`` and
    ``dir``.

    Example:
        >>> from transparency_core import reference_report
        >>> html = HtmlRenderer()(reference_report())
        >>> html.splitlines()[0]
        '<article class="transparency-report" lang="en" dir="ltr">'
        >>> '<th scope="row">India</th><td class="num" style="text-align: right">24</td>' in html
        True
    """

    def _rtl(self) -> bool:
        return Locale.parse(self.locale).character_order == "right-to-left"

    def _table(self, table: TextTable) -> str:
        return _table(table, rtl=self._rtl())

    def _render(self, blocks: Iterable[Block]) -> str:
        direction = "rtl" if self._rtl() else "ltr"
        language = str(Locale.parse(self.locale)).replace("_", "-")
        body = "\n".join(self._block(block) for block in blocks)
        return (
            f'<article class="transparency-report" lang="{escape(language)}" dir="{direction}">\n'
            f"{body}\n</article>\n"
        )

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
                    f"<dt>{escape(term)}</dt><dd>{escape(meaning)}</dd>" for term, meaning in items
                )
                return f"<dl>\n{terms}\n</dl>"
