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
from datetime import date, datetime
from typing import TYPE_CHECKING

from babel import Locale

from transparency_core._eu import ILLEGAL_CONTENT, MEMBER_STATES
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "COUNTRY_CODES",
    "NON_BLANK",
    "any_blank",
    "blank",
    "identifier_problem",
    "order_problems",
    "parse_iso_date",
    "parse_moment",
    "record_problems",
    "request_problems",
    "time_problems",
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
_SEQUENCES = (list, tuple)
"""What holds identifiers (a tuple, not ``list | tuple``, which is made anew each time)."""


def blank(value: object) -> bool:
    """Whether ``value`` is text with nothing but white space in it, or nothing at all.

    Example:
        >>> blank(" "), blank(""), blank("R1"), blank(None)
        (True, True, False, False)
    """
    return isinstance(value, str) and (not value or value.isspace())


def any_blank(texts: Sequence[str], joined: str | None = None) -> bool:
    """Whether any of these strings is blank, as :func:`blank` says of one, at C speed.

    The rule of :func:`blank` over many strings at once: an empty one, or one with
    nothing but white space (Unicode's, as :meth:`str.isspace` knows it). The reader of
    usual records asks it of all the texts of a request's identifiers in one call, and
    hands them ``joined`` as well when it has joined them already (it must be
    ``"".join(texts)``).

    Example:
        >>> any_blank(["imei", "490154203237518"]), any_blank(["imei", "\u3000"]), any_blank([])
        (False, True, False)
    """
    if not all(texts):
        return True
    if not texts:
        return False
    joined = "".join(texts) if joined is None else joined
    # Usually no text holds white space at all, which one split of them joined tells:
    # its first piece is then all of them (str.split cuts at what str.isspace knows).
    first = joined.split(None, 1)[:1]
    if first and len(first[0]) == len(joined):
        return False
    return any(map(str.isspace, texts))


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
    if isinstance(identifiers, _SEQUENCES) and not identifiers:
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
    """:func:`request_problems`, :func:`time_problems` and :func:`order_problems` of a
    raw ledger record, whatever its fields hold.

    Example:
        >>> [problem.path for problem in record_problems({"id": " ", "country": "Spain"})]
        ['id', 'country']
    """  # noqa: D205 -- the summary needs its two lines
    get = record.get
    found = request_problems(
        get("id"),
        get("country"),
        get("category"),
        get("identifiers"),
        get("legal_process"),
        get("data_country"),
        get("amends"),
    )
    if "acknowledged" in record or "responded" in record:
        moments = [_raw_moment(get(name)) for name in ("received", "acknowledged", "responded")]
        found.extend(time_problems(*moments))
    if "dsa_order" in record or "illegal_content" in record:
        found.extend(order_problems(get("dsa_order"), get("illegal_content"), get("country")))
    return found


def _raw_moment(value: object) -> date | None:
    """The date or date-time a raw value writes, or ``None`` (the edge names a bad one)."""
    if type(value) is not str:
        return None
    try:
        return parse_moment(value)
    except ValueError:
        return None


_SAME_KIND = {
    date: "a YYYY-MM-DD date, as 'received' is a date",
    datetime: "a date-time with an offset, as 'received' is a date-time",
}


def time_problems(received: object, acknowledged: object, responded: object) -> list[FieldError]:
    """The problems with the times a request was acknowledged and responded to.

    Each is of the kind ``received`` is (a date, or a date-time with an offset), so
    that the time between them is defined, and neither comes before ``received``.
    Values that are not dates are left to the edge.

    Example:
        >>> from datetime import date
        >>> for problem in time_problems(date(2025, 3, 4), date(2025, 3, 3), None):
        ...     print(problem.path, "--", problem.expected)
        acknowledged -- a date on or after 'received', 2025-03-04
    """
    found: list[FieldError] = []
    if not isinstance(received, date):
        return found
    kind = type(received) if type(received) in _SAME_KIND else date
    for name, value in (("acknowledged", acknowledged), ("responded", responded)):
        if not isinstance(value, date):
            continue
        if type(value) is not kind:
            found.append(FieldError(name, _SAME_KIND[kind], value))
        elif value < received:
            found.append(
                FieldError(
                    name,
                    f"a {'date-time' if kind is datetime else 'date'} on or after "
                    f"'received', {received.isoformat()}",
                    value,
                )
            )
    return found


_ORDERS = ("information", "act")
_NEEDS_ORDER = "null unless 'dsa_order' is set: a category of an order's illegal content"
_NEEDS_CATEGORY = (
    "one of the Commission's categories (STATEMENT_CATEGORY_...) for a DSA order: "
    "STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER when the authority did not say"
)
_MEMBER_STATE = "a DSA order only from a Member State's authority (an EU country code)"


def order_problems(dsa_order: object, illegal_content: object, country: object) -> list[FieldError]:
    """The problems with a request's DSA order: its kind, category and country agree.

    An order (Article 9 or 10 of the DSA) names its category of illegal content and
    comes from a Member State; a category names no order. Values of another type, or
    an order kind that is not one, are left to the edge.

    Example:
        >>> for problem in order_problems("act", "STATEMENT_CATEGORY_SELF_HARM", "US"):
        ...     print(problem.path, "--", problem.expected)
        country -- a DSA order only from a Member State's authority (an EU country code)
        >>> [problem.path for problem in order_problems(None, "STATEMENT_CATEGORY_SELF_HARM", "DE")]
        ['illegal_content']
    """
    found: list[FieldError] = []
    if dsa_order is None:
        if illegal_content is not None:
            found.append(FieldError("illegal_content", _NEEDS_ORDER, illegal_content))
        return found
    if dsa_order not in _ORDERS:
        return found
    if illegal_content not in ILLEGAL_CONTENT and (
        illegal_content is None or type(illegal_content) is str
    ):
        found.append(FieldError("illegal_content", _NEEDS_CATEGORY, illegal_content))
    if type(country) is str and country in COUNTRY_CODES and country not in MEMBER_STATES:
        found.append(FieldError("country", _MEMBER_STATE, country))
    return found


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
    try:
        return date.fromisoformat(text)
    except ValueError:  # no such day: 2020-02-30, 0000-01-01
        raise FieldError("", "a YYYY-MM-DD date", text) from None


_DATE_LENGTH = len("2020-01-08")
"""Where a date-time's time begins: after its date, at ``T`` (or a space, mistyped: the
text is taken for a date-time, and the error says what one must be)."""
_ISO_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)
_MOMENT = "an ISO 8601 date-time with an offset, such as 2025-03-04T09:30:00+01:00"


def parse_moment(text: str) -> date:
    """Parse a ``YYYY-MM-DD`` date, or a date-time with an offset (``Z`` or ``+hh:mm``).

    A date-time comes back as an aware :class:`~datetime.datetime` (which is a date);
    one without an offset is refused, since the time between two of them would not be
    known.

    Raises:
        FieldError: When ``text`` is neither (a ``ValueError``); a text with a ``T``,
            or a date and a space, is taken for a date-time and the error says what a
            date-time must be.

    Example:
        >>> parse_moment("2025-03-04T09:30+01:00")
        datetime.datetime(2025, 3, 4, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))
        >>> parse_moment("2025-03-04")
        datetime.date(2025, 3, 4)
    """  # noqa: E501 -- the repr is as long as it is
    spaced = len(text) > _DATE_LENGTH and text[_DATE_LENGTH] == " "
    if "T" not in text and "t" not in text and not spaced:
        return parse_iso_date(text)
    if not _ISO_MOMENT.fullmatch(text):
        raise FieldError("", _MOMENT, text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise FieldError("", _MOMENT, text) from None
    if moment.utcoffset() is None:  # pragma: no cover -- the pattern requires an offset
        raise FieldError("", _MOMENT, text)
    return moment
