"""The checks of a request's values: each rule of the ledger format once, over raw values.

The value objects call these on construction, and the readers call them on a raw ledger
record (which may hold a value of any type), so a request built in Python and one read
from JSON are checked by the same code and refused with the same error. A value of a
type the field does not have is left alone here: types are the edge's to check (see
:func:`transparency_core.structure_ledger`), and a record with a malformed field still
has every problem of its other fields found.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from babel import Locale

from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "COUNTRY_CODES",
    "NON_BLANK",
    "blank",
    "identifier_problem",
    "parse_iso_date",
    "record_problems",
    "request_problems",
]

_NOT_ISO_3166 = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"})
COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166  # noqa: PLR2004 -- alpha-2
)
"""ISO 3166-1 alpha-2 codes, as CLDR names them (with CLDR's reserved extras: Ascension,
Canary Islands, ...), less CLDR's groupings and private-use codes (EU, UN, XK, ...)."""

NON_BLANK = "a non-empty string"
"""What a text that must not be blank expects."""
_COUNTRY = "an ISO 3166-1 alpha-2 country code such as 'CN'"
_IDENTIFIERS = "at least one identifier of the device, financial identifier or account requested"
_CROSS_BORDER = "null, or a country other than 'country' (it marks a cross-border request)"
_NOT_ITSELF = "the id of another request, not the request's own id"


def blank(value: object) -> bool:
    """Whether ``value`` is text with nothing but white space in it, or nothing at all.

    Example:
        >>> blank(" "), blank(""), blank("R1"), blank(None)
        (True, True, False, False)
    """
    return isinstance(value, str) and (not value or value.isspace())


def identifier_problem(kind: object, value: object, subject: object) -> FieldError | None:
    """The first problem with an identifier's texts, if any: none of them blank.

    ``subject`` may be null (the identifier is its own subject).

    Example:
        >>> identifier_problem("imei", " ", None).path
        'value'
    """
    if blank(kind):
        return FieldError("type", NON_BLANK, kind)
    if blank(value):
        return FieldError("value", NON_BLANK, value)
    if subject is not None and blank(subject):
        return FieldError("subject", NON_BLANK, subject)
    return None


def _unknown_country(value: object) -> bool:
    """Whether ``value`` is text that is no ISO 3166-1 alpha-2 code."""
    return isinstance(value, str) and value not in COUNTRY_CODES


def request_problems(  # noqa: PLR0913, PLR0917 -- the fields of a request that are checked
    request_id: object,
    country: object,
    category: object,
    identifiers: object,
    legal_process: object,
    data_country: object,
    amends: object,
) -> list[FieldError]:
    """Every problem with the values of a request, field by field, in field order.

    The texts must not be blank, the countries must be codes, at least one identifier
    must be named; ``data_country`` differs from ``country``, ``amends`` from the id.

    Example:
        >>> for problem in request_problems("R1", "ES", "device", ["x"], None, "ES", "R1"):
        ...     print(problem.path, "--", problem.expected)
        data_country -- null, or a country other than 'country' (it marks a cross-border request)
        amends -- the id of another request, not the request's own id
    """
    found: list[FieldError] = []
    if blank(request_id):
        found.append(FieldError("id", NON_BLANK, request_id))
    if _unknown_country(country):
        found.append(FieldError("country", _COUNTRY, country))
    if blank(category):
        found.append(FieldError("category", NON_BLANK, category))
    if isinstance(identifiers, list | tuple) and not identifiers:
        found.append(FieldError("identifiers", _IDENTIFIERS, identifiers))
    # The optional fields are usually null, which no check refuses: only the calls go.
    if legal_process is not None and blank(legal_process):
        found.append(FieldError("legal_process", NON_BLANK, legal_process))
    if data_country is not None and (problem := _cross_border_problem(data_country, country)):
        found.append(problem)
    if amends is not None and (problem := _amends_problem(amends, request_id)):
        found.append(problem)
    return found


def _cross_border_problem(data_country: object, country: object) -> FieldError | None:
    """The problem with where a request's data is held, if any: a country, not its own."""
    if _unknown_country(data_country):
        return FieldError("data_country", _COUNTRY, data_country)
    if data_country == country:
        return FieldError("data_country", _CROSS_BORDER, data_country)
    return None


def _amends_problem(amends: object, request_id: object) -> FieldError | None:
    """The problem with the id a request amends, if any: an id, not its own."""
    if blank(amends):
        return FieldError("amends", NON_BLANK, amends)
    if amends == request_id:
        return FieldError("amends", _NOT_ITSELF, amends)
    return None


def record_problems(record: Mapping[str, object]) -> list[FieldError]:
    """:func:`request_problems` of a raw ledger record, whatever its fields hold.

    Example:
        >>> [problem.path for problem in record_problems({"id": " ", "country": "Spain"})]
        ['id', 'country']
    """
    get = record.get
    return request_problems(
        get("id"),
        get("country"),
        get("category"),
        get("identifiers"),
        get("legal_process"),
        get("data_country"),
        get("amends"),
    )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_iso_date(text: str) -> date:
    """Parse ``YYYY-MM-DD`` and nothing else (no week dates, no ``20200101``).

    Raises:
        FieldError: When ``text`` is not a calendar date in that form (a ``ValueError``).

    Example:
        >>> parse_iso_date("2020-01-08")
        datetime.date(2020, 1, 8)
    """
    if not _ISO_DATE.fullmatch(text):
        raise FieldError("", "a YYYY-MM-DD date", text)
    return date.fromisoformat(text)
