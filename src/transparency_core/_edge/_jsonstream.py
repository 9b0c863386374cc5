"""Ledger records from JSON text that arrives in pieces: a JSON array, or JSON Lines.

Nothing here opens a file: the caller hands in the text as an iterable of chunks (a file
read in blocks, a socket, a generator), and gets the records one at a time, so a ledger
larger than memory can be counted with :func:`tally_ledger`. Each line of JSON Lines is
read by the one line reader, :func:`~transparency_core._edge.read_line`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from transparency_core._edge._jsonlines import (
    WHITESPACE,
    TextError,
    check_keys,
    decode,
    read_line,
    why,
)
from transparency_core.exceptions import JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["iter_json_records"]

_NUMBER = frozenset("0123456789+-.eE")
_BOM = "\ufeff"


class _Text:
    """The text seen so far, with the position of the next character to read.

    The buffer holds the text not yet read; when a value or a line is cut short, at least
    as much again is read before trying again, so a long value costs linear time.
    """

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self._dropped = 0
        self._dropped_lines = 0
        self._last_newline = -1

    def more(self, at_least: int = 1) -> bool:
        """Read chunks until ``at_least`` more characters came; return whether any did."""
        pieces: list[str] = []
        got = 0
        for chunk in self._chunks:
            if chunk:
                pieces.append(chunk)
                got += len(chunk)
                if got >= at_least:
                    break
        if not pieces:
            self.eof = True
            return False
        consumed = self.buffer[: self.pos]
        newlines = consumed.count("\n")
        if newlines:
            self._last_newline = self._dropped + consumed.rindex("\n")
        self._dropped_lines += newlines
        self._dropped += self.pos
        self.buffer = self.buffer[self.pos :] + "".join(pieces)
        self.pos = 0
        return True

    def skip_bom(self) -> None:
        """Skip a byte order mark at the start of the text (as editors on Windows write)."""
        if not self.buffer:
            self.more()
        if self.buffer.startswith(_BOM):
            self.buffer = self.buffer[1:]

    def peek(self) -> str:
        """The next character that is not whitespace, or "" at the end of the text."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer) or not self.more():
                return self.buffer[self.pos : self.pos + 1]

    def where(self, offset: int | None = None) -> tuple[int, int]:
        """Line and column (from 1) of ``offset`` in the buffer, by default ``pos``."""
        at = self.pos if offset is None else offset
        before = self.buffer[:at]
        line = self._dropped_lines + before.count("\n") + 1
        if "\n" in before:
            column = at - before.rindex("\n")
        else:
            column = self._dropped + at - self._last_newline
        return line, column

    def error(self, record: int, reason: str, offset: int | None = None) -> JsonLedgerError:
        """A :class:`JsonLedgerError` at ``offset``."""
        at = self.pos if offset is None else offset
        line, column = self.where(at)
        return JsonLedgerError(record, line, column, why(self.buffer, at, reason))

    def _cut_short(self, error: json.JSONDecodeError) -> bool:
        """Whether ``error`` may come of the text read so far ending inside the value."""
        return error.msg.startswith("Unterminated string") or error.pos >= len(self.buffer) - 12

    def value(self, record: int) -> object:
        """Decode the JSON value at ``pos``, reading more text while it is cut short."""
        while True:
            try:
                value, end = decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if self._cut_short(error) and self.more(len(self.buffer) - self.pos):
                    continue
                raise self.error(record, error.msg, error.pos) from None
            except TextError as error:
                raise self.error(record, error.reason, error.at) from None
            # A number that reaches the end of the text read so far may go on in the
            # next chunk: "1.5e" then "+16".
            if (
                isinstance(value, int | float)
                and not self.eof
                and all(char in _NUMBER for char in self.buffer[end:])
                and self.more()
            ):
                continue
            try:
                check_keys(value, self.buffer, self.pos, end)
            except TextError as error:
                raise self.error(record, error.reason, error.at) from None
            self.pos = end
            return value


def _array(text: _Text) -> Iterator[object]:
    text.pos += 1  # the opening bracket
    record = 0
    if text.peek() == "]":
        text.pos += 1
    else:
        while True:
            if text.peek() == "":
                raise text.error(record, "the text ends before the closing ]")
            yield text.value(record)
            record += 1
            separator = text.peek()
            text.pos += 1
            if separator == "]":
                break
            if separator != ",":
                reason = (
                    "the text ends before the closing ]"
                    if not separator
                    else (f"expected ',' or ']' after a record, got {separator!r}")
                )
                raise text.error(record, reason, text.pos - 1)
            if text.peek() == "]":
                raise text.error(record, "a comma before the closing ] (no record follows it)")
    if text.peek() != "":
        raise text.error(record, "text after the closing ]")


def _line_end(text: _Text) -> int:
    """Where the line at ``pos`` ends in the buffer, reading more text until it does."""
    end = text.buffer.find("\n", text.pos)
    while end < 0:
        searched = len(text.buffer) - text.pos
        if not text.more(searched):
            return len(text.buffer)
        end = text.buffer.find("\n", searched)
    return end


def _lines(text: _Text) -> Iterator[object]:
    record = 0
    while text.peek() != "":
        end = _line_end(text)
        start = text.pos
        try:
            yield read_line(text.buffer[start:end])
        except TextError as error:
            raise text.error(record + error.after, error.reason, start + error.at) from None
        record += 1
        text.pos = end


def iter_json_records(chunks: Iterable[str]) -> Iterator[object]:
    r"""Yield the records of a JSON array, or of JSON Lines, from text in chunks.

    The form is told by the first character: ``[`` starts an array; anything else is
    JSON Lines, one record a line (blank lines are skipped). Only one record is held at a
    time, and the chunks may split the text anywhere. A byte order mark at the start is
    skipped.

    Raises:
        JsonLedgerError: When the text is not such JSON, with the record number, line
            and column; also for an object that gives a key twice (JSON would keep the
            last silently) and for an integer longer than Python reads (4,300 digits).

    Example:
        >>> list(iter_json_records(['[{"id": "A"}, {"i', 'd": "B"}]']))
        [{'id': 'A'}, {'id': 'B'}]
        >>> list(iter_json_records(['{"id": "A"}\n', '\n{"id": "B"}\n']))
        [{'id': 'A'}, {'id': 'B'}]
        >>> try:
        ...     list(iter_json_records(['[{"id": "A", "id": "B"}]']))
        ... except JsonLedgerError as error:
        ...     print(error.reason)
        the key 'id' appears twice in one object (each field may be given once)
    """
    text = _Text(chunks)
    text.skip_bom()
    if text.peek() == "[":
        yield from _array(text)
    else:
        yield from _lines(text)
