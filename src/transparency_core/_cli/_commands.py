"""The commands that print or write no report: ``init``, ``check`` and ``schema``.

Each takes the parsed line and returns what to write, as ``render`` does: a list of
(file, text) pairs, a file of ``None`` being standard output. A new command is a
function here and a line in :data:`COMMANDS` (and its parser in ``_options``).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import TYPE_CHECKING, Protocol

from transparency_core._cli._filecount import NoPeriodError, default_jobs
from transparency_core._cli._options import BadInputError
from transparency_core._cli._settings import settings
from transparency_core._edge import ledger_record_schema
from transparency_core._render import visible

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from datetime import date
    from pathlib import Path

    from transparency_core._cli._counting import Counting
    from transparency_core._entries import Finding
    from transparency_core._period import ReportingPeriod
    from transparency_core._report import Report
    from transparency_core._subtotals import Subtotals

__all__ = ["TEMPLATES", "Count", "Outputs", "check", "finding_line", "init", "schema"]

Outputs = list[tuple["Path | None", str]]
"""What a command writes: (file, text) pairs; a file of ``None`` is standard output."""
TEMPLATES = ("report.toml", "requests.csv")
"""What ``init`` writes: a commented definition, and a ledger it renders as it is."""


class Count(Protocol):
    """How a command counts a ledger file: the command line's counter (``_main``)."""

    def __call__(  # noqa: PLR0913 -- as count_file, by keyword
        self,
        path: Path,
        period: ReportingPeriod | None,
        *,
        provenance: bool,
        jobs: int,
        max_problems: int = ...,
        counting: Counting = ...,
        released: date | None = ...,
    ) -> tuple[Subtotals, str | None]:
        """Count the ledger at ``path``; the digest of its canonical ledger, if asked."""


def init(arguments: argparse.Namespace) -> Outputs:
    """``init [DIR]``: the templates, refusing to replace a file unless ``--force``."""
    directory: Path = arguments.directory
    targets = [directory / name for name in TEMPLATES]
    there = [str(target) for target in targets if target.exists()]
    if there and not arguments.force:
        msg = f"{', '.join(map(visible, there))}: already there; --force replaces them"
        raise BadInputError(msg)
    templates = files("transparency_core._cli") / "templates"
    return [
        (target, (templates / name).read_text(encoding="utf-8"))
        for target, name in zip(targets, TEMPLATES, strict=True)
    ]


def schema(arguments: argparse.Namespace) -> Outputs:
    """``schema``: the JSON Schema of a ledger record, for the definition's categories."""
    definition = settings(arguments).definition
    found = ledger_record_schema(definition.registry, definition.legal_processes)
    return [(None, json.dumps(found, indent=2, ensure_ascii=False) + "\n")]


def finding_line(finding: Finding) -> str:
    r"""A finding on one line of a terminal: its id, its field and what was found.

    The id is quoted, as Python writes a text, when white space around it would not
    show, when it is empty or when it starts with a quote, so that ``'IN-1 '`` does not
    read as ``IN-1`` (and a no-break space shows as ``\xa0``); control characters are
    made visible.

    Example:
        >>> from transparency_core import Finding
        >>> finding_line(Finding("IN-1 ", "id", "may be taken for 'IN-1'"))
        "'IN-1 ' (id): may be taken for 'IN-1'"
        >>> finding_line(Finding("IN-1", "amends", "amends 'IN-0'"))
        "IN-1 (amends): amends 'IN-0'"
    """
    text = finding.id
    quoted = not text or text.strip() != text or text[0] in "'\""
    shown = visible(repr(text) if quoted else text)
    return f"{shown} ({finding.field}): {visible(finding.message)}"


def _lines(report: Report, most: int) -> list[str]:
    """What a report says of its ledger: the requests counted and left out, the findings."""
    summary, left_out = report.summary, len(report.left_out())
    counted = (
        f"{report.period}: {summary.counted:,} requests counted, {left_out:,} left out "
        "(received outside the period, or of a category the report has no table for)"
    )
    lines = [counted]
    findings = report.findings
    lines.append(f"{len(findings):,} finding{'' if len(findings) == 1 else 's'}")
    lines.extend(f"  {finding_line(finding)}" for finding in findings[:most])
    if len(findings) > most:
        lines.append(f"  ... and {len(findings) - most:,} more")
    return lines


def check(arguments: argparse.Namespace, count: Count) -> Outputs:
    """``check LEDGER``: its problems (exit 2, on stderr), or what a report would say of it.

    Identifier values in findings are masked, as everywhere.
    """
    chosen = settings(arguments)
    ledger = chosen.ledger(arguments)
    name = visible("stdin" if str(ledger) == "-" else str(ledger))
    definition = chosen.definition
    try:
        subtotals, _ = count(
            ledger,
            definition.period,
            provenance=False,
            jobs=default_jobs(),
            max_problems=arguments.max_problems,
            counting=chosen.counting,
            released=definition.released,
        )
    except NoPeriodError as error:
        years = ", ".join(str(year) for year in sorted(error.years)[:5])
        text = (
            f"{name}: {error.records:,} records, no problems; they span several years "
            f"({years}): give --period for what a report of them would count\n"
        )
        return [(None, text)]
    report = subtotals.report(rounding=definition.rounding, disclosure=definition.disclosure)
    summary = report.summary
    head = f"{name}: {summary.records:,} records, {summary.requests:,} requests, no problems"
    return [(None, "\n".join([head, *_lines(report, arguments.max_problems)]) + "\n")]


def commands(count: Count) -> dict[str, Callable[[argparse.Namespace], Outputs]]:
    """The commands by name, ``check`` counting with ``count``."""
    return {
        "init": init,
        "check": lambda arguments: check(arguments, count),
        "schema": schema,
    }
