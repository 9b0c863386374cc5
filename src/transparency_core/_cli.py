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
from contextlib import nullcontext
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from babel import Locale, UnknownLocaleError

from transparency_core._convert import tally_ledger
from transparency_core._jsonstream import iter_json_records
from transparency_core._period import ReportingPeriod
from transparency_core._reference import reference_records, reference_report
from transparency_core._renderers import ENTRY_POINT_GROUP, Renderers, default_renderers
from transparency_core._rules import build_report
from transparency_core.exceptions import FieldError, InvalidLedgerError, JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from transparency_core._tally import Tally
    from transparency_core.typing import Renderer

__all__ = ["main"]

_CHUNK = 1 << 16
_FLAGS = {"locale": "--locale", "countries": "--country"}
EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _BadInputError(Exception):
    """Input the command cannot use; the message says why."""


def _renderers() -> Renderers:
    """The built-in renderers, and those installed packages offer as entry points."""
    renderers = default_renderers()
    renderers.load(entry_points(group=ENTRY_POINT_GROUP))
    return renderers


def _parser(renderers: Renderers) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transparency-core",
        description=(
            "Count government requests for customer data into a transparency report. "
            "With no command, print the reference 2020 report."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.set_defaults(command="reference", format="text", records=False, locale=None, country=[])
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
        "ledger",
        type=Path,
        metavar="LEDGER.json",
        help="a JSON list of ledger records, or JSON Lines (one record a line); - for stdin",
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
            choices=sorted(renderers),
            default="text",
            help="the output format (default: text)",
        )
        command.add_argument(
            "--locale",
            help="the locale of numbers, dates and country names, such as de_DE (default: en)",
        )
        command.add_argument(
            "--country",
            action="append",
            default=[],
            metavar="CODE=NAME",
            help="a country name to use instead of CLDR's, such as HK='Hong Kong' (repeatable)",
        )
    return parser


def _chunks(stream: TextIO) -> Iterator[str]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _tally(path: Path) -> Tally:
    """Read, check and tally the ledger at ``path`` (``-``: stdin), one record at a time."""
    name = "stdin" if str(path) == "-" else str(path)
    try:
        with nullcontext(sys.stdin) if name == "stdin" else path.open(encoding="utf-8") as stream:
            return tally_ledger(iter_json_records(_chunks(stream)))
    except OSError as error:
        msg = f"cannot read {name}: {error.strerror or error}"
        raise _BadInputError(msg) from None
    except UnicodeDecodeError as error:
        msg = f"{name} is not UTF-8 text: {error.reason} at byte {error.start}"
        raise _BadInputError(msg) from None
    except JsonLedgerError as error:
        msg = f"{name} is not a JSON array of ledger records, nor JSON Lines: {error}"
        raise _BadInputError(msg) from None


def _default_period(tally: Tally) -> ReportingPeriod:
    years = {request.received.year for request in tally.requests.values()}
    if len(years) == 1:
        return ReportingPeriod.calendar_year(years.pop())
    msg = "the records span several years (or none): say which period with --period START/END"
    raise _BadInputError(msg)


def _renderer(arguments: argparse.Namespace, renderers: Renderers) -> Renderer:
    """The renderer of ``--format``, with ``--locale`` and ``--country`` when given."""
    options: dict[str, object] = {}
    if arguments.locale:
        try:
            Locale.parse(arguments.locale)
        except (ValueError, UnknownLocaleError):
            msg = f"--locale: expected a locale such as de_DE, got {arguments.locale!r}"
            raise _BadInputError(msg) from None
        options["locale"] = arguments.locale
    if arguments.country:
        pairs = [override.partition("=") for override in arguments.country]
        if any(not code or not equals or not name for code, equals, name in pairs):
            msg = f"--country: expected CODE=NAME, such as HK=Hong Kong, got {arguments.country!r}"
            raise _BadInputError(msg)
        options["countries"] = {code: name for code, _, name in pairs}
    try:
        return renderers.create(arguments.format, **options)
    except TypeError:
        given = " and ".join(_FLAGS[option] for option in options)
        msg = f"--format {arguments.format} takes no {given}"
        raise _BadInputError(msg) from None


def _render(arguments: argparse.Namespace, renderers: Renderers) -> str:
    renderer = _renderer(arguments, renderers)
    if arguments.command == "reference":
        if arguments.records:
            return json.dumps(reference_records(), indent=2, ensure_ascii=False) + "\n"
        return renderer(reference_report())
    try:
        period = ReportingPeriod.parse(arguments.period) if arguments.period else None
    except FieldError as error:
        msg = f"--period: expected {error.expected}, got {arguments.period!r}"
        raise _BadInputError(msg) from None
    tally = _tally(arguments.ledger)
    period = period or _default_period(tally)
    return renderer(build_report(tally, period, company=arguments.company))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (by default ``sys.argv[1:]``); return the exit code."""
    renderers = _renderers()
    arguments = _parser(renderers).parse_args(argv)
    try:
        output = _render(arguments, renderers)
    except InvalidLedgerError as error:
        sys.stderr.write(f"transparency-core: {error.describe()}\n")
        return EXIT_BAD_INPUT
    except _BadInputError as error:
        sys.stderr.write(f"transparency-core: {error}\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return EXIT_OK
