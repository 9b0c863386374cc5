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
import tempfile
import warnings
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError

from transparency_core._cli_parts import (
    LedgerFile,
    NoPeriodError,
    NotUtf8Error,
    count_file,
    default_jobs,
    spool,
)
from transparency_core._period import ReportingPeriod
from transparency_core._reference import reference_records, reference_report
from transparency_core._renderers import ENTRY_POINT_GROUP, Renderers, default_renderers
from transparency_core.exceptions import (
    BrokenRendererWarning,
    FieldError,
    InvalidLedgerError,
    JsonLedgerError,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transparency_core._rules import Subtotals
    from transparency_core.typing import Renderer

__all__ = ["main"]

_SHOW_NO_IDS = frozenset({"csv", "html", "json", "markdown", "svg", "text"})
"""The built-in formats that show no request ids."""
_FLAGS = {"locale": "--locale", "countries": "--country"}
EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _BadInputError(Exception):
    """Input the command cannot use; the message says why."""


def _renderers() -> Renderers:
    """The built-in renderers, and those installed packages offer as entry points.

    A broken entry point is named on stderr; the other renderers still work.
    """
    renderers = default_renderers()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", BrokenRendererWarning)
        renderers.load(entry_points(group=ENTRY_POINT_GROUP))
    for warning in caught:
        if issubclass(warning.category, BrokenRendererWarning):
            sys.stderr.write(f"transparency-core: warning: {warning.message}\n")
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return renderers


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        msg = f"expected a whole number of at least 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


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
    render.add_argument(
        "--jobs",
        type=_positive,
        default=default_jobs(),
        metavar="N",
        help="how many processes count the ledger (default: one per core, here %(default)s)",
    )
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


def _count(path: Path, period: ReportingPeriod | None, *, provenance: bool, jobs: int) -> Subtotals:
    """Read, check and count the ledger at ``path`` (``-``: stdin), in parts."""
    name = "stdin" if str(path) == "-" else str(path)
    try:
        if name != "stdin":
            with path.open("rb"):
                pass
    except OSError as error:
        msg = f"cannot read {name}: {error.strerror or error}"
        raise _BadInputError(msg) from None
    try:
        with tempfile.TemporaryDirectory(prefix="transparency-core-") as directory:
            parts = Path(directory)
            source = spool(sys.stdin, parts) if name == "stdin" else path
            ledger = LedgerFile(source, source.stat().st_size, parts)
            return count_file(ledger, period=period, provenance=provenance, jobs=jobs)
    except NotUtf8Error as error:
        msg = f"{name} is not UTF-8 text: {error}"
        raise _BadInputError(msg) from None
    except JsonLedgerError as error:
        msg = f"{name} is not a JSON array of ledger records, nor JSON Lines: {error}"
        raise _BadInputError(msg) from None
    except NoPeriodError:
        msg = "the records span several years (or none): say which period with --period START/END"
        raise _BadInputError(msg) from None
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        msg = f"cannot count {name}: {error.strerror or error}{where}"
        raise _BadInputError(msg) from None


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
    # Only the explain view (and renderers of other packages) may show request ids:
    # without them, memory does not grow with the ledger.
    provenance = arguments.format not in _SHOW_NO_IDS
    subtotals = _count(arguments.ledger, period, provenance=provenance, jobs=arguments.jobs)
    return renderer(subtotals.report(company=arguments.company))


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
