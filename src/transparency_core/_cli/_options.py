"""The command line's options: its parser, and what the options make (the renderer).

Every option is checked before anything is counted; a bad one is a
:class:`BadInputError` whose message names the option, what it expects and what came.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError

from transparency_core._cli._filecount import default_jobs
from transparency_core._edge import MAX_PROBLEMS, text
from transparency_core._render import ENTRY_POINT_GROUP, Renderers, default_renderers
from transparency_core.exceptions import BrokenRendererWarning, FieldError

if TYPE_CHECKING:
    from transparency_core.typing import Renderer

__all__ = [
    "BadInputError",
    "check_text",
    "load_renderers",
    "make_renderer",
    "parser",
    "shown",
]

_FLAGS = {"locale": "--locale", "countries": "--country"}
_MAX_SHOWN = 80


class BadInputError(Exception):
    """Input the command cannot use; the message says why."""


def shown(value: object) -> str:
    """A short ``repr`` of what came, so that a huge option cannot flood a message."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else f"{text[: _MAX_SHOWN - 3]}..."


def load_renderers() -> Renderers:
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


_HUGE = 10**9
"""What any longer whole number counts as: more than anything here is capped to."""


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a huge one is ``_HUGE``)."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or int(digits[:10]) < 1:
        msg = f"expected a whole number of at least 1, got {shown(text)}"
        raise argparse.ArgumentTypeError(msg)
    return min(int(digits[:10]), _HUGE) if len(digits) <= len(str(_HUGE)) else _HUGE


def parser(renderers: Renderers) -> argparse.ArgumentParser:
    """The command line's parser, with a ``--format`` for each of ``renderers``."""
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
    render = _render_command(commands)
    for command in (reference, render):
        _add_output_options(command, renderers)
    _verify_command(commands)
    return parser


def _verify_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``verify`` command: a published JSON report, and the ledger to recount it from."""
    verify = commands.add_parser(
        "verify",
        help="recount a published JSON report from its ledger and say whether every figure matches",
        description=(
            "Recount REPORT.json (written by render --format json) from LEDGER by the "
            "settings the report names, and say whether the ledger, the settings and every "
            "published value match. Exit status: 0 all match, 1 something differs (listed), "
            "2 a file cannot be read."
        ),
    )
    verify.add_argument("report", type=Path, metavar="REPORT.json", help="the published report")
    verify.add_argument(
        "ledger",
        type=Path,
        metavar="LEDGER",
        help="a JSON list of ledger records, or JSON Lines; - for stdin",
    )


def _render_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The ``render`` command and its options: the ledger file, and how to count it."""
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
        help=(
            "how many processes count the ledger (default: one per core, here %(default)s; "
            "never more than that, nor than the ledger has parts)"
        ),
    )
    render.add_argument(
        "--max-problems",
        type=_positive,
        default=MAX_PROBLEMS,
        metavar="N",
        help=(
            "how many problems of a bad ledger, or findings of a good one, to list; the rest "
            "are counted (default: 100)"
        ),
    )
    return render


def _add_output_options(command: argparse.ArgumentParser, renderers: Renderers) -> None:
    """The options of every command that prints a report: its format, locale, names."""
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


def make_renderer(arguments: argparse.Namespace, renderers: Renderers) -> Renderer:
    """The renderer of ``--format``, with ``--locale`` and ``--country`` when given."""
    options: dict[str, object] = {}
    if arguments.locale:
        try:
            Locale.parse(arguments.locale)
        except (ValueError, UnknownLocaleError):
            msg = f"--locale: expected a locale such as de_DE, got {arguments.locale!r}"
            raise BadInputError(msg) from None
        options["locale"] = arguments.locale
    if arguments.country:
        pairs = [override.partition("=") for override in arguments.country]
        if any(not code or not equals or not name for code, equals, name in pairs):
            msg = f"--country: expected CODE=NAME, such as HK=Hong Kong, got {arguments.country!r}"
            raise BadInputError(msg)
        options["countries"] = {code: name for code, _, name in pairs}
    try:
        return renderers.create(arguments.format, **options)
    except TypeError:
        given = " and ".join(_FLAGS[option] for option in options)
        msg = f"--format {arguments.format} takes no {given}"
        raise BadInputError(msg) from None


def _unicode(value: str) -> bool:
    """Whether an option is text: valid Unicode, as a ledger's text must be."""
    try:
        text(value)
    except FieldError:
        return False
    return True


def check_text(arguments: argparse.Namespace) -> None:
    """Refuse an option that is not valid Unicode (bytes of argv that are not UTF-8)."""
    options = [
        ("--company", getattr(arguments, "company", None)),
        ("--period", getattr(arguments, "period", None)),
        ("--locale", arguments.locale),
        *(("--country", country) for country in arguments.country),
    ]
    for flag, value in options:
        if value is not None and not _unicode(value):
            msg = (
                f"{flag}: expected text (valid Unicode: the command line's bytes are not "
                f"UTF-8), got {shown(value)}"
            )
            raise BadInputError(msg)
