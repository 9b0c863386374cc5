"""A spreadsheet ledger on the command line: a ``.csv`` or ``.xlsx`` file read whole, counted.

The file's suffix says what it is (any other is read as JSON or JSON Lines). Its bytes
are read here, the one place that reads files, whether it is a regular file or a pipe
or FIFO that cannot be sought; the edge turns them into rows and the rows into requests
(``transparency_core._edge``), which are counted in one pass: a spreadsheet fits in
memory. A stream is read up to :data:`MAX_SHEET_BYTES`; a NUL byte in UTF-8 CSV text,
or a workbook that does not start as a zip archive does, stops it at once
(``/dev/zero``).
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from transparency_core._cli._counting import COUNT_AS_SHIPPED, Counting
from transparency_core._cli._filecount import NoPeriodError
from transparency_core._cli._split import CHUNK
from transparency_core._edge import UTF16_BOMS, csv_sheet, structure_sheets, xlsx_sheets
from transparency_core._period import ReportingPeriod
from transparency_core.exceptions import SheetError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from datetime import date
    from pathlib import Path

    from transparency_core._model import Request
    from transparency_core._subtotals import Subtotals

__all__ = ["MAX_SHEET_BYTES", "count_sheet", "read_sheet", "sheet_kind"]

MAX_SHEET_BYTES = 1 << 30
"""The most of a spreadsheet file read: 1 GiB."""
_KINDS = {".csv": "csv", ".xlsx": "xlsx"}
_ZIP = b"PK\x03\x04"


def sheet_kind(path: Path) -> str | None:
    """``csv`` or ``xlsx`` for a spreadsheet's suffix (in any case), else ``None``."""
    return _KINDS.get(path.suffix.lower())


_TOO_LARGE = f"is larger than {MAX_SHEET_BYTES >> 20} MiB: write it as JSON Lines instead"


def _bytes(path: Path, name: str, stream: IO[str] | IO[bytes] | None, kind: str) -> bytes:
    """The bytes of the file, read whole; a stream as it comes, checked as it comes."""
    if stream is None:
        if path.stat().st_size > MAX_SHEET_BYTES:
            raise SheetError(name, _TOO_LARGE)
        return path.read_bytes()
    binary: IO[bytes] | None = getattr(stream, "buffer", None)
    read: Callable[[int], bytes | str] = (binary or stream).read
    data = bytearray()
    while raw := read(CHUNK):
        chunk = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
        data += chunk
        if kind == "csv" and b"\0" in chunk and not data.startswith(UTF16_BOMS):
            break  # binary data, not CSV text: the edge says where
        if kind == "xlsx" and len(data) >= len(_ZIP) and not data.startswith(_ZIP):
            raise SheetError(name, "is not an XLSX workbook (which is a zip archive)")
        if len(data) > MAX_SHEET_BYTES:
            raise SheetError(name, _TOO_LARGE)
    return bytes(data)


def read_sheet(  # noqa: PLR0913 -- the file, and the options of reading it
    path: Path,
    name: str,
    stream: IO[str] | IO[bytes] | None,
    *,
    kind: str,
    max_problems: int | None,
    columns: Mapping[str, str] | None = None,
    counting: Counting = COUNT_AS_SHIPPED,
) -> tuple[Request, ...]:
    """Read and check the spreadsheet at ``path`` (``stream``, when not a regular file).

    ``columns`` maps a team's own headers to the baseline ones; ``counting`` says which
    categories and legal processes a row may name.

    Raises:
        SheetError: When the file is not UTF-8 CSV, or not an XLSX workbook.
        InvalidLedgerError: With every problem of its rows, addressed by row and column.
    """
    data = _bytes(path, name, stream, kind)
    sheets = (csv_sheet(data, name), None) if kind == "csv" else xlsx_sheets(data, name)
    return structure_sheets(
        *sheets,
        columns=columns,
        categories=counting.registry,
        legal_processes=counting.legal_processes,
        max_problems=max_problems,
    )


def count_sheet(
    requests: Sequence[Request],
    period: ReportingPeriod | None,
    *,
    provenance: bool,
    counting: Counting = COUNT_AS_SHIPPED,
    released: date | None = None,
) -> Subtotals:
    """Count the requests of a spreadsheet (:func:`read_sheet`), in one pass.

    With no ``period``, the calendar year of the requests is counted, when they all
    fall in one (released on ``released``); ``counting`` says what is counted.

    Raises:
        NoPeriodError: When no period is given and the requests span several years.
    """
    if period is None:
        years = frozenset(request.received.year for request in requests)
        if len(years) != 1:
            raise NoPeriodError(years, len(requests))
        period = ReportingPeriod.calendar_year(next(iter(years)), released=released)
    return counting.subtotals(requests, period, provenance=provenance)
