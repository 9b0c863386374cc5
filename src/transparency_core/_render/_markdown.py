"""The Markdown renderer: the report as GitHub-flavoured Markdown with pipe tables."""

from __future__ import annotations

import attrs

from transparency_core._render._base import BlockRenderer
from transparency_core._render._document import Block, Definitions, Heading, Paragraph, TextTable
from transparency_core._render._escape import markdown as escape
from transparency_core._render._escape import markdown_paragraph

__all__ = ["MarkdownRenderer"]


def _table(table: TextTable) -> str:
    header = "| " + " | ".join(escape(cell) for cell in table.header) + " |"
    align = "| " + " | ".join("---:" if numeric else ":---" for numeric in table.numeric) + " |"
    rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join([header, align, *rows])


@attrs.frozen
class MarkdownRenderer(BlockRenderer):
    """Renders a report as Markdown: headings, pipe tables and definition lists.

    ``renderer(report)`` renders a report, ``renderer.table(table)`` one of its tables,
    and ``renderer.comparison(comparison)`` two reports side by side.

    Example:
        >>> from transparency_core import build_report, reference_ledger
        >>> from transparency_core import reference_period
        >>> report = build_report(reference_ledger(), reference_period())
        >>> MarkdownRenderer()(report).splitlines()[0]
        '# Transparency Report'
    """

    def _table(self, table: TextTable) -> str:
        return _table(table)

    def _block(self, block: Block) -> str:
        match block:
            case Heading(text=text, level=level):
                return f"{'#' * level} {escape(text)}"
            case Paragraph(text=text):
                return markdown_paragraph(text)
            case TextTable():
                return _table(block)
            case Definitions(items=items):
                return "\n".join(
                    f"- **{escape(term)}**: {escape(meaning)}" for term, meaning in items
                )
