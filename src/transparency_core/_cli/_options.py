"""The command line's options: its parser, and what the options make (the renderer).

Every option is checked before anything is counted; a bad one is a
:class:`BadInputError` whose message names the option, what it expects and what came.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from transparency_core._calendar import Every
from transparency_core._cli._filecount import default_jobs
from transparency_core._edge import MAX_PROBLEMS
from transparency_core._render import ENTRY_POINT_GROUP, Renderers, default_renderers
from transparency_core._subjects import SubjectCounting
from transparency_core.exceptions import BrokenRendererWarning

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


__all__ = [
    "BadInputError",
    "load_renderers",
    "parser",
    "say",
    "shown",
]

_MAX_SHOWN = 80


class BadInputError(Exception):
    """Input the command cannot use; the message says why."""


def say(message: str) -> None:
    """Write ``message`` to stderr after the command's name, if it can be written at all."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        sys.stderr.write(f"transparency-core: {message}\n")
        sys.stderr.flush()


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
    series = _series_command(commands)
    _add_output_options(reference, renderers, default="text")
    _add_output_options(render, renderers, default=None)
    writes_series = [name for name in renderers if hasattr(renderers.factory(name), "series")]
    _add_output_options(series, renderers, default=None, listed=writes_series)
    _add_other_commands(commands)
    _verify_command(commands)
    return parser


def _series_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The ``series`` command: a ledger file counted for every period of a calendar."""
    series = commands.add_parser(
        "series", help="print every table of a ledger file as a series, a column per period"
    )
    _add_ledger_options(series, period=False)
    _output_option(series)
    _count_options(series)
    series.add_argument(
        "--every",
        choices=[every.value for every in Every],
        help="how long each period is (default: the definition's, or half-year): 2020, "
        "2020-H1, 2020-Q3",
    )
    series.add_argument(
        "--from",
        dest="start",
        metavar="YYYY-MM-DD",
        help="a day of the first period (default: the first request's); earlier requests "
        "are left out, in the first period's report",
    )
    series.add_argument(
        "--to",
        dest="end",
        metavar="YYYY-MM-DD",
        help="a day of the last period (default: the last request's); later requests are "
        "left out, in the last period's report",
    )
    return series


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
    _add_ledger_options(verify, period=False)
    verify.add_argument(
        "--max-problems",
        type=_positive,
        default=MAX_PROBLEMS,
        metavar="N",
        help="how many problems of a bad ledger, or values that differ, to list; the rest "
        "are counted (default: 100)",
    )


def _render_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """The ``render`` command and its options: the ledger file, and how to count it."""
    render = commands.add_parser(
        "render", help="print the report of a ledger file, or write it to files"
    )
    _add_ledger_options(render)
    _output_option(render)
    render.add_argument(
        "--released",
        metavar="DATE",
        help="the release date, YYYY-MM-DD or YYYY-MM (its last day), for the title",
    )
    _count_options(render)
    return render


def _output_option(command: argparse.ArgumentParser) -> None:
    """``-o``: where the outputs are written."""
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE|DIR",
        help=(
            "write the report to FILE; to DIR/report.EXT for each format (a directory, a "
            "path ending in /, or several formats); by default the definition's outputs, "
            "or standard output"
        ),
    )


def _count_options(command: argparse.ArgumentParser) -> None:
    """The options of every command that counts a ledger into reports: how to count it."""
    command.add_argument("--company", help="the company's name, for the title")
    command.add_argument(
        "--totals",
        action="store_true",
        default=None,
        help="end each table with a total row, all countries (withheld where a figure it "
        "sums is withheld)",
    )
    command.add_argument(
        "--jobs",
        type=_positive,
        default=default_jobs(),
        metavar="N",
        help=(
            "how many processes count the ledger (default: one per core, here %(default)s; "
            "never more than that, nor than the ledger has parts)"
        ),
    )
    command.add_argument(
        "--max-problems",
        type=_positive,
        default=MAX_PROBLEMS,
        metavar="N",
        help=(
            "how many problems of a bad ledger, or findings of a good one, to list; the rest "
            "are counted (default: 100)"
        ),
    )
    command.add_argument(
        "--subjects",
        choices=[policy.value for policy in SubjectCounting],
        help=(
            "what the devices and accounts columns count in each request: its distinct "
            "devices or accounts (the seed's rule, the default) or every identifier it "
            "names (as Apple counts devices specified); by default the definition's"
        ),
    )
    command.add_argument(
        "--response-times",
        action="store_true",
        default=None,
        help=(
            "add the median times to acknowledge and to respond (hours, days, of how many "
            "requests) as columns of the category tables, in every format; by default the "
            "definition's response_times (the response-times format counts them anyway)"
        ),
    )
    command.add_argument(
        "--actions-in-totals",
        action="store_true",
        default=None,
        help=(
            "count requests for an action (preservation, restriction, deletion) in the "
            "totals too, as TikTok does; by default the definition's, or only in their own "
            "table, as Google does"
        ),
    )


def _add_ledger_options(command: argparse.ArgumentParser, *, period: bool = True) -> None:
    """The options of every command that reads a ledger: the file, the definition, the period."""
    command.add_argument(
        "ledger",
        type=Path,
        nargs="?",
        metavar="LEDGER",
        help=(
            "a JSON list of ledger records, JSON Lines (one record a line), or a .csv or .xlsx "
            "sheet; - for stdin (JSON); by default the definition's ledger"
        ),
    )
    command.add_argument(
        "--config",
        type=Path,
        metavar="REPORT.toml",
        help="the report definition: what is counted, how it is published, the outputs",
    )
    if not period:
        return
    command.add_argument(
        "--period",
        metavar="PERIOD",
        help=(
            "the reporting period: 2020, 2020-H1, 2020-Q3 or 2020-01-01/2020-12-31; by "
            "default the definition's, or the calendar year of the records when they all "
            "fall in one"
        ),
    )


def _add_other_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``init``, ``check`` and ``schema``: commands that print or write no report."""
    init = commands.add_parser(
        "init", help="write a commented report.toml and a template requests.csv to start from"
    )
    init.add_argument(
        "directory",
        type=Path,
        nargs="?",
        default=Path(),
        metavar="DIR",
        help="where to write them (default: the current directory)",
    )
    init.add_argument("--force", action="store_true", help="replace files that exist")
    check = commands.add_parser(
        "check", help="read a ledger and say its problems and findings, without a report"
    )
    _add_ledger_options(check)
    check.add_argument(
        "--max-problems",
        type=_positive,
        default=MAX_PROBLEMS,
        metavar="N",
        help="how many problems or findings to list; the rest are counted (default: 100)",
    )
    schema = commands.add_parser("schema", help="print the JSON Schema of a ledger record")
    schema.add_argument(
        "--config",
        type=Path,
        metavar="REPORT.toml",
        help="the report definition, for its own categories and legal process types",
    )


def _format_list(renderers: Renderers) -> Callable[[str], str]:
    """An argparse type: a format, or several separated by commas, each registered."""

    def check(text: str) -> str:
        unknown = [name for name in text.split(",") if name.strip() not in renderers]
        if unknown:
            choices = ", ".join(sorted(renderers))
            msg = (
                f"invalid choice: {shown(unknown[0])} (choose from {choices}, or several "
                "separated by commas)"
            )
            raise argparse.ArgumentTypeError(msg)
        return text

    return check


def _add_output_options(
    command: argparse.ArgumentParser,
    renderers: Renderers,
    default: str | None,
    listed: Iterable[str] | None = None,
) -> None:
    """The options of every command that prints a report: its format, locale, names.

    ``listed`` are the formats the help names, when the command writes only some.
    """
    names = ", ".join(sorted(renderers if listed is None else listed))
    command.add_argument(
        "--format",
        type=_format_list(renderers),
        default=default,
        metavar="FORMAT[,FORMAT...]",
        help=(
            f"the output format, or several separated by commas: {names} "
            "(default: the definition's outputs, or text)"
        ),
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
