"""Splitting a ledger file into parts by request id: the first step of counting it.

The records are read and parsed, and each is written with its place in the ledger to the
temporary file of its part, chosen by its id (:func:`~transparency_core.partition_of`), so
that every record of an id lands in one part. An ``amends`` is sent to the part of the id
it names, where it can be checked. JSON Lines are split in byte ranges, one process each,
each line read by the JSON Lines reader (orjson's :func:`quick_line` first, then
:func:`read_line`); a JSON array is read by one process, by
:func:`~transparency_core.iter_json_records`. With orjson, a line goes to its part as it
was written, to be parsed again there (cheaper than packing the parsed record).
"""

from __future__ import annotations

import codecs
import marshal
import math
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from transparency_core._edge import (
    UNREAD,
    TextError,
    blank_line,
    iter_json_records,
    quick_line,
    read_line,
)
from transparency_core._subtotals import partition_of
from transparency_core.exceptions import JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "AMENDS",
    "CHUNK",
    "LINE",
    "PART_BYTES",
    "RANGE_BYTES",
    "RECORD",
    "LedgerFile",
    "NotJsonError",
    "NotUtf8Error",
    "Piece",
    "first_byte",
    "split_array",
    "split_lines",
    "spool",
]

PART_BYTES = 4 << 20
"""About how much of the ledger file one part holds: 4 MiB."""
RANGE_BYTES = 4 << 20
"""The least of a JSON Lines file that one process splits: 4 MiB."""
_BUFFER_BYTES = 4 << 20
"""How much of the split records are held, over all parts, before writing them."""
CHUNK = 1 << 16
"""How much of a file is read at a time."""
_WHITESPACE = b" \t\n\r"
_BOM = codecs.BOM_UTF8
RECORD, AMENDS, LINE = 0, 1, 2
"""What a part's item holds: a parsed record, an amendment, or a line to parse."""


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
    digests: bool = False
    """Whether the parts write their records' digests, for the ledger digest
    (``_digestparts``)."""

    @property
    def parts(self) -> int:
        """How many parts the ledger is split into."""
        return max(1, math.ceil(self.size / self.part_bytes))

    def part_file(self, part: int, piece: int) -> Path:
        """The file of ``part`` written by the process that split ``piece``."""
        return self.directory / f"{part}.{piece}"


@attrs.frozen
class Piece:
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
        item = (RECORD, position, record) if line is None else (LINE, position, line)
        if type(record) is not dict:
            self._send(partition_of("", self.parts), item)
            return
        request_id = record.get("id")
        key = request_id if type(request_id) is str else ""
        self._send(partition_of(key, self.parts), item)
        amends = record.get("amends")
        if type(amends) is str and key:
            self._send(partition_of(amends, self.parts), (AMENDS, key, amends))
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


def split_lines(ledger: LedgerFile, piece: int, start: int, end: int) -> Piece:
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
        while at < end and (raw := stream.readline()):
            lines += 1
            if (record := quick_line(raw)) is not UNREAD:
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
            if blank_line(raw):
                continue
            try:
                record = read_line(line)
            except TextError as problem:
                reason = problem.reason
                error = JsonLedgerError(records + problem.after, lines, problem.at + 1, reason)
                break
            writer.add(records, record)
            records += 1
    writer.close()
    return Piece(lines, records, frozenset(writer.years), error)


def _text_chunks(stream: IO[bytes]) -> Iterator[str]:
    """The text of ``stream`` in chunks; :class:`NotUtf8Error` at the first bad byte."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    read = 0
    while True:
        data = stream.read(CHUNK)
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


def split_array(ledger: LedgerFile, piece: int) -> Piece:
    """Split a JSON array (or any ledger text) read by one process."""
    writer = _Writer(ledger, piece)
    records = 0
    with ledger.path.open("rb") as stream:
        try:
            for record in iter_json_records(_text_chunks(stream)):
                writer.add(records, record)
                records += 1
        except NotUtf8Error as problem:
            return Piece(0, records, frozenset(), problem)
        except JsonLedgerError as problem:
            return Piece(0, records, frozenset(), problem)
    writer.close()
    return Piece(0, records, frozenset(writer.years))


def first_byte(ledger: LedgerFile) -> bytes:
    """The ledger's first byte that is not whitespace (after a byte order mark), or b""."""
    with ledger.path.open("rb") as stream:
        head = stream.read(len(_BOM))
        if head != _BOM:
            stream.seek(0)
        while chunk := stream.read(CHUNK):
            text = chunk.lstrip(_WHITESPACE)
            if text:
                return text[:1]
    return b""


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
        while chunk := read(CHUNK):
            data = chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk
            nul = data.find(b"\0")
            if nul >= 0:
                raise NotJsonError(copied + nul)
            copy.write(data)
            copied += len(data)
    return path
