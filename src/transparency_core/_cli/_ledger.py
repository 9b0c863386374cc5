"""A ledger file read and counted: JSON or JSON Lines in parts, a spreadsheet whole.

The ledger is a path (``-`` for stdin): a regular file is read in place, anything else
(a pipe, a FIFO, a device) as it comes. Every way it can fail is a
:class:`~._options.BadInputError` naming the file, but one: a ledger whose records span
several years when no period is given (:class:`~._filecount.NoPeriodError`), which the
command says in its own words (:func:`no_period`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from transparency_core._cli._counting import COUNT_AS_SHIPPED
from transparency_core._cli._digestparts import parts_digest
from transparency_core._cli._filecount import count_file, count_parts
from transparency_core._cli._options import BadInputError
from transparency_core._cli._sheetfile import count_sheet, read_sheet, sheet_kind
from transparency_core._cli._split import LedgerFile, NotJsonError, NotUtf8Error, spool
from transparency_core._edge import MAX_PROBLEMS, iter_json_records, ledger_digest, make_converter
from transparency_core._model import Request
from transparency_core._series import count_series
from transparency_core.exceptions import FieldError, JsonLedgerError, SheetError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from datetime import date

    from transparency_core._calendar import Every
    from transparency_core._cli._counting import Counting
    from transparency_core._cli._filecount import NoPeriodError
    from transparency_core._period import ReportingPeriod
    from transparency_core._subtotals import Subtotals

__all__ = ["count_ledger", "count_ledger_series", "no_period", "read_ledger"]

_T = TypeVar("_T")
_CHUNK = 1 << 20


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


_STDIN_IS_JSON = " (stdin is read as JSON: to count a spreadsheet, name its file: requests.csv)"
"""Said when stdin is not JSON from its first character: a sheet piped in, say."""


def _unreadable(name: str, error: Exception) -> str:
    """Why the ledger ``name`` cannot be counted, in the command's words."""
    match error:
        case NotUtf8Error():
            return f"{name} is not UTF-8 text: {error}"
        case SheetError():
            return str(error)
        case NotJsonError() | JsonLedgerError():
            found = f"{name} is not a JSON array of ledger records, nor JSON Lines: {error}"
            at_once = isinstance(error, NotJsonError) or (error.line, error.column) == (1, 1)
            return f"{found}{_STDIN_IS_JSON}" if name == "stdin" and at_once else found
        case FieldError():  # the release date, before the year of the records ends
            return f"--released: expected {error.expected}, got {error.got}"
        case OSError():
            where = f" ({error.filename})" if error.filename else ""
            return f"cannot count {name}: {error.strerror or error}{where}"
    return str(error)  # pragma: no cover -- every kind caught is matched above


def _read(
    path: Path,
    in_parts: Callable[[LedgerFile], _T],
    whole: Callable[[Path, str, IO[str] | IO[bytes] | None, str], _T],
    *,
    digests: bool = False,
) -> _T:
    """Read the ledger at ``path`` (``-``: stdin): ``in_parts`` a JSON one, ``whole`` a sheet.

    ``whole`` is given the path, its name for messages, its stream (``None`` for a
    regular file) and the sheet's kind (``csv``, ``xlsx``). With ``digests``, the parts
    of a JSON one write their records' digests, for :func:`parts_digest`.
    """
    name = "stdin" if str(path) == "-" else str(path)
    kind = None if name == "stdin" else sheet_kind(path)
    try:
        with (
            _opened(path, name) as stream,
            tempfile.TemporaryDirectory(prefix="transparency-core-") as directory,
        ):
            if kind is not None:
                return whole(path, name, stream, kind)
            parts = Path(directory)
            source = path if stream is None else spool(stream, parts)
            return in_parts(LedgerFile(source, source.stat().st_size, parts, digests=digests))
    except (NotUtf8Error, SheetError, NotJsonError, JsonLedgerError, FieldError, OSError) as error:
        raise BadInputError(_unreadable(name, error)) from None


def _sheet(
    max_problems: int, columns: Mapping[str, str] | None, counting: Counting
) -> Callable[[Path, str, IO[str] | IO[bytes] | None, str], tuple[Request, ...]]:
    """How a spreadsheet is read, for :func:`_read`: by ``read_sheet``, with these options."""

    def read(
        path: Path, name: str, stream: IO[str] | IO[bytes] | None, kind: str
    ) -> tuple[Request, ...]:
        return read_sheet(
            path,
            name,
            stream,
            kind=kind,
            max_problems=max_problems,
            columns=columns,
            counting=counting,
        )

    return read


def count_ledger(  # noqa: PLR0913 -- the options of count_file, by keyword
    path: Path,
    period: ReportingPeriod | None,
    *,
    provenance: bool,
    jobs: int,
    max_problems: int = MAX_PROBLEMS,
    counting: Counting = COUNT_AS_SHIPPED,
    released: date | None = None,
    columns: Mapping[str, str] | None = None,
    digest: bool = False,
) -> tuple[Subtotals, str | None]:
    """Read, check and count the ledger at ``path`` (``-``: stdin), in parts.

    A spreadsheet (``.csv``, ``.xlsx``) is read whole and counted in one pass, its
    headers mapped to the baseline ones by ``columns``. With ``digest``, the ledger
    digest too (for a published JSON report), else ``None``: computed as the parts are
    counted, so the file is read once.

    Raises:
        NoPeriodError: When no period is given and the records span several years.
    """

    def in_parts(ledger: LedgerFile) -> tuple[Subtotals, str | None]:
        subtotals = count_file(
            ledger,
            period=period,
            provenance=provenance,
            jobs=jobs,
            max_problems=max_problems,
            counting=counting,
            released=released,
        )
        return subtotals, parts_digest(ledger) if digest else None

    def whole(
        path: Path, name: str, stream: IO[str] | IO[bytes] | None, kind: str
    ) -> tuple[Subtotals, str | None]:
        requests = _sheet(max_problems, columns, counting)(path, name, stream, kind)
        subtotals = count_sheet(
            requests, period, provenance=provenance, counting=counting, released=released
        )
        return subtotals, ledger_digest(requests) if digest else None

    return _read(path, in_parts, whole, digests=digest)


def count_ledger_series(  # noqa: PLR0913 -- the options of count_parts, by keyword
    path: Path,
    every: Every,
    span: tuple[date | None, date | None],
    *,
    provenance: bool,
    jobs: int,
    max_problems: int = MAX_PROBLEMS,
    counting: Counting = COUNT_AS_SHIPPED,
    columns: Mapping[str, str] | None = None,
    digest: bool = False,
) -> tuple[dict[str, Subtotals], str | None]:
    """Read, check and count the ledger at ``path`` for every period of ``every``.

    Only the periods that hold a request are there, as in
    :func:`~transparency_core._series.count_series`; ``span`` is its ``start`` and ``end``.
    With ``digest``, the ledger digest too, as :func:`count_ledger` gives it.
    """
    start, end = span
    options = counting.series_options(provenance=provenance)

    def in_parts(ledger: LedgerFile) -> tuple[dict[str, Subtotals], str | None]:
        counted = count_parts(
            ledger,
            period=None,
            provenance=provenance,
            jobs=jobs,
            max_problems=max_problems,
            every=every,
            span=span,
            counting=counting,
        )
        return counted.series, parts_digest(ledger) if digest else None

    def whole(
        path: Path, name: str, stream: IO[str] | IO[bytes] | None, kind: str
    ) -> tuple[dict[str, Subtotals], str | None]:
        requests = _sheet(max_problems, columns, counting)(path, name, stream, kind)
        series = count_series(requests, every, start=start, end=end, options=options)
        return series, ledger_digest(requests) if digest else None

    return _read(path, in_parts, whole, digests=digest)


def _requests(path: Path) -> Iterator[Request]:
    """The requests of a JSON ledger file already checked (so known to be good), in order."""
    converter = make_converter()
    with path.open(encoding="utf-8-sig") as stream:
        for record in iter_json_records(iter(functools.partial(stream.read, _CHUNK), "")):
            yield converter.structure(record, Request)


def read_ledger(
    path: Path,
    *,
    jobs: int,
    max_problems: int = MAX_PROBLEMS,
    counting: Counting = COUNT_AS_SHIPPED,
    columns: Mapping[str, str] | None = None,
) -> tuple[Request, ...]:
    """The requests of the ledger at ``path`` (``-``: stdin), read and checked as by ``render``.

    Every format ``render`` reads, refused in the same words: JSON or JSON Lines checked
    in parts (then read again, one record at a time), a spreadsheet read whole, its
    headers mapped by ``columns``. For ``verify``, which recounts them in memory.
    """

    def in_parts(ledger: LedgerFile) -> tuple[Request, ...]:
        count_parts(
            ledger,
            period=None,
            provenance=False,
            jobs=jobs,
            max_problems=max_problems,
            counting=counting,
        )
        return tuple(_requests(ledger.path))

    return _read(path, in_parts, _sheet(max_problems, columns, counting))


def no_period(name: str, error: NoPeriodError) -> str:
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
