"""Regenerate the golden files of the renderers from the reference report.

Run ``uv run python scripts/regenerate_golden.py`` after a deliberate change to a
renderer, then review ``git diff tests/golden``: the diff is the change users will see.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from transparency_core import (
    SHIPPED_BREAKDOWNS,
    CsvRenderer,
    ExplainRenderer,
    HtmlRenderer,
    JsonRenderer,
    MarkdownRenderer,
    SvgRenderer,
    TextRenderer,
    build_report,
    ledger_digest,
    reference_ledger,
    reference_period,
    reference_report,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from transparency_core import Report
    from transparency_core.typing import Renderer

GOLDEN = Path(__file__).parent.parent / "tests" / "golden"
RENDERERS: dict[str, Renderer] = {
    "reference-2020.en.txt": TextRenderer(),
    "reference-2020.en.md": MarkdownRenderer(),
    "reference-2020.en.html": HtmlRenderer(),
    "reference-2020.en.fragment.html": HtmlRenderer(fragment=True),
    "reference-2020.en.csv": CsvRenderer(),
    "reference-2020.json": JsonRenderer(provenance=True, version=1),
    "sealed-2020.v2.json": JsonRenderer(provenance=True),
    "reference-2020.de_DE.v2.json": JsonRenderer(locale="de_DE"),
    "breakdowns-2020.fr.v2.json": JsonRenderer(locale="fr"),
    "reference-2020.en.explain.txt": ExplainRenderer(),
    "reference-2020.en.svg": SvgRenderer(),
    "reference-2020.zh_Hans_CN.txt": TextRenderer(locale="zh_Hans_CN"),
    "reference-2020.zh_Hans_CN.html": HtmlRenderer(locale="zh_Hans_CN"),
    "reference-2020.zh_Hans_CN.fragment.html": HtmlRenderer(locale="zh_Hans_CN", fragment=True),
    "reference-2020.de_DE.txt": TextRenderer(locale="de_DE"),
    "reference-2020.de_DE.html": HtmlRenderer(locale="de_DE"),
    "reference-2020.de_DE.fragment.html": HtmlRenderer(locale="de_DE", fragment=True),
    "reference-2020.ar.html": HtmlRenderer(locale="ar"),
    "reference-2020.ar.fragment.html": HtmlRenderer(locale="ar", fragment=True),
    "breakdowns-2020.en.txt": TextRenderer(),
    "breakdowns-2020.fr.md": MarkdownRenderer(locale="fr"),
}
"""Every golden file, and the renderer that makes it from its report (:data:`REPORTS`)."""


def breakdowns_report() -> Report:
    """The reference report with every shipped breakdown, each with its own shares."""
    return build_report(
        reference_ledger(), reference_period(), breakdowns=SHIPPED_BREAKDOWNS, company="Xiaomi"
    )


def sealed_report() -> Report:
    """The reference report, carrying the digest of its ledger, as a published one does."""
    ledger = reference_ledger()
    return build_report(
        ledger, reference_period(), company="Xiaomi", ledger_digest=ledger_digest(ledger)
    )


REPORTS: dict[str, Callable[[], Report]] = {
    "reference-2020": reference_report,
    "breakdowns-2020": breakdowns_report,
    "sealed-2020": sealed_report,
}
"""The reports of the golden files, by the start of the files' names."""


def report_of(name: str) -> Report:
    """The report that the golden file ``name`` renders."""
    return REPORTS[name.partition(".")[0]]()


def main() -> None:
    """Write every golden file."""
    GOLDEN.mkdir(exist_ok=True)
    for name, renderer in RENDERERS.items():
        (GOLDEN / name).write_text(renderer(report_of(name)), encoding="utf-8", newline="")
        print(f"wrote {GOLDEN / name}")


if __name__ == "__main__":
    main()
