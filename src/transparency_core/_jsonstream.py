"""Ledger records from JSON text that arrives in pieces: a JSON array, or JSON Lines.

Nothing here opens a file: the caller hands in the text as an iterable of chunks (a file
read in blocks, a socket, a generator), and gets the records one at a time, so a ledger
larger than memory can be counted with :func:`tally_ledger`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from transparency_core.exceptions import JsonLedgerError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["iter_json_records"]

_WHITESPACE = " \t\n\r"
_NUMBER = frozenset("0123456789+-.eE")
_TOO_DEEP = "the record is nested too deeply to read"
_BOM = "\ufeff"


class _RepeatedKeyError(ValueError):
    """An object names a key twice (raised while decoding, turned into a JsonLedgerError)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _LongNumberError(ValueError):
    """An integer longer than Python converts (``sys.get_int_max_str_digits``)."""

    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _LongNumberError(len(text.lstrip("-"))) from None


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """An object's pairs as a dict; a key given twice is an error, never a silent choice."""
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:  # pragma: no branch -- a key repeats
            if key in seen:
                raise _RepeatedKeyError(key)
            seen.add(key)
    return value


_DECODER = json.JSONDecoder(parse_int=_int)
_EXACT = json.JSONDecoder(parse_int=_int, object_pairs_hook=_pairs)
"""Finds a repeated key; slower, so used only where the cheap check cannot rule one out."""
_KEY_END = re.compile(r'"[ \t\r\n]*:')
_KEY_END_BYTES = re.compile(rb'"[ \t\r\n]*:')


def _usual_keys(value: object) -> int:
    """How many keys a record has where a good one has objects.

    They are the keys of the record itself, of its ``response``, and of each of its
    ``identifiers``; -1 for a value that is no object.
    """
    if type(value) is not dict:
        return -1
    keys = len(value)
    response = value.get("response")
    if type(response) is dict:
        keys += len(response)
    identifiers = value.get("identifiers")
    if type(identifiers) is list:
        for identifier in identifiers:
            if type(identifier) is dict:
                keys += len(identifier)
    return keys


# Every key of JSON text is followed by a colon, and ends with ``"`` then ``:``
# (whitespace between): either count is at least the number of keys in the text. When a
# count equals the keys decoded (:func:`_usual_keys`), no object gave a key twice. Only
# when neither does (a record with other objects, or colons inside strings) is the text
# decoded again by _EXACT, which finds a repeated key if there is one. Counting colons is
# one pass in C; the usual record has no colon in its strings.


def unrepeated(value: object, text: str, start: int, end: int) -> bool:
    """Whether no object of ``text[start:end]``, which decodes to ``value``, repeats a key."""
    colons = text.count(":", start, end)
    keys = _usual_keys(value)
    if colons in {0, keys}:
        return True
    marks = text.count('":', start, end)
    if any(text.find(f'"{space}', start, end) >= 0 for space in _WHITESPACE):
        marks = len(_KEY_END.findall(text, start, end))
    return marks == keys


def unrepeated_line(raw: bytes, value: object) -> bool:
    """:func:`unrepeated` for one line of bytes."""
    colons = raw.count(b":")
    keys = _usual_keys(value)
    if colons in {0, keys}:
        return True
    marks = raw.count(b'":')
    if b'" ' in raw or b'"\t' in raw or b'"\r' in raw:
        marks = len(_KEY_END_BYTES.findall(raw))
    return marks == keys


def repeated_key(text: str) -> str | None:
    """The key that an object of ``text`` gives twice, if any."""
    try:
        _EXACT.decode(text)
    except _RepeatedKeyError as error:
        return error.key
    except (ValueError, RecursionError):  # pragma: no cover -- the text decoded before
        return None
    return None


def repeated_key_reason(key: str) -> str:
    """The reason of the error for an object that names ``key`` twice."""
    return f"the key {key!r} appears twice in one object (each field may be given once)"


def long_number_reason(digits: int) -> str:
    """The reason of the error for an integer of ``digits`` digits."""
    return f"a number of {digits:,} digits, too long to read (no field of a record is a number)"


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
        at = self.pos if offset is None else offset
        if self.buffer[at : at + 1] == "\0":
            reason = "a NUL character: binary data, not JSON text"
        line, column = self.where(offset)
        return JsonLedgerError(record, line, column, reason)

    def _cut_short(self, error: json.JSONDecodeError) -> bool:
        """Whether ``error`` may come of the text read so far ending inside the value."""
        return error.msg.startswith("Unterminated string") or error.pos >= len(self.buffer) - 12

    def value(self, record: int) -> object:
        """Decode the JSON value at ``pos``, reading more text while it is cut short."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                if self._cut_short(error) and self.more(len(self.buffer) - self.pos):
                    continue
                raise self.error(record, error.msg, error.pos) from None
            except _LongNumberError as error:
                raise self.error(record, long_number_reason(error.digits)) from None
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
            if not unrepeated(value, self.buffer, self.pos, end) and (
                key := repeated_key(self.buffer[self.pos : end])
            ):
                raise self.error(record, repeated_key_reason(key))
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
        line = text.buffer[start:end]
        try:
            value, stop = _DECODER.raw_decode(line)
        except json.JSONDecodeError as error:
            raise text.error(record, error.msg, start + error.pos) from None
        except _LongNumberError as error:
            raise text.error(record, long_number_reason(error.digits)) from None
        except RecursionError:
            raise text.error(record, _TOO_DEEP) from None
        if line[stop:].strip(_WHITESPACE):
            raise text.error(record + 1, "expected one record a line (JSON Lines)", start + stop)
        if not unrepeated(value, line, 0, stop) and (key := repeated_key(line[:stop])):
            raise text.error(record, repeated_key_reason(key))
        yield value
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
