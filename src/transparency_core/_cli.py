"""The command line: the one place that reads files and writes to stdout and stderr.

``transparency-core`` (or ``python -m transparency_core``) with no arguments prints the
reference 2020 report. ``transparency-core render LEDGER.json`` prints the report of a
JSON file holding a list of ledger records.

Exit codes: 0 done; 2 bad input (usage, an unreadable file, bad records), with every
problem on stderr and no report on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transparency_core._convert import structure_ledger
from transparency_core._explain import ExplainRenderer
from transparency_core._markdown import MarkdownRenderer
from transparency_core._period import ReportingPeriod
from transparency_core._reference import reference_records, reference_report
from transparency_core._rules import build_report
from transparency_core._text import TextRenderer
from transparency_core.exceptions import FieldError, InvalidLedgerError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transparency_core.typing import Renderer

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2

RENDERERS: dict[str, type[TextRenderer | MarkdownRenderer | ExplainRenderer]] = {
    "explain": ExplainRenderer,
    "markdown": MarkdownRenderer,
    "text": TextRenderer,
}


class _BadInputError(Exception):
    """Input the command cannot use; the message says why."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transparency-core",
        description=(
            "Count government requests for customer data into a transparency report. "
            "With no command, print the reference 2020 report."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.set_defaults(command="reference", format="text", records=False)
    reference = commands.add_parser(
        "reference", help="print the reference 2020 report (the default command)"
    )
    reference.add_argument(
        "--records",
        action="store_true",
        help="print the reference ledger's records as JSON instead of the report",
    )
    render = commands.add_parser("render", help="print the report of a ledger file")
    render.add_argument(
        "ledger", type=Path, metavar="LEDGER.json", help="a JSON list of ledger records"
    )
    render.add_argument(
        "--period",
        metavar="START/END",
        help=(
            "the reporting period as two ISO dates, 2020-01-01/2020-12-31; by default the "
            "calendar year of the records, when they all fall in one"
        ),
    )
    render.add_argument("--company", help="the company's name, for the title")
    for command in (reference, render):
        command.add_argument(
            "--format",
            choices=sorted(RENDERERS),
            default="text",
            help="the output format (default: text)",
        )
    return parser


def _read_ledger(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        msg = f"cannot read {path}: {error.strerror or error}"
        raise _BadInputError(msg) from None
    except UnicodeDecodeError as error:
        msg = f"{path} is not UTF-8 text: {error.reason} at byte {error.start}"
        raise _BadInputError(msg) from None
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        msg = f"{path} is not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise _BadInputError(msg) from None
    if not isinstance(records, list):
        msg = f"{path}: expected a JSON list of ledger records, got a JSON {type(records).__name__}"
        raise _BadInputError(msg)
    return records


def _default_period(records: Sequence[Any]) -> ReportingPeriod:
    years = {
        record["received"][:4]
        for record in records
        if isinstance(record, dict) and isinstance(record.get("received"), str)
    }
    if len(years) == 1 and (year := years.pop()).isdigit():
        return ReportingPeriod.calendar_year(int(year))
    msg = "the records span several years (or none): say which period with --period START/END"
    raise _BadInputError(msg)


def _render(arguments: argparse.Namespace) -> str:
    renderer: Renderer = RENDERERS[arguments.format]()
    if arguments.command == "reference":
        if arguments.records:
            return json.dumps(reference_records(), indent=2, ensure_ascii=False) + "\n"
        return renderer(reference_report())
    records = _read_ledger(arguments.ledger)
    try:
        period = (
            ReportingPeriod.parse(arguments.period)
            if arguments.period
            else _default_period(records)
        )
    except FieldError as error:
        msg = f"--period: expected {error.expected}, got {arguments.period!r}"
        raise _BadInputError(msg) from None
    requests = structure_ledger(records)
    return renderer(build_report(requests, period, company=arguments.company))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (by default ``sys.argv[1:]``); return the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        output = _render(arguments)
    except InvalidLedgerError as error:
        sys.stderr.write(f"transparency-core: {error.describe()}\n")
        return EXIT_BAD_INPUT
    except _BadInputError as error:
        sys.stderr.write(f"transparency-core: {error}\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return EXIT_OK
