"""The command line's ``verify``: a published report recounted from its ledger file.

``verify REPORT.json LEDGER`` reads the ledger as ``render`` does (JSON, JSON Lines, a
``.csv`` or ``.xlsx`` spreadsheet with the definition's ``[columns]``; bad input refused
in the same words), recounts the report, a series' every period too, and prints the
verdict: exit 0 when every value matches, 1 when the ledger, the settings or a figure
differ, 2 when a file cannot be read (as every command). ``render --format json``
computes the digest it checks as it counts (``_digestparts``).
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from transparency_core._cli._filecount import default_jobs
from transparency_core._cli._ledger import read_ledger
from transparency_core._cli._options import BadInputError
from transparency_core._edge import MAX_PROBLEMS
from transparency_core._render import visible
from transparency_core._verify import verify
from transparency_core.exceptions import InvalidReportError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from transparency_core._cli._settings import Settings

__all__ = ["EXIT_MISMATCH", "verify_files"]

EXIT_MISMATCH = 1
"""``verify``'s exit status when the report is not the one the ledger makes."""


_LARGEST_REPORT = 512 * 1024 * 1024
"""The longest report read, in bytes: a series of every half-year since 1900 is 20 MB."""
_FIRST = 64 * 1024
"""The bytes read first, to tell binary data at once (``/dev/zero`` never ends)."""


def _bytes(path: Path, name: str, what: str) -> bytes:
    """At most :data:`_LARGEST_REPORT` bytes of ``path`` (or stdin), binary data refused."""
    with contextlib.ExitStack() as stack:
        stream = sys.stdin.buffer if name == "stdin" else stack.enter_context(path.open("rb"))
        first = stream.read(_FIRST)
        if b"\0" in first:
            msg = f"{what} {name} is not JSON text: a NUL byte at byte {first.index(0)}"
            raise BadInputError(msg)
        raw = first + stream.read(_LARGEST_REPORT - len(first) + 1)
    if len(raw) > _LARGEST_REPORT:
        msg = f"{what} {name} is longer than {_LARGEST_REPORT // 2**20} MiB: not a report"
        raise BadInputError(msg)
    return raw


def _read(path: Path, what: str) -> str:
    name = "stdin" if str(path) == "-" else str(path)
    try:
        raw = _bytes(path, name, what)
    except (OSError, AttributeError, ValueError) as error:  # stdin closed, or gone
        if not isinstance(error, OSError):
            msg = f"cannot read {what} from stdin: it is closed"
            raise BadInputError(msg) from None
        msg = f"cannot read {what} {name}: {error.strerror or error}"
        raise BadInputError(msg) from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        msg = f"{what} {name} is not UTF-8 text: {error}"
        raise BadInputError(msg) from None


def verify_files(arguments: argparse.Namespace, chosen: Settings) -> tuple[str, int]:
    """The verdict on the line's report file and ledger file; the exit status.

    The ledger is the line's, or the definition's (``--config``), whose own categories
    and breakdowns the report may name.

    Raises:
        BadInputError: When a file cannot be read, or the report is not one to verify.
        InvalidLedgerError: When the ledger's records are not good ledger records, with
            every problem addressed as ``render`` addresses it.
    """
    report: Path = arguments.report
    ledger = chosen.ledger(arguments)
    if str(report) == "-" and str(ledger) == "-":
        msg = "the report and the ledger cannot both be read from stdin (-): name one a file"
        raise BadInputError(msg)
    published = _read(report, "the report")
    requests = read_ledger(
        ledger,
        jobs=min(getattr(arguments, "jobs", 1), default_jobs()),
        max_problems=getattr(arguments, "max_problems", MAX_PROBLEMS),
        counting=chosen.counting,
        columns=dict(chosen.definition.columns),
    )
    try:
        verification = verify(
            published,
            requests,
            categories=chosen.definition.registry,
            breakdowns=chosen.definition.breakdowns,
        )
    except InvalidReportError as error:
        msg = f"the report {report} cannot be verified: {error}"
        raise BadInputError(msg) from None
    most = getattr(arguments, "max_problems", MAX_PROBLEMS)
    lines = (visible(line) for line in verification.lines(most))
    return "\n".join(lines) + "\n", 0 if verification.matches else EXIT_MISMATCH
