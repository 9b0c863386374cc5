"""The command line's way to count a ledger file: in parts, on every core, in flat memory.

Part of the command line's edge: it reads the ledger file and writes temporary files,
which the core never does. It counts in two steps:

1. **Split.** The records are read and parsed, and each is written with its place in the
   ledger to the temporary file of its part, chosen by its id
   (:func:`~transparency_core.partition_of`), so that every record of an id lands in one
   part. An ``amends`` is sent to the part of the id it names, where it can be checked.
   JSON Lines are split in byte ranges, one process each; a JSON array is read by one
   process.
2. **Count.** Each part is read back, checked strictly, tallied and counted into
   :class:`~transparency_core.Subtotals`; the parts are counted in a pool of processes,
   and their subtotals add up to the report.

With the ``fast`` extra (orjson) installed, JSON Lines are parsed by orjson, and a line
goes to its part as it was written, to be parsed again there (cheaper than packing the
parsed record). orjson reads a line as :mod:`json` does, or refuses it, and then
:mod:`json` reads it, or names the problem, as without the extra (a line that may nest
deeper than :mod:`json` reads is left to :mod:`json`). Numbers past 64 bits
are the one difference (orjson makes them floats): no good record has a number, so a part
with any bad record is read again with :mod:`json`, and every problem is reported with
the values :mod:`json` reads.

A part holds about :data:`PART_BYTES` of the ledger, so memory depends on that, not on the
length of the ledger (with provenance, the request ids of the figures still grow with
it). Problems are collected from every part and reported together, in ledger order,
exactly as :func:`~transparency_core.tally_ledger` would report them.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import json
import marshal
import math
import os
import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import attrs

from transparency_core._convert import MAX_PROBLEMS, _Reader, make_converter, raise_problems
from transparency_core._jsonstream import (
    _DECODER,
    _lines,
    _Text,
    iter_json_records,
    repeated_key,
    unrepeated,
    unrepeated_line,
)
from transparency_core._period import ReportingPeriod
from transparency_core._specs import DEFAULT_LEGAL_PROCESSES
from transparency_core._subtotals import Subtotals, partition_of
from transparency_core._tally import Tally
from transparency_core.exceptions import ConflictingRepeatError, FieldError, JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import cattrs

try:
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover -- without the "fast" extra
    _FAST: Callable[[bytes], Any] | None = None
else:
    _FAST = _fast_loads

__all__ = [
    "PART_BYTES",
    "RANGE_BYTES",
    "LedgerFile",
    "NoPeriodError",
    "NotJsonError",
    "NotUtf8Error",
    "count_file",
    "default_jobs",
    "spool",
]

PART_BYTES = 4 << 20
"""About how much of the ledger file one part holds: 4 MiB."""
RANGE_BYTES = 4 << 20
"""The least of a JSON Lines file that one process splits: 4 MiB."""
_BUFFER_BYTES = 4 << 20
"""How much of the split records are held, over all parts, before writing them."""
_CHUNK = 1 << 16
_WHITESPACE = b" \t\n\r"
_BOM = codecs.BOM_UTF8
_FAST_DEPTH = 900
"""Lines that may nest deeper are left to json: orjson reads 1,024 levels, json fewer."""
_RECORD, _AMENDS, _LINE = 0, 1, 2
"""What a part's item holds: a parsed record, an amendment, or a line to parse."""
_T = TypeVar("_T")
_R = TypeVar("_R")


class NotUtf8Error(Exception):
    """The ledger file is not UTF-8 text, at byte ``at``."""

    def __init__(self, reason: str, at: int) -> None:
        super().__init__(f"{reason} at byte {at}")
        self.reason, self.at = reason, at

    def __reduce__(self) -> tuple[type[NotUtf8Error], tuple[str, int]]:
        """Pickle with both attributes, to come back from another process."""
        return (type(self), (self.reason, self.at))


class NotJsonError(Exception):
    """What is read is not JSON text: a NUL byte at byte ``at`` (binary data, ``/dev/zero``)."""

    def __init__(self, at: int) -> None:
        super().__init__(f"a NUL byte at byte {at}: binary data, not JSON text")
        self.at = at

    def __reduce__(self) -> tuple[type[NotJsonError], tuple[int]]:
        """Pickle with its attribute."""
        return (type(self), (self.at,))


def default_jobs() -> int:
    """The processes to count with: one per core this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1  # pragma: no cover -- not on Linux


@attrs.frozen
class LedgerFile:
    """A ledger file to count, and where its parts go."""

    path: Path
    size: int
    directory: Path
    """An empty directory for the parts, removed by the caller."""
    part_bytes: int = PART_BYTES
    """About how much of the file a part holds."""
    range_bytes: int = RANGE_BYTES
    """The least of a JSON Lines file that one process splits."""

    @property
    def parts(self) -> int:
        """How many parts the ledger is split into."""
        return max(1, math.ceil(self.size / self.part_bytes))

    def part_file(self, part: int, piece: int) -> Path:
        """The file of ``part`` written by the process that split ``piece``."""
        return self.directory / f"{part}.{piece}"


@attrs.frozen
class _Piece:
    """What splitting one piece of the ledger found: counts relative to the piece."""

    lines: int
    records: int
    years: frozenset[int]
    error: JsonLedgerError | NotUtf8Error | None = None


class _Writer:
    """Sends records to the files of their parts, a buffer at a time."""

    def __init__(self, ledger: LedgerFile, piece: int) -> None:
        self.ledger, self.piece = ledger, piece
        self.parts = ledger.parts
        self.buffers = [bytearray() for _ in range(self.parts)]
        self.flush_at = max(1 << 12, _BUFFER_BYTES // self.parts)
        self.years: set[int] = set()

    def _send(self, part: int, item: tuple[Any, ...]) -> None:
        data = marshal.dumps(item)
        buffer = self.buffers[part]
        buffer += len(data).to_bytes(4, "little")
        buffer += data
        if len(buffer) >= self.flush_at:
            self._flush(part)

    def _flush(self, part: int) -> None:
        with self.ledger.part_file(part, self.piece).open("ab") as stream:
            stream.write(self.buffers[part])
        self.buffers[part].clear()

    def add(self, position: int, record: object, line: bytes | None = None) -> None:
        """Send ``record``, the ``position``-th of the piece, to its part.

        With its ``line``, the line is sent, to be parsed again by the part.
        """
        item = (_RECORD, position, record) if line is None else (_LINE, position, line)
        if type(record) is not dict:
            self._send(partition_of("", self.parts), item)
            return
        request_id = record.get("id")
        key = request_id if type(request_id) is str else ""
        self._send(partition_of(key, self.parts), item)
        amends = record.get("amends")
        if type(amends) is str and key:
            self._send(partition_of(amends, self.parts), (_AMENDS, key, amends))
        received = record.get("received")
        if type(received) is str and received[:4].isascii() and received[:4].isdigit():
            year = int(received[:4])
            if year:  # year 0 is no date: the record's check names it
                self.years.add(year)

    def close(self) -> None:
        """Write what is left in the buffers."""
        for part, buffer in enumerate(self.buffers):
            if buffer:
                self._flush(part)


def _line_error(line: str, lines: int, records: int) -> JsonLedgerError:
    """The error the JSON Lines reader gives for ``line``, the ``lines``-th of a piece."""
    try:
        for _ in _lines(_Text([line])):
            pass
    except JsonLedgerError as error:
        return JsonLedgerError(records + error.record, lines, error.column, error.reason)
    msg = f"json refused a line that the JSON Lines reader takes: {line!r}"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


_REFUSED = object()
"""What :func:`_fast_record` returns for a line it leaves to json."""


def _fast_record(fast: Callable[[bytes], Any], raw: bytes) -> object:
    """The record of the line ``raw`` parsed by orjson, or :data:`_REFUSED`: json reads it.

    A line that may nest deeper than json reads, and one that orjson refuses, are left to
    json, which reads it or names the problem. orjson keeps the last of a repeated key
    silently: a line whose keys are not all where a good record has them is left to json,
    which looks for one.
    """
    if raw.count(b"[") + raw.count(b"{") > _FAST_DEPTH:
        return _REFUSED
    try:
        record = fast(raw)
    except ValueError:
        return _REFUSED
    return record if unrepeated_line(raw, record) else _REFUSED


def _split_lines(ledger: LedgerFile, piece: int, start: int, end: int) -> _Piece:
    """Split the lines of JSON Lines that start in bytes ``start`` to ``end``."""
    writer = _Writer(ledger, piece)
    lines = records = 0
    error: JsonLedgerError | NotUtf8Error | None = None
    with ledger.path.open("rb") as stream:
        if start:
            stream.seek(start - 1)
            stream.readline()  # the end of a line that started in the piece before
        elif stream.read(len(_BOM)) != _BOM:
            stream.seek(0)  # no byte order mark to skip
        at = stream.tell()
        fast = _FAST
        while at < end and (raw := stream.readline()):
            lines += 1
            if fast is not None and (record := _fast_record(fast, raw)) is not _REFUSED:
                at += len(raw)
                writer.add(records, record, raw)
                records += 1
                continue
            try:
                line = raw.decode()
            except UnicodeDecodeError as problem:
                error = NotUtf8Error(problem.reason, at + problem.start)
                break
            at += len(raw)
            if not raw.strip(_WHITESPACE):
                continue
            try:
                record = _DECODER.decode(line)
            except (ValueError, RecursionError):
                error = _line_error(line, lines, records)
                break
            if not unrepeated(record, line, 0, len(line)) and repeated_key(line):
                error = _line_error(line, lines, records)
                break
            writer.add(records, record)
            records += 1
    writer.close()
    return _Piece(lines, records, frozenset(writer.years), error)


def _text_chunks(stream: IO[bytes]) -> Iterator[str]:
    """The text of ``stream`` in chunks; :class:`NotUtf8Error` at the first bad byte."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    read = 0
    while True:
        data = stream.read(_CHUNK)
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as problem:
            raise NotUtf8Error(problem.reason, read - pending + problem.start) from None
        read += len(data)
        if text:
            yield text
        if not data:
            return


def _split_array(ledger: LedgerFile, piece: int) -> _Piece:
    """Split a JSON array (or any ledger text) read by one process."""
    writer = _Writer(ledger, piece)
    records = 0
    with ledger.path.open("rb") as stream:
        try:
            for record in iter_json_records(_text_chunks(stream)):
                writer.add(records, record)
                records += 1
        except NotUtf8Error as problem:
            return _Piece(0, records, frozenset(), problem)
        except JsonLedgerError as problem:
            return _Piece(0, records, frozenset(), problem)
    writer.close()
    return _Piece(0, records, frozenset(writer.years))


def _first_byte(ledger: LedgerFile) -> bytes:
    """The ledger's first byte that is not whitespace (after a byte order mark), or b""."""
    with ledger.path.open("rb") as stream:
        head = stream.read(len(_BOM))
        if head != _BOM:
            stream.seek(0)
        while chunk := stream.read(_CHUNK):
            text = chunk.lstrip(_WHITESPACE)
            if text:
                return text[:1]
    return b""


@attrs.frozen
class _PartJob:
    """What a process needs to count one part."""

    ledger: LedgerFile
    part: int
    starts: tuple[int, ...]
    """Where each piece's records start in the ledger."""
    period: ReportingPeriod | None
    """The period to count for; ``None`` to check the records only."""
    provenance: bool
    max_problems: int | None = MAX_PROBLEMS
    """How many problems the part keeps; the rest are counted."""


@attrs.frozen
class _Counted:
    """What counting one part found."""

    errors: list[tuple[int, FieldError]]
    conflicts: tuple[ConflictingRepeatError, ...]
    subtotals: Subtotals | None
    omitted: int = 0
    """How many more errors the part found than ``errors`` holds."""


def _items(job: _PartJob) -> Iterator[tuple[Any, ...]]:
    """The records and amendments of a part, in ledger order, records placed in the whole."""
    for piece, start in enumerate(job.starts):
        path = job.ledger.part_file(job.part, piece)
        if not path.exists():
            continue
        data = memoryview(path.read_bytes())
        at = 0
        while at < len(data):
            size = int.from_bytes(data[at : at + 4], "little")
            # Our own bytes, written by _Writer to a directory of our own.
            kind, first, second = marshal.loads(data[at + 4 : at + 4 + size])  # noqa: S302
            at += 4 + size
            yield (kind, first, second) if kind == _AMENDS else (kind, first + start, second)


def _exact_loads(line: bytes) -> object:
    return json.loads(line.decode())


def _count_part(job: _PartJob) -> _Counted:
    """Check, tally and count one part."""
    reader, tally, amendments = _read_part(job, _FAST or _exact_loads)
    if reader.errors and _FAST is not None:
        # Problems are reported with the values json reads (a huge number, say).
        reader, tally, amendments = _read_part(job, _exact_loads)
    if reader.errors or tally.conflicts or job.period is None:
        conflicts = sorted(tally.conflicts, key=lambda conflict: conflict.second)
        kept = len(conflicts) if job.max_problems is None else job.max_problems
        omitted = reader.omitted + max(0, len(conflicts) - kept)
        return _Counted(reader.errors, tuple(conflicts[:kept]), None, omitted)
    subtotals = Subtotals.of(tally, job.period, provenance=job.provenance, amendments=amendments)
    return _Counted([], (), subtotals)


def _read_part(
    job: _PartJob, loads: Callable[[bytes], object]
) -> tuple[_Reader, Tally, list[tuple[str, str]]]:
    """Read, check and tally the records of a part, parsing its lines with ``loads``."""
    reader = _Reader.make(None, DEFAULT_LEGAL_PROCESSES, _converter(), job.max_problems)
    amendments: list[tuple[str, str]] = []

    def records() -> Iterator[tuple[int, object]]:
        for kind, first, second in _items(job):
            if kind == _RECORD:
                yield first, second
            elif kind == _LINE:
                yield first, loads(second)
            else:
                amendments.append((first, second))

    return reader, Tally.of_positioned(reader.read_positioned(records())), amendments


@functools.cache
def _converter() -> cattrs.Converter:
    """One converter a process, made the first time a part is counted."""
    return make_converter()


class NoPeriodError(Exception):
    """The records are good but span several calendar years (or none): say the period.

    ``years`` are the years of the records, ``records`` how many there are.
    """

    def __init__(self, years: frozenset[int] = frozenset(), records: int = 0) -> None:
        super().__init__(sorted(years), records)
        self.years, self.records = years, records

    def __reduce__(self) -> tuple[type[NoPeriodError], tuple[frozenset[int], int]]:
        """Pickle with both attributes."""
        return (type(self), (self.years, self.records))


def _map(pool: Executor | None, function: Callable[[_T], _R], jobs: list[_T]) -> Iterator[_R]:
    if pool is None or len(jobs) == 1:
        return map(function, jobs)
    return pool.map(function, jobs)


def _start_worker() -> None:
    """In a worker: leave Ctrl-C to the command (it stops the workers), die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _pool(workers: int) -> ProcessPoolExecutor | None:
    if workers <= 1:
        return None
    context = get_context("fork") if sys.platform == "linux" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (the command was interrupted): no result is wanted."""
    # The executor has no public way to stop its workers before Python 3.14
    # (terminate_workers); its processes are in this attribute since 3.2.
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def _piece_count(ledger: LedgerFile, jobs: int, *, array: bool) -> int:
    """How many pieces the ledger is split in: one process splits each."""
    return 1 if array else max(1, min(jobs, ledger.size // ledger.range_bytes))


def _split(ledger: LedgerFile, pool: Executor | None, jobs: int, *, array: bool) -> list[_Piece]:
    """Split the ledger into its parts; raise the first problem with its text, if any."""
    if array:
        pieces = [_split_array(ledger, 0)]
    else:
        count = _piece_count(ledger, jobs, array=array)
        bounds = [ledger.size * piece // count for piece in range(count + 1)]
        pieces = list(
            _map(
                pool,
                _split_piece,
                [(ledger, piece, bounds[piece], bounds[piece + 1]) for piece in range(count)],
            )
        )
    lines = records = 0
    for piece in pieces:
        match piece.error:
            case JsonLedgerError() as error:
                raise JsonLedgerError(
                    records + error.record, lines + error.line, error.column, error.reason
                )
            case NotUtf8Error() as error:
                raise error
        lines += piece.lines
        records += piece.records
    return pieces


def _split_piece(job: tuple[LedgerFile, int, int, int]) -> _Piece:
    return _split_lines(*job)


def _keep_first(
    errors: list[tuple[int, FieldError]], counted: _Counted, max_problems: int | None
) -> int:
    """Add the errors of a part to ``errors``, keeping the first; return how many went."""
    errors.extend(counted.errors)
    if max_problems is None or len(errors) <= max_problems:
        return counted.omitted
    # Each part keeps its first problems: the first of all are among them.
    errors.sort(key=lambda pair: pair[0])
    dropped = len(errors) - max_problems
    del errors[max_problems:]
    return counted.omitted + dropped


def count_file(
    ledger: LedgerFile,
    *,
    period: ReportingPeriod | None,
    provenance: bool,
    jobs: int,
    max_problems: int | None = MAX_PROBLEMS,
) -> Subtotals:
    """Count the ledger file in parts, with ``jobs`` processes, into its subtotals.

    With no ``period``, the calendar year of the records is counted, when they all fall
    in one. No more processes are started than there are pieces or parts to work on.

    Raises:
        JsonLedgerError: When the file is not a JSON array of records, nor JSON Lines.
        NotUtf8Error: When the file is not UTF-8 text.
        InvalidLedgerError: With the first ``max_problems`` problems of the records, in
            ledger order, and the count of the rest.
        NoPeriodError: When no period is given and the records span several years.
    """
    array = _first_byte(ledger) == b"["
    pool = _pool(min(jobs, max(ledger.parts, _piece_count(ledger, jobs, array=array))))
    omitted = 0
    try:
        pieces = _split(ledger, pool, jobs, array=array)
        starts = tuple(itertools.accumulate((piece.records for piece in pieces), initial=0))
        years = frozenset().union(*(piece.years for piece in pieces))
        if period is None and len(years) == 1:
            period = ReportingPeriod.calendar_year(next(iter(years)))
        parts = [
            _PartJob(ledger, part, starts[:-1], period, provenance, max_problems)
            for part in range(ledger.parts)
        ]
        errors: list[tuple[int, FieldError]] = []
        conflicts: list[ConflictingRepeatError] = []
        total: Subtotals | None = None
        for counted in _map(pool, _count_part, parts):
            omitted += _keep_first(errors, counted, max_problems)
            conflicts.extend(counted.conflicts)
            if max_problems is not None and len(conflicts) > max_problems:
                conflicts.sort(key=lambda conflict: conflict.second)
                omitted += len(conflicts) - max_problems
                del conflicts[max_problems:]
            if counted.subtotals is not None:
                total = counted.subtotals if total is None else total + counted.subtotals
    except BaseException:
        if pool is not None:
            _stop(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    errors.sort(key=lambda pair: pair[0])
    conflicts.sort(key=lambda conflict: conflict.second)
    raise_problems(
        (error for _, error in errors),
        conflicts,
        starts[-1],
        omitted=omitted,
        limit=max_problems,
    )
    if period is None:
        raise NoPeriodError(years, starts[-1])
    if total is None:  # no part had a record
        return Subtotals.of((), period, provenance=provenance)
    return total


def spool(stream: IO[str] | IO[bytes], directory: Path) -> Path:
    """Copy ``stream`` to a file in ``directory``, to count it as one.

    For what cannot be read twice or sought: standard input, a pipe, a FIFO, a device.
    The bytes are copied as they come when the stream has them (``sys.stdin.buffer``).
    A NUL byte is never in JSON text: the copy stops there, with :class:`NotJsonError`,
    so that ``/dev/zero`` or a binary file is refused at once, not copied forever.
    """
    path = directory / "stdin"
    binary: IO[bytes] | None = getattr(stream, "buffer", None)
    read: Callable[[int], bytes | str] = (binary or stream).read
    copied = 0
    with path.open("wb") as copy:
        while chunk := read(_CHUNK):
            data = chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk
            nul = data.find(b"\0")
            if nul >= 0:
                raise NotJsonError(copied + nul)
            copy.write(data)
            copied += len(data)
    return path
