"""The Markdown renderer: the report as GitHub-flavoured Markdown with pipe tables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._compare import Comparison

from transparency_core._document import (
    Block,
    Definitions,
    Heading,
    Paragraph,
    TextTable,
    comparison_document,
    document,
    text_table,
)
from transparency_core._format import Formatter
from transparency_core._report import Report, Table  # noqa: TC001 -- attrs, at runtime

__all__ = ["MarkdownRenderer"]

# Characters that Markdown would read as markup, or as raw HTML ("<"), are escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    r"""Escape ``text`` so Markdown shows it as written.

    Example:
        >>> escape("a|b <script>")
        'a\\|b \\<script\\>'
    """
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _table(table: TextTable) -> str:
    header = "| " + " | ".join(escape(cell) for cell in table.header) + " |"
    align = "| " + " | ".join("---:" if numeric else ":---" for numeric in table.numeric) + " |"
    rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join([header, align, *rows])


@attrs.frozen
class MarkdownRenderer:
    """Renders a report as Markdown: headings, pipe tables and definition lists.

    Example:
        >>> from transparency_core import build_report, reference_ledger
        >>> from transparency_core import reference_period
        >>> report = build_report(reference_ledger(), reference_period())
        >>> print(MarkdownRenderer()(report).splitlines()[0])
        # Transparency Report
    """

    locale: str = "en"
    """The locale of numbers, percentages, country names and dates."""

    def __call__(self, report: Report) -> str:
        """Return ``report`` as Markdown."""
        return self._render(document(report, Formatter(self.locale)))

    def table(self, table: Table) -> str:
        """Return one table of a report alone: its header and rows, no title."""
        return _table(text_table(table, Formatter(self.locale)))

    def comparison(self, comparison: Comparison) -> str:
        """Return two reports side by side, with the change of every figure."""
        return self._render(comparison_document(comparison, Formatter(self.locale)))

    def _render(self, blocks: Iterable[Block]) -> str:
        return "\n\n".join(self._block(block) for block in blocks) + "\n"

    @staticmethod
    def _block(block: Block) -> str:
        match block:
            case Heading(text=text, level=level):
                return f"{'#' * level} {escape(text)}"
            case Paragraph(text=text):
                return escape(text)
            case TextTable():
                return _table(block)
            case Definitions(items=items):
                return "\n".join(
                    f"- **{escape(term)}**: {escape(meaning)}" for term, meaning in items
                )
