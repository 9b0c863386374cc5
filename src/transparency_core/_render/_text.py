"""The plain text renderer: the report as a terminal or an email shows it."""

from __future__ import annotations

import textwrap
import unicodedata

import attrs

from transparency_core._render._base import BlockRenderer
from transparency_core._render._document import Block, Definitions, Heading, Paragraph, TextTable
from transparency_core._render._escape import visible

__all__ = ["TextRenderer"]

_GAP = "  "
_MIN_COLUMN = 14
_MAX_WORD = 24


def _width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (CJK) characters take two."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _pad(text: str, width: int, *, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def _longest_word(heading: str) -> int:
    """The longest word of ``heading``, up to a limit, so that no word is broken.

    German compounds such as "Ermittlungsanordnung" stay whole; text without spaces
    (Chinese) wraps anywhere.
    """
    narrow = [len(word) for word in heading.split() if _width(word) == len(word)]
    return min(max(narrow, default=0), _MAX_WORD)


def _visible(table: TextTable) -> TextTable:
    """The table with every control character of its text made visible."""
    return TextTable(
        header=tuple(visible(cell) for cell in table.header),
        rows=tuple(tuple(visible(cell) for cell in row) for row in table.rows),
        numeric=table.numeric,
        caption=visible(table.caption),
    )


def _table(table: TextTable) -> str:
    table = _visible(table)
    widths: list[int] = []
    headers: list[list[str]] = []
    for index, heading in enumerate(table.header):
        content = max((_width(row[index]) for row in table.rows), default=0)
        lines = textwrap.wrap(heading, max(content, _MIN_COLUMN, _longest_word(heading))) or [""]
        headers.append(lines)
        widths.append(max(content, *(_width(line) for line in lines)))
    depth = max(len(lines) for lines in headers)
    header_lines = [
        _GAP.join(
            _pad(lines[line] if line < len(lines) else "", width, right=numeric)
            for lines, width, numeric in zip(headers, widths, table.numeric, strict=True)
        ).rstrip()
        for line in range(depth)
    ]
    rule = _GAP.join("-" * width for width in widths)
    body = [
        _GAP.join(
            _pad(cell, width, right=numeric)
            for cell, width, numeric in zip(row, widths, table.numeric, strict=True)
        ).rstrip()
        for row in table.rows
    ]
    return "\n".join([*header_lines, rule, *body])


@attrs.frozen
class TextRenderer(BlockRenderer):
    """Renders a report as plain text, wrapped to ``width`` columns.

    ``renderer(report)`` renders a report, ``renderer.table(table)`` one of its tables,
    and ``renderer.comparison(comparison)`` two reports side by side.

    Example:
        >>> from transparency_core import build_report, reference_ledger
        >>> from transparency_core import reference_period
        >>> report = build_report(reference_ledger(), reference_period())
        >>> TextRenderer()(report).splitlines()[0]
        'Transparency Report'
    """

    width: int = 88
    """The width paragraphs are wrapped to."""

    def _table(self, table: TextTable) -> str:
        return _table(table)

    def _block(self, block: Block) -> str:
        match block:
            case Heading(text=text, level=level):
                text = visible(text)
                return f"{text}\n{('=' if level == 1 else '-') * _width(text)}"
            case Paragraph(text=text):
                return textwrap.fill(visible(text), self.width, break_on_hyphens=False)
            case TextTable():
                return _table(block)
            case Definitions(items=items):
                return "\n".join(
                    textwrap.fill(
                        visible(f"{term}: {meaning}"),
                        self.width,
                        subsequent_indent="    ",
                        break_on_hyphens=False,
                    )
                    for term, meaning in items
                )
