"""The ledger's JSON types, checked one raw value at a time: the hooks of every reading path.

Each function takes a value as it came (``json.load`` output, or anything a caller hands
in) and returns it as the field's type, or raises a
:class:`~transparency_core.exceptions.FieldError` with an empty path, which the caller
places. The converter registers them as its structure hooks (they take the type cattrs
passes) and the fast path for usual records calls them directly, so both refuse the same
values in the same words. No coercion: ``"false"`` is not a bool, ``3`` is not a string.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from transparency_core._checks import any_blank, parse_iso_date, parse_moment
from transparency_core._model import Action, DataKind, DsaOrder, Notification, Outcome
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "ENUMS",
    "day",
    "flag",
    "identifier_list",
    "member",
    "moment",
    "one_of",
    "optional_moment",
    "record",
    "text",
    "texts",
]

_E = TypeVar("_E", bound=enum.Enum)
_RECORD = "an object mapping field names to values"
_UNICODE = "text (valid Unicode, no lone surrogates)"
_SURROGATE = re.compile("[\ud800-\udfff]")
ENUMS: tuple[type[enum.Enum], ...] = (Outcome, DataKind, Notification, Action, DsaOrder)
"""The enums of the ledger format, each written as one of its members' values."""
_TEXT = frozenset({str})
_MEMBERS: dict[type[enum.Enum], dict[str, Any]] = {
    cls: {member.value: member for member in cls} for cls in ENUMS
}


def one_of(values: Iterable[str]) -> str:
    """What a field of a few allowed values expects, in words.

    Example:
        >>> one_of(["imei", "serial_number"])
        "one of 'imei', 'serial_number'"
    """
    return "one of " + ", ".join(repr(value) for value in values)


def text(value: object, _: object = str) -> str:
    r"""``value`` as a string: a string of valid Unicode (no lone surrogate, which a JSON
    escape of one half of a pair makes).

    Example:
        >>> text("R1")
        'R1'
        >>> try:
        ...     text("\ud800")
        ... except FieldError as error:
        ...     print(error.expected)
        text (valid Unicode, no lone surrogates)
    """  # noqa: D205 -- the summary needs its two lines
    if type(value) is not str:
        raise FieldError("", "a string", value)
    if not _unicode(value):
        raise FieldError("", _UNICODE, value)
    return value


def _unicode(value: str) -> bool:
    """Whether a string is valid Unicode: no lone surrogate in it."""
    return value.isascii() or _SURROGATE.search(value) is None


def texts(values: list[Any]) -> bool:
    r"""Whether every value is a text :func:`text` takes, and none is blank: at C speed.

    :func:`text` and :func:`~transparency_core._checks.blank` over many values at once,
    for the reader of usual records; ``False`` sends a record to the field-by-field
    path, which names the problem. (Joined, the strings hold a lone surrogate exactly
    when one of them does: Python joins no halves into a pair.)

    Example:
        >>> texts(["imei", "490154203237518"]), texts(["imei", " "]), texts(["\ud800"])
        (True, False, False)
        >>> texts(["imei", 490154203237518]), texts(["imei", None]), texts([])
        (False, False, True)
    """
    if not _TEXT.issuperset(map(type, values)):
        return False
    joined = "".join(values)
    return _unicode(joined) and not any_blank(values, joined)


def flag(value: object, _: object = bool) -> bool:
    """``value`` as a bool: ``true`` or ``false``, nothing that merely looks like one.

    Example:
        >>> flag(False)
        False
    """
    if type(value) is not bool:
        raise FieldError("", "true or false", value)
    return value


def day(value: object, _: object = None) -> date:
    """``value`` as a date: a ``YYYY-MM-DD`` string of a day of the calendar.

    Example:
        >>> day("2020-01-08")
        datetime.date(2020, 1, 8)
    """
    if type(value) is not str:
        raise FieldError("", "a YYYY-MM-DD date string", value)
    try:
        return parse_iso_date(value)
    except ValueError:
        raise FieldError("", "a YYYY-MM-DD date", value) from None


def moment(value: object, _: object = None) -> date:
    """``value`` as a date, or as a date-time with an offset (an aware ``datetime``).

    Example:
        >>> moment("2025-03-04"), moment("2025-03-04T08:00Z").hour
        (datetime.date(2025, 3, 4), 8)
    """
    if type(value) is not str:
        raise FieldError("", "a YYYY-MM-DD date string", value)
    try:
        return parse_moment(value)
    except FieldError:
        raise
    except ValueError:
        raise FieldError("", "a YYYY-MM-DD date", value) from None


def optional_moment(value: object, _: object = None) -> date | None:
    """``value`` as :func:`moment` does, or ``None`` for null.

    Example:
        >>> optional_moment(None) is None
        True
    """
    return None if value is None else moment(value)


def member(value: object, cls: type[_E]) -> _E:
    """``value`` as a member of the enum ``cls``: one of its members' values, a string.

    Example:
        >>> member("provided", Outcome)
        <Outcome.PROVIDED: 'provided'>
    """
    found = _MEMBERS[cls].get(value) if type(value) is str else None
    if found is None:
        raise FieldError("", one_of(_MEMBERS[cls]), value)
    result: _E = found
    return result


def identifier_list(value: object, _: object = None) -> list[Any]:
    """``value`` as the list of a request's identifiers (each checked on its own).

    Example:
        >>> identifier_list([])
        []
    """
    if type(value) is not list:
        raise FieldError("", "a list of identifiers", value)
    return value


def record(value: object) -> Mapping[str, Any]:
    """``value`` as a record: an object of fields, such as ``json.load`` makes.

    Example:
        >>> record({"id": "R1"})
        {'id': 'R1'}
    """
    if type(value) is not dict and not isinstance(value, Mapping):
        raise FieldError("", _RECORD, value)
    return value
