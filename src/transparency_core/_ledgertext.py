"""How an error shows the values it names: in the ledger's words, never Python's.

A value that came in a ledger record, or that a caller handed in, is shown as the ledger
would write it: ``'provided'`` for an outcome, ``'2020-01-08'`` for a date, ``null``,
``true``, ``[{"type": "imei", "value": "…7518"}]`` for identifiers (masked). Whatever the value, the
text is short, printable and safe to write anywhere: strings are quoted with their
control characters escaped, a number too long to print is described, an object the
ledger has no word for is named by its type.

For data, :func:`json_safe` gives the value itself when a JSON reader is sure to take
it back unchanged (I-JSON, RFC 7493), and its text otherwise.
"""

from __future__ import annotations

import ast
import datetime as dt
import enum
import json
import math
import re
from decimal import Decimal
from fractions import Fraction

import attrs

from transparency_core._mask import CUSTOMER_DATA, MASK, masked

__all__ = [
    "NOTHING_SHOWN",
    "Missing",
    "json_safe",
    "ledger_text",
    "ledger_value",
    "path_keys",
    "printable",
]

NOTHING_SHOWN = "nothing"
"""How an absent value (a required field that is missing) is shown."""


class Missing(enum.Enum):
    """The type of :data:`~transparency_core.exceptions.MISSING`."""

    MISSING = enum.auto()

    def __repr__(self) -> str:
        return NOTHING_SHOWN


_MAX_SHOWN = 80
_SAFE_INTEGER = 2**53 - 1  # I-JSON (RFC 7493): the integers every JSON reader keeps exactly
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PATH_STEP = re.compile(r"\$|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]|([^.\[\]]+)")


def printable(text: str) -> str:
    r"""``text`` with control characters and lone surrogates written as ``\uXXXX``.

    The escape is JSON's, so JSON text stays valid JSON.

    Example:
        >>> printable('a\x1b[31m"b"\u202e')
        'a\\u001b[31m"b"\\u202e'
    """
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def ledger_value(value: object) -> object:  # noqa: PLR0911 -- one return per kind of value
    """The value as a ledger record holds it: a date as its ISO text, an enum as its value.

    A value object (an identifier) becomes the mapping of the fields it does not leave
    at their default, a customer's data masked (:func:`customer_value`); sequences
    become lists; anything else comes back as it is.

    Example:
        >>> from transparency_core import Identifier, Outcome
        >>> ledger_value([Identifier("imei", "1"), Outcome.PROVIDED, dt.date(2020, 1, 8)])
        [{'type': 'imei', 'value': '…'}, 'provided', '2020-01-08']
    """
    match value:
        case Missing():
            return value
        case enum.Enum():
            return ledger_value(value.value)
        case dt.date():
            return value.isoformat()
        case list() | tuple():
            return [ledger_value(item) for item in value]
        case dict():
            return {key: ledger_value(item) for key, item in value.items()}
    kind = type(value)
    if attrs.has(kind):
        return {
            field.name: (customer_value if field.metadata.get(CUSTOMER_DATA) else ledger_value)(
                getattr(value, field.name)
            )
            for field in attrs.fields(kind)
            if field.init and getattr(value, field.name) != field.default
        }
    return value


def customer_value(value: object) -> object:
    """A customer's value (an identifier's) as a message may show it: masked.

    Blank text is shown as it is (it holds nothing of anyone); a number by the last
    digits it has, if it has eight or more; a list or an object part by part.

    Example:
        >>> customer_value("490154203237518"), customer_value(" "), customer_value(7)
        ('…7518', ' ', 'a number')
        >>> ledger_text(customer_value(490154203237518))
        'a number ending in 7518'
        >>> customer_value({"type": "imei", "value": ["490154203237518"]})
        {'type': '…', 'value': ['…7518']}
    """
    match value:
        case bool() | None:
            return value
        case str():
            return value if not value.strip() else masked(value)
        case int() | float() | Decimal():
            tail = masked(str(value))[len(MASK) :]
            return _Raw(f"a number ending in {tail}" if tail else "a number")
        case list() | tuple():
            return [customer_value(item) for item in value]
        case dict():
            return {key: customer_value(item) for key, item in value.items()}
    return value if attrs.has(type(value)) else ledger_value(value)


def _number_text(value: float | Decimal | Fraction) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    return str(value)


def _integer_text(value: int) -> str:
    magnitude = abs(value)
    if magnitude < 10**_MAX_SHOWN:
        return str(value)
    digits = int(magnitude.bit_length() * math.log10(2))
    digits += magnitude >= 10**digits
    return f"an integer of {digits} digits"


def _plain(value: object) -> object:
    """``value`` with every part JSON can write as it is, other parts as their text."""
    match value:
        case None | bool() | str():
            return value
        case int():
            return value if abs(value) < 10**_MAX_SHOWN else _integer_text(value)
        case float() if math.isfinite(value):
            return value
        case list():
            return [_plain(item) for item in value]
        case dict():
            return {str(key): _plain(item) for key, item in value.items()}
    return _Raw(_text(value))


class _Raw(str):
    """Text that goes into a JSON rendering without quotes (``NaN``, ``nothing``)."""

    __slots__ = ()


def _json_text(value: object) -> str:
    """JSON-like text of a list or mapping whose odd parts are shown by their text."""
    match value:
        case _Raw():
            return str(value)
        case list():
            return "[" + ", ".join(_json_text(item) for item in value) + "]"
        case dict():
            return (
                "{"
                + ", ".join(f"{_json_text(key)}: {_json_text(item)}" for key, item in value.items())
                + "}"
            )
    return printable(json.dumps(value, ensure_ascii=False))


def _text(value: object) -> str:  # noqa: PLR0911 -- one return per kind of value
    match value:
        case Missing():
            return NOTHING_SHOWN
        case None:
            return "null"
        case bool():
            return "true" if value else "false"
        case _Raw():
            return str(value)
        case str():
            return repr(value)
        case int():
            return _integer_text(value)
        case float() | Decimal() | Fraction():
            return _number_text(value)
        case list() | dict():
            return _json_text(_plain(value))
    return f"a value of type {type(value).__name__}"


def ledger_text(value: object) -> str:
    """Show ``value`` in the ledger's words, in at most 80 characters.

    Example:
        >>> from transparency_core import Identifier, Outcome
        >>> ledger_text(Outcome.PROVIDED), ledger_text(None), ledger_text(float("nan"))
        ("'provided'", 'null', 'NaN')
        >>> ledger_text((Identifier("imei", "490154203237518"),))
        '[{"type": "imei", "value": "…7518"}]'
        >>> ledger_text(10**5000), ledger_text(b"x")
        ('an integer of 5001 digits', 'a value of type bytes')
    """
    text = _text(ledger_value(value))
    if len(text) > _MAX_SHOWN:
        return f"{text[: _MAX_SHOWN - 3]}..."
    return text


def _exact(value: object) -> bool:  # noqa: PLR0911 -- one return per kind of value
    """Whether every JSON reader takes ``value`` back unchanged (I-JSON)."""
    match value:
        case None | bool():
            return True
        case str():
            return _SURROGATE.search(value) is None
        case int():
            return abs(value) <= _SAFE_INTEGER
        case float():
            return math.isfinite(value)
        case list():
            return all(_exact(item) for item in value)
        case dict():
            return all(
                type(key) is str and _exact(key) and _exact(item) for key, item in value.items()
            )
    return False


def json_safe(value: object) -> object:
    r"""``value`` as JSON data: its ledger value when exact, its :func:`ledger_text` if not.

    Example:
        >>> json_safe(dt.date(2020, 1, 8)), json_safe([1, None]), json_safe(2**60)
        ('2020-01-08', [1, None], '1152921504606846976')
        >>> json_safe("\ud800"), json_safe(float("inf"))
        ("'\\ud800'", 'Infinity')
    """
    shown = ledger_value(value)
    return shown if _exact(shown) else ledger_text(value)


def path_keys(path: str) -> list[str | int]:
    """The steps of a path such as ``$[3].identifiers[1].type``, as keys and indexes.

    Example:
        >>> path_keys("$[3].identifiers[1].type")
        ['$', 3, 'identifiers', 1, 'type']
        >>> path_keys("response.data"), path_keys("")
        (['response', 'data'], [])
    """
    keys: list[str | int] = []
    for match in _PATH_STEP.finditer(path):
        index, quoted, name = match.groups()
        if index is not None:
            keys.append(int(index))
        elif quoted is not None:
            keys.append(str(ast.literal_eval(quoted)))
        else:
            keys.append(name or "$")
    return keys
