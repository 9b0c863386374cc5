"""The command line: the one place that reads files and writes to stdout and stderr.

``transparency-core`` (or ``python -m transparency_core``) with no arguments prints the
reference 2020 report. ``transparency-core render LEDGER.json`` prints the report of a
JSON file holding a list of ledger records; ``transparency-core verify REPORT.json
LEDGER.json`` recounts a published JSON report from its ledger.

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
import stat
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

from transparency_core._cli._audit import file_digest, verify_files
from transparency_core._cli._filecount import NoPeriodError, count_file, default_jobs
from transparency_core._cli._options import (
    BadInputError,
    check_text,
    load_renderers,
    make_renderer,
    parser,
    shown,
)
from transparency_core._cli._split import LedgerFile, NotJsonError, NotUtf8Error, spool
from transparency_core._edge import MAX_PROBLEMS, reference_records, reference_report
from transparency_core._period import ReportingPeriod
from transparency_core._render import visible
from transparency_core.exceptions import FieldError, InvalidLedgerError, JsonLedgerError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator, Sequence
    from types import FrameType

    from transparency_core._render import Renderers
    from transparency_core._report import Report
    from transparency_core._subtotals import Subtotals

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "main"]

_SHOW_NO_IDS = frozenset({"csv", "html", "json", "markdown", "svg", "text"})
"""The built-in formats that show no request ids."""
EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
"""EX_SOFTWARE: a bug of the command, reported in one line."""
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM


class _TerminatedError(BaseException):
    """SIGTERM came: raised in the main thread, so that every ``finally`` runs."""


@contextlib.contextmanager
def _opened(path: Path, name: str) -> Iterator[IO[str] | IO[bytes] | None]:
    """The ledger's stream, or ``None`` for a regular file (read in place, in parts).

    What is not a regular file (stdin, a pipe, a FIFO, a device) is read once, as it
    comes, to be copied: it cannot be sought.
    """
    if name == "stdin":
        if sys.stdin is None:
            msg = "cannot read stdin: it is closed"
            raise BadInputError(msg)
        yield sys.stdin
        return
    try:
        stream = path.open("rb")
    except OSError as error:
        msg = f"cannot read {name}: {error.strerror or error}"
        raise BadInputError(msg) from None
    with stream:
        yield None if stat.S_ISREG(os.fstat(stream.fileno()).st_mode) else stream


def _count(  # noqa: PLR0913 -- the ledger, and how to count it
    path: Path,
    period: ReportingPeriod | None,
    *,
    provenance: bool,
    jobs: int,
    max_problems: int = MAX_PROBLEMS,
    digest: bool = False,
) -> tuple[Subtotals, str | None]:
    """Read, check and count the ledger at ``path`` (``-``: stdin), in parts.

    With ``digest``, also the digest of its canonical ledger, for a published report.
    """
    name = "stdin" if str(path) == "-" else str(path)
    try:
        with (
            _opened(path, name) as stream,
            tempfile.TemporaryDirectory(prefix="transparency-core-") as directory,
        ):
            parts = Path(directory)
            source = path if stream is None else spool(stream, parts)
            ledger = LedgerFile(source, source.stat().st_size, parts)
            subtotals = count_file(
                ledger,
                period=period,
                provenance=provenance,
                jobs=jobs,
                max_problems=max_problems,
            )
            return subtotals, file_digest(source) if digest else None
    except NotUtf8Error as error:
        msg = f"{name} is not UTF-8 text: {error}"
        raise BadInputError(msg) from None
    except NotJsonError as error:
        msg = f"{name} is not a JSON array of ledger records, nor JSON Lines: {error}"
        raise BadInputError(msg) from None
    except JsonLedgerError as error:
        msg = f"{name} is not a JSON array of ledger records, nor JSON Lines: {error}"
        raise BadInputError(msg) from None
    except NoPeriodError as error:
        raise BadInputError(_no_period(name, error)) from None
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        msg = f"cannot count {name}: {error.strerror or error}{where}"
        raise BadInputError(msg) from None


def _no_period(name: str, error: NoPeriodError) -> str:
    """Why the period must be given, for ``name``."""
    if not error.records:
        return (
            f"{name} holds no records: say which period with --period START/END, for a "
            "report of no requests"
        )
    if not error.years:
        return (
            "no record has a received date to take the year of: say which period with "
            "--period START/END"
        )
    years = ", ".join(str(year) for year in sorted(error.years)[:5])
    more = ", ..." if len(error.years) > 5 else ""  # noqa: PLR2004 -- a few years, then ...
    return (
        f"the records span several years ({years}{more}): say which period with --period START/END"
    )


def _render(arguments: argparse.Namespace, renderers: Renderers) -> str:
    check_text(arguments)
    renderer = make_renderer(arguments, renderers)
    if arguments.command == "reference":
        if arguments.records:
            return json.dumps(reference_records(), indent=2, ensure_ascii=False) + "\n"
        return renderer(reference_report())
    try:
        period = ReportingPeriod.parse(arguments.period) if arguments.period else None
    except FieldError as error:
        msg = f"--period: expected {error.expected}, got {arguments.period!r}"
        raise BadInputError(msg) from None
    # Only the explain view (and renderers of other packages) may show request ids:
    # without them, memory does not grow with the ledger.
    provenance = arguments.format not in _SHOW_NO_IDS
    # More processes than cores would only share them: the report is the same.
    subtotals, digest = _count(
        arguments.ledger,
        period,
        provenance=provenance,
        jobs=min(arguments.jobs, default_jobs()),
        max_problems=arguments.max_problems,
        digest=arguments.format == "json",  # a published report names its ledger
    )
    report = subtotals.report(company=arguments.company, ledger_digest=digest)
    _warn(report, arguments.max_problems)
    return renderer(report)


def _warn(report: Report, most: int) -> None:
    """Say on stderr what the team should look at: findings, and requests left out.

    Findings are for the team, not the public: no published format shows them, so the
    command line does (identifier values masked, as in the findings themselves).
    """
    findings = report.findings
    for finding in findings[:most]:
        _say(f"warning: {visible(finding.id)} ({finding.field}): {visible(finding.message)}")
    if len(findings) > most:
        more = len(findings) - most
        _say(f"warning: ... and {more:,} more findings (--format explain lists every one)")
    left_out = len(report.left_out())
    if left_out:
        _say(
            f"warning: {left_out:,} request{'s' if left_out > 1 else ''} left out of the "
            "report, as received outside the period or of a category it has no table for "
            "(--format explain says which and why)"
        )


def _say(message: str) -> None:
    """Write ``message`` to stderr, if it can be written at all."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        sys.stderr.write(f"transparency-core: {message}\n")
        sys.stderr.flush()


def _write(output: str) -> int:
    """Write the report to stdout, as UTF-8 whatever the locale; return the exit code.

    A report is a UTF-8 document (HTML and SVG say so, JSON must be): its bytes are the
    same whatever ``PYTHONIOENCODING`` or the terminal's locale.
    """
    stdout = sys.stdout
    if stdout is None:
        _say("cannot write the report: standard output is closed")
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
        _say(f"cannot write the report to standard output: {error.strerror or error}")
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
        _say("interrupted")
        return EXIT_INTERRUPTED
    except _TerminatedError:
        _say("terminated")
        return EXIT_TERMINATED


def _main(argv: Sequence[str] | None) -> int:
    renderers = load_renderers()
    arguments = parser(renderers).parse_args(argv)
    try:
        if arguments.command == "verify":
            output, status = verify_files(arguments.report, arguments.ledger)
        else:
            output, status = _render(arguments, renderers), EXIT_OK
    except InvalidLedgerError as error:
        _say(error.describe())
        return EXIT_BAD_INPUT
    except BadInputError as error:
        _say(str(error))
        return EXIT_BAD_INPUT
    except Exception as error:
        if os.environ.get("TRANSPARENCY_CORE_TRACEBACK"):
            raise
        # A bug, not bad input: one line to report, not a traceback.
        _say(
            f"internal error, please report it: {type(error).__name__}: {shown(str(error))} "
            "(TRANSPARENCY_CORE_TRACEBACK=1 shows the traceback)"
        )
        return EXIT_INTERNAL
    written = _write(output)
    return status if written == EXIT_OK else written
