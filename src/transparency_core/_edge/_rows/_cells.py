"""A spreadsheet's cells as ledger values: human values where they are unambiguous.

A cell comes as a spreadsheet program or a notebook hands it over: text, a number, a
bool, a date or datetime, or a pandas or numpy scalar (read by duck typing: a
``Timestamp`` by its ``to_pydatetime()``, a numpy scalar by its ``item()``; pandas is
never imported). Blank is ``None``, empty or white-space text, NaN, ``NaT`` or ``NA``.
Each function takes a cell that is not blank and returns the raw ledger value (text for
a date, a code for a country), which the strict path then checks as any record's; or
raises a :class:`~transparency_core.exceptions.FieldError` saying what a cell may hold.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from babel import Locale

from transparency_core._checks import COUNTRY_CODES, blank, parse_moment
from transparency_core._edge._rows._columns import normal
from transparency_core.exceptions import FieldError

__all__ = [
    "cell_country",
    "cell_date",
    "cell_flag",
    "cell_moment",
    "cell_text",
    "is_blank",
    "plain",
]

_PLAIN = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, Decimal})
_MISSING = frozenset({"NAType", "NaTType"})
"""The class names of pandas' missing values, ``NA`` and ``NaT``."""
_DIGITS = 10**15
"""A spreadsheet keeps 15 significant digits of a number: a longer one is not exact."""
_TEXT = "text"
_LONG_NUMBER = (
    "text (a number of more than 15 digits loses its last digits in a spreadsheet: "
    "format the column as text)"
)
_FLAG = "yes or no (or true or false, 1 or 0)"
_DATE = (
    "a date (a date cell or YYYY-MM-DD text) or a date-time with an offset "
    "(text such as 2025-03-04T09:30:00+01:00)"
)
_NAIVE = (
    "a date-time with an offset: a date-time cell has none, so write the time as text "
    "with its offset, such as 2025-03-04T09:30:00+01:00, or give the day alone"
)
_COUNTRY = (
    "an ISO 3166-1 alpha-2 country code such as 'CN', or a country's English name such as 'China'"
)
_TRUE = frozenset({"yes", "true", "1"})
_FALSE = frozenset({"no", "false", "0"})
_PARENTHESES = re.compile(r"^(.*?) \((.*)\)$")


def plain(value: object) -> object:
    """``value`` as a plain Python value: pandas' and numpy's scalars unwrapped.

    Example:
        >>> from decimal import Decimal
        >>> plain("R1"), plain(Decimal("1"))
        ('R1', Decimal('1'))
    """
    if type(value) in _PLAIN or type(value).__name__ in _MISSING:
        return value
    to_datetime = getattr(value, "to_pydatetime", None)
    if callable(to_datetime):
        return to_datetime()
    item = getattr(value, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):  # an array of more than one value, say
            return value
    if isinstance(value, str):
        return str(value)
    return value


def is_blank(value: object) -> bool:
    """Whether a (plain) cell holds nothing: ``None``, blank text, NaN, ``NaT`` or ``NA``.

    Example:
        >>> is_blank(None), is_blank(" "), is_blank(float("nan")), is_blank(0)
        (True, True, True, False)
    """
    if value is None or type(value).__name__ in _MISSING:
        return True
    if isinstance(value, str):
        return blank(value)
    if isinstance(value, float | Decimal):
        return value != value  # NaN  # noqa: PLR0124 -- only NaN differs from itself
    return False


def cell_text(value: object, *, strip: bool = True) -> str:
    """A text cell: text (its surrounding spaces stripped when ``strip``), or a whole number.

    Example:
        >>> cell_text(" device "), cell_text(1001), cell_text(1001.0)
        ('device', '1001', '1001')
    """
    if isinstance(value, str):
        return value.strip() if strip else value
    if type(value) is int:
        return str(value)
    if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
        whole = int(value)
        if abs(whole) >= _DIGITS:
            raise FieldError("", _LONG_NUMBER, whole)
        return str(whole)
    raise FieldError("", _TEXT, value)


def cell_flag(value: object) -> bool:
    """A yes-or-no cell: a bool, ``yes``/``no``, ``true``/``false``, ``1``/``0``.

    Example:
        >>> cell_flag("Yes"), cell_flag(0), cell_flag(" FALSE "), cell_flag(True)
        (True, False, False, True)
    """
    if type(value) is bool:
        return value
    if type(value) in {int, float} and value in {0, 1}:
        return bool(value)
    if isinstance(value, str):
        word = normal(value)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise FieldError("", _FLAG, value)


def cell_date(value: object) -> str:
    """A ``received`` cell, as the ledger's text: a date, or a date-time with an offset.

    A date cell, or ``YYYY-MM-DD`` text, is a date. A date-time cell with an offset (a
    pandas ``Timestamp`` with a time zone), or text with one, is kept as a date-time.
    A date-time cell without an offset (what a spreadsheet holds) gives its date: the
    day the request was received, which is all ``received`` needs.

    Example:
        >>> cell_date(dt.datetime(2020, 1, 8, 14, 30)), cell_date(" 2020-01-08")
        ('2020-01-08', '2020-01-08')
        >>> cell_date("2020-12-31T23:30:00-05:00")
        '2020-12-31T23:30:00-05:00'
    """
    return _moment(value, naive_day=True)


def cell_moment(value: object) -> str:
    """An ``acknowledged`` or ``responded`` cell: a date, or a date-time with an offset.

    A date-time cell without an offset is a date only at midnight: at any other time
    the hours between two moments would not be known, and it is refused, saying how
    to write it.

    Example:
        >>> cell_moment(dt.datetime(2020, 1, 8)), cell_moment("2020-01-08T09:30Z")
        ('2020-01-08', '2020-01-08T09:30Z')
    """
    return _moment(value, naive_day=False)


def _moment(value: object, *, naive_day: bool) -> str:
    if isinstance(value, dt.datetime):
        if value.utcoffset() is not None:
            return value.isoformat()
        if naive_day or value.time() == dt.time():
            return value.date().isoformat()
        raise FieldError("", _NAIVE, value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            parse_moment(text)
        except FieldError:
            pass
        else:
            return text
    raise FieldError("", _DATE, value)


def _country_names() -> dict[str, str]:
    """Each country's English name (and its short forms) in normal form, to its code."""
    names: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for code, name in Locale("en").territories.items():
        if code not in COUNTRY_CODES:
            continue
        names[_name_key(name)] = code
        # "Myanmar (Burma)": also "Myanmar" and "Burma"; "Hong Kong SAR China": "Hong Kong".
        match = _PARENTHESES.match(name)
        forms = list(match.groups()) if match else []
        forms.append(name.removesuffix(" SAR China"))
        for form in forms:
            short.setdefault(_name_key(form), set()).add(code)
    for key, codes in short.items():
        if len(codes) == 1 and key not in names:
            names[key] = codes.pop()
    return names


def _name_key(name: str) -> str:
    return normal(name.replace("\N{RIGHT SINGLE QUOTATION MARK}", "'"))


_NAMES = _country_names()


def cell_country(value: object) -> str:
    """A country cell: an ISO 3166-1 alpha-2 code in any case, or the English name.

    Example:
        >>> cell_country("es"), cell_country("Spain"), cell_country("hong kong")
        ('ES', 'ES', 'HK')
    """
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in COUNTRY_CODES:
            return text.upper()
        code = _NAMES.get(_name_key(text))
        if code is not None:
            return code
    raise FieldError("", _COUNTRY, value)
