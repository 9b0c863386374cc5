"""The command line's part in verification: a ledger file's digest, and ``verify``.

``render --format json`` writes the digest of the canonical ledger into the report (a
second pass over the file, one record at a time, after the count). ``verify REPORT.json
LEDGER`` recounts a published report from a ledger file and prints the verdict: exit 0
when every value matches, 1 when the ledger, the settings or a figure differ, 2 when a
file cannot be read (as every command).
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

from transparency_core._cli._options import BadInputError
from transparency_core._edge import (
    iter_json_records,
    ledger_digest,
    make_converter,
    structure_ledger,
)
from transparency_core._model import Request
from transparency_core._render import visible
from transparency_core._verify import verify
from transparency_core.exceptions import InvalidReportError, JsonLedgerError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from pathlib import Path

    from transparency_core._cli._settings import Settings

__all__ = ["EXIT_MISMATCH", "file_digest", "verify_files"]

EXIT_MISMATCH = 1
"""``verify``'s exit status when the report is not the one the ledger makes."""
_CHUNK = 1 << 20


def _requests(path: Path) -> Iterator[Request]:
    """The requests of a ledger file already counted (so known to be good), one at a time."""
    converter = make_converter()
    with path.open(encoding="utf-8") as stream:
        for record in iter_json_records(iter(functools.partial(stream.read, _CHUNK), "")):
            yield converter.structure(record, Request)


def file_digest(path: Path) -> str:
    """The digest of the canonical ledger of the ledger file at ``path``."""
    return ledger_digest(_requests(path))


def _read(path: Path, what: str) -> str:
    name = "stdin" if str(path) == "-" else str(path)
    try:
        raw = sys.stdin.buffer.read() if name == "stdin" else path.read_bytes()
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
        InvalidLedgerError: When the ledger's records are not good ledger records.
    """
    report: Path = arguments.report
    ledger = chosen.ledger(arguments)
    published = _read(report, "the report")
    try:
        records = list(iter_json_records([_read(ledger, "the ledger")]))
    except JsonLedgerError as error:
        msg = f"{ledger} is not a JSON array of ledger records, nor JSON Lines: {error}"
        raise BadInputError(msg) from None
    requests = structure_ledger(records)
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
    lines = (visible(line) for line in verification.lines())
    return "\n".join(lines) + "\n", 0 if verification.matches else EXIT_MISMATCH
