"""Ledger records from JSON text that arrives in pieces: a JSON array, or JSON Lines.

Nothing here opens a file: the caller hands in the text as an iterable of chunks (a file
read in blocks, a socket, a generator), and gets the records one at a time, so a ledger
larger than memory can be counted with :func:`tally_ledger`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from transparency_core.exceptions import JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["iter_json_records"]

_WHITESPACE = " \t\n\r"
_NUMBER = frozenset("0123456789+-.eE")
_DECODER = json.JSONDecoder()
_TOO_DEEP = "the record is nested too deeply to read"


class _Text:
    """The text seen so far, with the position of the next character to read."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self._dropped = 0
        self._dropped_lines = 0
        self._last_newline = -1

    def more(self) -> bool:
        """Read one more chunk; return whether there was one."""
        for chunk in self._chunks:
            if chunk:
                consumed = self.buffer[: self.pos]
                newlines = consumed.count("\n")
                if newlines:
                    self._last_newline = self._dropped + consumed.rindex("\n")
                self._dropped_lines += newlines
                self._dropped += self.pos
                self.buffer = self.buffer[self.pos :] + chunk
                self.pos = 0
                return True
        self.eof = True
        return False

    def peek(self) -> str:
        """The next character that is not whitespace, or "" at the end of the text."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
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
        line, column = self.where(offset)
        return JsonLedgerError(record, line, column, reason)

    def value(self, record: int) -> object:
        """Decode the JSON value at ``pos``, reading more text while it is cut short."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if self.more():
                    continue
                raise self.error(record, error.msg, error.pos) from None
            except RecursionError:
                raise self.error(record, _TOO_DEEP) from None
            # A number that reaches the end of the text read so far may go on in the
            # next chunk: "1.5e" then "+16".
            if (
                isinstance(value, int | float)
                and not self.eof
                and all(char in _NUMBER for char in self.buffer[end:])
                and self.more()
            ):
                continue
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


def _lines(text: _Text) -> Iterator[object]:
    record = 0
    while text.peek() != "":
        end = text.buffer.find("\n", text.pos)
        while end < 0 and text.more():
            end = text.buffer.find("\n", text.pos)
        if end < 0:
            end = len(text.buffer)
        line = text.buffer[:end]
        try:
            value, stop = _DECODER.raw_decode(line, text.pos)
        except json.JSONDecodeError as error:
            raise text.error(record, error.msg, error.pos) from None
        except RecursionError:
            raise text.error(record, _TOO_DEEP) from None
        if line[stop:].strip(_WHITESPACE):
            raise text.error(record + 1, "expected one record a line (JSON Lines)", stop)
        yield value
        record += 1
        text.pos = end


def iter_json_records(chunks: Iterable[str]) -> Iterator[object]:
    r"""Yield the records of a JSON array, or of JSON Lines, from text in chunks.

    The form is told by the first character: ``[`` starts an array; anything else is
    JSON Lines, one record a line (blank lines are skipped). Only one record is held at a
    time, and the chunks may split the text anywhere.

    Raises:
        JsonLedgerError: When the text is not such JSON, with the record number, line
            and column.

    Example:
        >>> list(iter_json_records(['[{"id": "A"}, {"i', 'd": "B"}]']))
        [{'id': 'A'}, {'id': 'B'}]
        >>> list(iter_json_records(['{"id": "A"}\n', '\n{"id": "B"}\n']))
        [{'id': 'A'}, {'id': 'B'}]
    """
    text = _Text(chunks)
    if text.peek() == "[":
        yield from _array(text)
    else:
        yield from _lines(text)
