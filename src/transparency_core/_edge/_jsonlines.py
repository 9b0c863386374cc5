"""One line of JSON Lines to one record: the one line reader, and what it shares.

:func:`read_line` reads a line wherever lines are read: in
:func:`~transparency_core.iter_json_records`, and in the command line, which reads its
file's lines itself to split them by byte. :func:`quick_line` reads the usual line with
orjson, when the ``fast`` extra is installed, exactly as :func:`read_line` would. The
decoding itself (:func:`decode`, :func:`check_keys`) is the array reader's too: a key
given twice in one object is an error, never a silent choice, and an integer longer than
Python reads is named.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

try:
    from orjson import loads as _orjson_loads
except ImportError:  # pragma: no cover -- without the "fast" extra
    ORJSON: Callable[[bytes], Any] | None = None
else:
    ORJSON = _orjson_loads
"""orjson's reader, when the ``fast`` extra is installed."""

__all__ = [
    "ORJSON",
    "UNREAD",
    "WHITESPACE",
    "TextError",
    "blank_line",
    "check_keys",
    "decode",
    "line_reader",
    "quick_line",
    "read_line",
    "why",
]

WHITESPACE = " \t\n\r"
"""The white space of JSON text."""
_WHITESPACE_BYTES = WHITESPACE.encode()
_TOO_DEEP = "the record is nested too deeply to read"
_NUL = "a NUL character: binary data, not JSON text"
_QUICK_DEPTH = 900
"""Lines that may nest deeper are left to json: orjson reads 1,024 levels, json fewer."""


class TextError(ValueError):
    """Where in a text it is not a ledger's JSON, and why.

    Raised inside, and turned into a :class:`JsonLedgerError` by the reader that knows
    the record, line and column of ``at``; ``after`` says the problem comes after a
    record (so it is counted against the next).
    """

    def __init__(self, at: int, reason: str, *, after: bool = False) -> None:
        """Say where and why."""
        super().__init__(at, reason)
        self.at, self.reason, self.after = at, reason, after


def why(text: str, at: int, reason: str) -> str:
    """The reason of a problem at ``at``: a NUL character says binary data, not JSON."""
    return _NUL if text[at : at + 1] == "\0" else reason


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


_MARKS: dict[type, tuple[Any, ...]] = {
    str: (":", '":', tuple(f'"{space}' for space in WHITESPACE), _KEY_END),
    bytes: (b":", b'":', tuple(f'"{space}'.encode() for space in WHITESPACE), _KEY_END_BYTES),
}


def unrepeated(value: object, text: str | bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether no object of ``text[start:end]``, which decodes to ``value``, repeats a key."""
    colon, mark, spaced, key_end = _MARKS[type(text)]
    end = len(text) if end is None else end
    colons = text.count(colon, start, end)
    keys = _usual_keys(value)
    if colons in {0, keys}:
        return True
    marks = text.count(mark, start, end)
    if any(text.find(space, start, end) >= 0 for space in spaced):
        marks = len(key_end.findall(text, start, end))
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


def check_keys(value: object, text: str, start: int, end: int) -> None:
    """Raise :class:`TextError` when an object of ``text[start:end]`` gives a key twice."""
    if not unrepeated(value, text, start, end) and (key := repeated_key(text[start:end])):
        raise TextError(start, repeated_key_reason(key))


def decode(text: str, start: int) -> tuple[object, int]:
    """The JSON value at ``start`` and where it ends; :class:`TextError` when it cannot be
    read (a number too long, nesting too deep). A ``JSONDecodeError`` is the caller's.
    """  # noqa: D205 -- the summary needs its two lines
    try:
        return _DECODER.raw_decode(text, start)
    except _LongNumberError as error:
        raise TextError(start, long_number_reason(error.digits)) from None
    except RecursionError:
        raise TextError(start, _TOO_DEEP) from None


def repeated_key_reason(key: str) -> str:
    """The reason of the error for an object that names ``key`` twice."""
    return f"the key {key!r} appears twice in one object (each field may be given once)"


def long_number_reason(digits: int) -> str:
    """The reason of the error for an integer of ``digits`` digits."""
    return f"a number of {digits:,} digits, too long to read (no field of a record is a number)"


def read_line(line: str) -> object:
    r"""The record on one line of JSON Lines, with nothing but white space around it.

    ``line`` may end with its ``\n``; a problem found there is placed at the line's end.

    Raises:
        TextError: Where in ``line`` it is not one JSON record, and why: not JSON, a
            second value after the record, a key given twice in one object, a number too
            long to read, nesting too deep.

    Example:
        >>> read_line('  {"id": "A"}\r\n')
        {'id': 'A'}
    """
    line = line.removesuffix("\n")
    start = len(line) - len(line.lstrip(WHITESPACE))
    try:
        value, stop = decode(line, start)
    except json.JSONDecodeError as error:
        raise TextError(error.pos, why(line, error.pos, error.msg)) from None
    if line[stop:].strip(WHITESPACE):
        raise TextError(stop, "expected one record a line (JSON Lines)", after=True)
    check_keys(value, line, start, stop)
    return value


def blank_line(line: str | bytes) -> bool:
    r"""Whether ``line`` holds no record: nothing but white space, skipped in JSON Lines.

    Example:
        >>> blank_line(b" \r\n"), blank_line("{}")
        (True, False)
    """
    if isinstance(line, str):
        return not line.strip(WHITESPACE)
    return not line.strip(_WHITESPACE_BYTES)


UNREAD = object()
"""What :func:`quick_line` gives for a line it leaves to :func:`read_line`."""


def quick_line(raw: bytes) -> object:
    r"""The record of the line ``raw`` by orjson, or :data:`UNREAD`: :func:`read_line` reads it.

    orjson reads a line as :func:`read_line` does, or refuses it, but for three things,
    left to :func:`read_line`: a line that may nest deeper than json reads, a line
    orjson refuses (which :func:`read_line` reads or names the problem of), and a line
    whose keys are not all where a good record has them (orjson keeps the last of a
    repeated key silently). Numbers past 64 bits, which orjson reads as floats, are the
    one difference: no good record has a number.

    Example:
        >>> quick_line(b'{"id": "A", "id": "B"}\n') is UNREAD
        True
    """
    loads = ORJSON
    if loads is None or raw.count(b"[") + raw.count(b"{") > _QUICK_DEPTH:
        return UNREAD
    try:
        record = loads(raw)
    except ValueError:
        return UNREAD
    return record if unrepeated(record, raw) else UNREAD


def _exact_line(raw: bytes) -> object:
    return read_line(raw.decode())


def line_reader(*, exact: bool = False) -> Callable[[bytes], object]:
    """How to read again a line that :func:`quick_line` read: as it did, or, ``exact``,
    as :func:`read_line` does (a number past 64 bits as json reads it).

    Example:
        >>> line_reader(exact=True)(b'{"id": 123456789012345678901234567890}')
        {'id': 123456789012345678901234567890}
    """  # noqa: D205 -- the summary needs its two lines
    loads = ORJSON
    return _exact_line if exact or loads is None else loads
