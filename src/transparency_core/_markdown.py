"""The Markdown renderer: the report as GitHub-flavoured Markdown with pipe tables."""

from __future__ import annotations

import re

import attrs

from transparency_core._document import (
    Definitions,
    Heading,
    Paragraph,
    TextTable,
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
        formatter = Formatter(self.locale)
        parts: list[str] = []
        for block in document(report, formatter):
            match block:
                case Heading(text=text, level=level):
                    parts.append(f"{'#' * level} {escape(text)}")
                case Paragraph(text=text):
                    parts.append(escape(text))
                case TextTable():
                    parts.append(_table(block))
                case Definitions(items=items):
                    parts.append(
                        "\n".join(
                            f"- **{escape(term)}**: {escape(meaning)}" for term, meaning in items
                        )
                    )
        return "\n\n".join(parts) + "\n"

    def table(self, table: Table) -> str:
        """Return one table of a report alone: its header and rows, no title."""
        return _table(text_table(table, Formatter(self.locale)))
