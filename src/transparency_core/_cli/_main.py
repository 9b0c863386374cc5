"""The command line: the one place that reads files and writes to stdout and stderr.

``transparency-core`` (or ``python -m transparency_core``) with no arguments prints the
reference 2020 report. ``transparency-core render LEDGER.json`` prints the report of a
JSON file holding a list of ledger records; ``--config report.toml`` reads a report
definition, ``-o`` writes files. ``init``, ``check`` and ``schema`` are in ``_commands``,
``series`` in ``_seriescmd``; ``transparency-core verify REPORT.json LEDGER.json``
recounts a published JSON report from its ledger (``_audit``).

Exit codes: 0 done; 1 ``verify`` found a difference (listed on stdout); 2 bad input
(usage, an unreadable file, bad records) or a report that cannot be written, with every
problem on stderr and no report on stdout; 70 an internal
error (a bug: please report it); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 141
standard output closed by its reader (``| head``), quietly. Never a traceback: set
``TRANSPARENCY_CORE_TRACEBACK=1`` to see one for an internal error.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

from transparency_core._cli._audit import verify_files
from transparency_core._cli._checked import check_text, refuse_unused
from transparency_core._cli._commands import commands, finding_line
from transparency_core._cli._filecount import NoPeriodError, default_jobs
from transparency_core._cli._files import read_theme, write_atomically
from transparency_core._cli._ledger import count_ledger, no_period
from transparency_core._cli._options import BadInputError, load_renderers, parser, say, shown
from transparency_core._cli._outputs import as_shown, needs_ids, needs_times, plan
from transparency_core._cli._seriescmd import series
from transparency_core._cli._settings import settings
from transparency_core._edge import (
    reference_ledger,
    reference_period,
    reference_records,
    reference_report,
)
from transparency_core._render import visible
from transparency_core._subtotals import build_report
from transparency_core.exceptions import InvalidLedgerError, TransparencyError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator, Sequence
    from pathlib import Path
    from types import FrameType

    from transparency_core._cli._outputs import Planned
    from transparency_core._cli._settings import Settings
    from transparency_core._render import Renderers
    from transparency_core._report import Report

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
"""EX_SOFTWARE: a bug of the command, reported in one line."""
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM


class _TerminatedError(BaseException):
    """SIGTERM came: raised in the main thread, so that every ``finally`` runs."""


def _render(arguments: argparse.Namespace, renderers: Renderers) -> list[tuple[Path | None, str]]:
    """Each output's file (``None``: stdout) and its text."""
    check_text(arguments)
    if arguments.command == "reference" and arguments.records:
        return [(None, json.dumps(reference_records(), indent=2, ensure_ascii=False) + "\n")]
    chosen = settings(arguments)
    theme = read_theme(chosen.definition, chosen.base)
    planned = plan(chosen.definition, arguments, renderers, theme, chosen.base)
    refuse_unused(arguments, [(output.name, renderers.factory(output.name)) for output in planned])
    report = (
        _reference(planned)
        if arguments.command == "reference"
        else _report(arguments, chosen, planned)
    )
    rendered = []
    for output in planned:
        try:
            shown = as_shown(output, report, columns=chosen.definition.response_times)
            rendered.append((output.path, output.renderer(shown)))
        except TransparencyError as error:  # ids asked for a report that withholds figures
            msg = f"{output.where} ({output.name}): {error}"
            raise BadInputError(msg) from None
    return rendered


def _reference(planned: list[Planned]) -> Report:
    """The reference report; with its (absent) response times for the format of them."""
    if needs_times(planned):
        return build_report(
            reference_ledger(), reference_period(), company="Xiaomi", response_times=True
        )
    return reference_report()


def _report(arguments: argparse.Namespace, chosen: Settings, planned: list[Planned]) -> Report:
    """Count the ledger as the settings say, for the outputs planned; warn the team."""
    definition = chosen.definition
    ledger = chosen.ledger(arguments)
    provenance = needs_ids(planned)
    try:
        # More processes than cores would only share them: the report is the same.
        subtotals, digest = count_ledger(
            ledger,
            definition.period,
            provenance=provenance,
            jobs=min(arguments.jobs, default_jobs()),
            max_problems=arguments.max_problems,
            counting=chosen.counting_for(planned),
            released=definition.released,
            columns=dict(definition.columns),
            digest=any(output.name == "json" for output in planned),  # it names its ledger
        )
    except NoPeriodError as error:
        name = "stdin" if str(ledger) == "-" else str(ledger)
        raise BadInputError(no_period(visible(name), error)) from None
    report = subtotals.report(
        rounding=definition.rounding,
        disclosure=definition.disclosure,
        company=definition.company,
        totals=definition.totals if arguments.totals is None else arguments.totals,
        ledger_digest=digest,
    )
    _warn([report], arguments.max_problems)
    return report


def _warn(reports: Sequence[Report], most: int, explain: str = "--format explain") -> None:
    """Say on stderr what the team should look at: findings, and requests left out.

    Findings are for the team, not the public: no published format shows them, so the
    command line does (identifier values masked, as in the findings themselves).
    """
    findings = [finding for report in reports for finding in report.findings]
    for finding in findings[:most]:
        say(f"warning: {finding_line(finding)}")
    if len(findings) > most:
        more = len(findings) - most
        say(f"warning: ... and {more:,} more findings ({explain} lists every one)")
    left_out = sum(len(report.left_out()) for report in reports)
    if left_out:
        say(
            f"warning: {left_out:,} request{'s' if left_out > 1 else ''} left out of the "
            "report, as received outside the period or of a category it has no table for "
            f"({explain} says which and why)"
        )


def _write(output: str) -> int:
    """Write the report to stdout, as UTF-8 whatever the locale; return the exit code.

    A report is a UTF-8 document (HTML and SVG say so, JSON must be): its bytes are the
    same whatever ``PYTHONIOENCODING`` or the terminal's locale.
    """
    stdout = sys.stdout
    if stdout is None:
        say("cannot write the report: standard output is closed")
        return EXIT_BAD_INPUT
    try:
        binary: IO[bytes] | None = getattr(stdout, "buffer", None)
        if binary is None:
            stdout.write(output)
        else:
            stdout.flush()
            binary.write(output.encode())
            binary.flush()
        stdout.flush()
    except BrokenPipeError:
        # The reader has gone (``| head``): stop quietly, as other tools do, and keep
        # Python from complaining when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:
        say(f"cannot write the report to standard output: {error.strerror or error}")
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        return EXIT_BAD_INPUT
    return EXIT_OK


def _terminate(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001 -- a handler
    raise _TerminatedError


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While running, SIGTERM raises in the main thread, so that temporary files go."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (by default ``sys.argv[1:]``); return the exit code."""
    try:
        with _sigterm_raises():
            return _main(argv)
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED
    except _TerminatedError:
        say("terminated")
        return EXIT_TERMINATED


COMMANDS = commands(count_ledger)
"""The commands other than ``reference`` and ``render``, by name."""


def _main(argv: Sequence[str] | None) -> int:
    renderers = load_renderers()
    arguments = parser(renderers).parse_args(argv)
    try:
        return _run(arguments, renderers)
    except InvalidLedgerError as error:
        say(error.describe())
        return EXIT_BAD_INPUT
    except BadInputError as error:
        say(str(error))
        return EXIT_BAD_INPUT
    except Exception as error:
        if os.environ.get("TRANSPARENCY_CORE_TRACEBACK"):
            raise
        # A bug, not bad input: one line to report, not a traceback.
        say(
            f"internal error, please report it: {type(error).__name__}: {shown(str(error))} "
            "(TRANSPARENCY_CORE_TRACEBACK=1 shows the traceback)"
        )
        return EXIT_INTERNAL


def _run(arguments: argparse.Namespace, renderers: Renderers) -> int:
    """Run the command the line names; return the exit code."""
    if arguments.command in COMMANDS:
        return _emit(COMMANDS[arguments.command](arguments))
    if arguments.command == "verify":
        return _verify(arguments)
    if arguments.command == "series":
        outputs, reports = series(arguments, renderers)
        # explain writes no series: a period's report says which requests, and why
        _warn(reports, arguments.max_problems, "render --period PERIOD --format explain")
        return _emit(outputs)
    return _emit(_render(arguments, renderers))


def _verify(arguments: argparse.Namespace) -> int:
    """``verify``: the verdict on stdout; 0 when all match, 1 when not (if it was written)."""
    output, status = verify_files(arguments, settings(arguments))
    written = _write(output)
    return status if written == EXIT_OK else written


def _emit(outputs: list[tuple[Path | None, str]]) -> int:
    """Write each output: the files first, whole (atomically), then stdout's, if any."""
    for path, text in outputs:
        if path is not None:
            write_atomically(path, text.encode())
            say(f"wrote {visible(str(path))}")
    printed = [text for path, text in outputs if path is None]
    return _write(printed[0]) if printed else EXIT_OK
