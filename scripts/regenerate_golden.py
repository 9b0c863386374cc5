"""Regenerate the golden files of the renderers from the reference report.

Run ``uv run python scripts/regenerate_golden.py`` after a deliberate change to a
renderer, then review ``git diff tests/golden``: the diff is the change users will see.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from transparency_core import (
    CsvRenderer,
    ExplainRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    SvgRenderer,
    TextRenderer,
    reference_report,
)

if TYPE_CHECKING:
    from transparency_core.typing import Renderer

GOLDEN = Path(__file__).parent.parent / "tests" / "golden"
RENDERERS: dict[str, Renderer] = {
    "reference-2020.en.txt": TextRenderer(),
    "reference-2020.en.md": MarkdownRenderer(),
    "reference-2020.en.html": HtmlRenderer(),
    "reference-2020.en.csv": CsvRenderer(),
    "reference-2020.json": JsonRenderer(provenance=True),
    "reference-2020.en.explain.txt": ExplainRenderer(),
    "reference-2020.en.svg": SvgRenderer(),
    "reference-2020.zh_Hans_CN.txt": TextRenderer(locale="zh_Hans_CN"),
    "reference-2020.zh_Hans_CN.html": HtmlRenderer(locale="zh_Hans_CN"),
    "reference-2020.de_DE.txt": TextRenderer(locale="de_DE"),
    "reference-2020.de_DE.html": HtmlRenderer(locale="de_DE"),
}
"""Every golden file, and the renderer that makes it from the reference report."""


def main() -> None:
    """Write every golden file."""
    report = reference_report()
    GOLDEN.mkdir(exist_ok=True)
    for name, renderer in RENDERERS.items():
        (GOLDEN / name).write_text(renderer(report), encoding="utf-8", newline="")
        print(f"wrote {GOLDEN / name}")


if __name__ == "__main__":
    main()
