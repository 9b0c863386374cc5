"""The Markdown renderer: pipe tables, escaped text."""

from __future__ import annotations

from transparency_core import MarkdownRenderer, reference_report
from transparency_core._render._escape import markdown as escape


class TestMarkdown:
    """GitHub-flavoured Markdown whose text cannot become markup."""

    def test_markdown_escapes_what_would_be_markup(self) -> None:
        """A pipe cannot break a table and a tag cannot reach the page."""
        assert escape("a|b <script>*x*") == "a\\|b \\<script\\>\\*x\\*"

    def test_pipe_tables_align_the_figures_right(self) -> None:
        """The country column is aligned left, every figure right."""
        lines = MarkdownRenderer().table(reference_report().table("device")).splitlines()

        assert lines[0] == (
            "| Country | Number of Device-based Requests | Number of Devices Requested | "
            "Number of Device-based Requests Where Data Was Provided | Percentage of "
            "Device-based Requests Where Data Was Provided |"
        )
        assert lines[1] == "| :--- | ---: | ---: | ---: | ---: |"
        assert lines[2] == "| China | 3 | 808 | 3 | 100% |"
