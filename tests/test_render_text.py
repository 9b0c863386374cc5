"""The plain text renderer: aligned tables, wide characters, wrapped paragraphs."""

from __future__ import annotations

from transparency_core import TextRenderer, reference_report
from transparency_core._render._text import _width


class TestText:
    """Tables a terminal lines up, in any script."""

    def test_wide_characters_take_two_columns(self) -> None:
        """Chinese country names line up in text tables."""
        assert _width("中国") == 4
        assert _width("China") == 5

    def test_text_tables_align_numbers_right(self) -> None:
        """The last characters of a numeric column line up."""
        lines = TextRenderer()(reference_report()).splitlines()
        china = next(line for line in lines if line.startswith("China "))
        india = next(line for line in lines if line.startswith("India "))

        assert china.index("100%") + len("100%") == india.index("79%") + len("79%")

    def test_paragraphs_are_wrapped_to_the_width(self) -> None:
        """No line of running text is wider than ``width``; table rows may be."""
        text = TextRenderer(width=40)(reference_report())
        about = text.split("About these figures\n-------------------\n\n")[1]

        assert max(len(line) for line in about.splitlines()) <= 40
        assert len(about.splitlines()) > 1
