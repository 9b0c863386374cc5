"""The fast path for the usual ledger record: built directly, by the same checks.

The usual record is a dict with only known fields, each of its type. Such a record is
built directly (its request by ``_assemble.assembled``, which runs the request's own
checks), the values checked as always, each type checked
by the functions of ``_values`` that the converter's hooks are; its few-valued texts
(types, countries, categories) are shared rather than copied, and its received dates and
responses, which take few distinct values, are built once and shared. Anything else
(an unknown field, a missing one, any value the checks refuse) raises :class:`Unusual`
or the check's error, and the converter's field-by-field path, which names every
problem, takes the record. Both give the same request for a good record and the same
errors for a bad one, as tests/test_hostile.py checks on hostile records.
"""

from __future__ import annotations

from itertools import chain
from operator import itemgetter
from sys import intern
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from transparency_core._assemble import assembled
from transparency_core._edge._values import (
    flag,
    identifier_list,
    member,
    moment,
    optional_moment,
    text,
    texts,
)
from transparency_core._model import (
    Action,
    DataKind,
    DsaOrder,
    Identifier,
    Notification,
    Outcome,
    Request,
    Response,
)
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date

__all__ = [
    "EXTENDED_FIELDS",
    "RESPONSE_FIELDS",
    "RESPONSE_KEYS",
    "Unusual",
    "UsualOr",
    "UsualRecords",
    "identifier_texts",
    "usual_fields",
    "usual_identifier",
]

_T = TypeVar("_T")
_IDENTIFIER_FIELDS = frozenset(attrs.fields_dict(Identifier))
RESPONSE_FIELDS = frozenset(attrs.fields_dict(Response))
_REQUEST_FIELDS = frozenset(attrs.fields_dict(Request))
EXTENDED_FIELDS = ("acknowledged", "responded", "dsa_order", "illegal_content")
"""The fields of response times and DSA orders, in the order of the class (the order the
readers take their values in): a record with any of them is built as a usual one is,
with them."""
_USUAL_FIELDS = _REQUEST_FIELDS.difference(EXTENDED_FIELDS)
_REQUIRED = frozenset(
    field.name for field in attrs.fields(Request) if field.default is attrs.NOTHING
)
_DICT = frozenset({dict})
_NAMED = itemgetter("type", "value", "subject")
_chained = chain.from_iterable
_SHARED_LIMIT = 4096
"""How many distinct dates and responses one converter keeps to share."""
RESPONSE_KEYS = ("outcome", "data", "notified", "action", "challenged")
"""The fields of a response record, in the order :meth:`UsualRecords.shared_response`
takes their values (``challenged`` is false when absent, the others null)."""
_PLAIN = frozenset({str, bool, type(None)})
"""The types of a shared response's raw values: no value of another type equals one of
them unless it is one (``1 == True``, and a subclass of ``str`` equals its text)."""


def usual_fields(names: Iterable[str], *, extended: bool = False) -> bool:
    """Whether a record of these fields is a usual one: the required, and no extended one.

    With ``extended``, the fields of response times and DSA orders may be among them.

    Example:
        >>> usual_fields(["id", "received", "country", "category", "identifiers", "response"])
        True
    """
    known = _REQUEST_FIELDS if extended else _USUAL_FIELDS
    return _REQUIRED.issubset(names) and known.issuperset(names)


class Unusual(Exception):  # noqa: N818 -- not an error: the record takes the other path
    """A record the fast path leaves to the converter's field-by-field path."""


def usual_identifier(value: object) -> Identifier:
    """The identifier of a usual identifier record.

    Example:
        >>> usual_identifier({"type": "imei", "value": "490154203237518"})
        Identifier(type='imei', value='490154203237518', subject=None)
    """
    if type(value) is not dict or not value.keys() <= _IDENTIFIER_FIELDS:
        raise Unusual
    subject = value.get("subject")
    return Identifier(
        intern(text(value["type"])),
        text(value["value"]),
        None if subject is None else text(subject),
    )


def identifier_texts(items: list[Any]) -> list[Any]:
    """The texts of usual identifier records, flat (type, value, subject, ...), checked.

    Checked as :class:`Identifier` checks its fields (``_values.texts``); the types are
    interned (a ledger has few). The items may be those of one request or of many: the
    reader of a batch of records checks all of theirs at once.

    Raises:
        Unusual: For any item that is not a usual identifier record: the exact path
            names the problem.

    Example:
        >>> identifier_texts([{"type": "imei", "value": "490154203237518"}])
        ['imei', '490154203237518', None]
    """
    if not _DICT.issuperset(map(type, items)):
        raise Unusual
    # Each field of every identifier: type, value, subject, ... at C speed when every
    # one names its subject, else by a comprehension that gives a missing one as null.
    flat: list[Any] | None = None
    if items and "subject" in items[0]:  # then the others usually name theirs too
        try:
            flat = list(_chained(map(_NAMED, items)))
        except KeyError:
            flat = None
    if flat is None:
        flat = [
            field for item in items for field in (item["type"], item["value"], item.get("subject"))
        ]
    if texts(flat):  # so every identifier names its subject: has its three fields
        if sum(map(len, items)) != len(flat):  # and no other
            raise Unusual
    else:  # an unnamed subject is null, the one value other than a text it may be
        named = (subject for subject in flat[2::3] if subject is not None)
        if not all(map(_IDENTIFIER_FIELDS.issuperset, items)) or not texts(
            [*flat[0::3], *flat[1::3], *named]
        ):
            raise Unusual  # the exact path names the problem
    flat[0::3] = map(intern, flat[0::3])  # a ledger's few types, shared
    return flat


class UsualRecords:
    """Builds usual records into requests, sharing equal dates and responses.

    A ledger has few distinct received dates and responses: each is parsed and checked
    once, and the (frozen) value shared by every record that has it. One per converter.
    """

    def __init__(self) -> None:
        """Start with nothing shared."""
        self.dates: dict[str, date] = {}
        self.responses: dict[tuple[object, ...], Response] = {}
        self.texts: dict[str, str] = {}
        """Texts that recur (countries, categories, legal processes, identifier types),
        each checked and interned once."""

    def recurring(self, value: object) -> str:
        """``value`` as a text that recurs: checked by :func:`text` and interned, once."""
        found = self.texts.get(value) if type(value) is str else None
        if found is None:
            found = intern(text(value))
            if len(self.texts) < _SHARED_LIMIT:
                self.texts[found] = found
        return found

    def identifiers(self, value: object) -> tuple[str | None, ...]:
        """The identifiers of a usual record, checked as :class:`Identifier` checks them, packed.

        The request builds them as :class:`Identifier` objects when they are asked for.

        Example:
            >>> UsualRecords().identifiers([{"type": "imei", "value": "490154203237518"}])
            ('imei', '490154203237518', None)
        """
        return tuple(identifier_texts(identifier_list(value)))

    def day(self, value: object) -> date:
        """The date (or date-time) of ``value``, checked once per distinct text."""
        if type(value) is not str:
            return moment(value)  # which names the problem
        found = self.dates.get(value)
        if found is None:
            found = moment(value)
            if len(self.dates) < _SHARED_LIMIT:
                self.dates[value] = found
        return found

    def response(self, value: object) -> Response:
        """The response of a usual response record, checked once per distinct one."""
        if type(value) is not dict or not value.keys() <= RESPONSE_FIELDS:
            raise Unusual
        get = value.get
        return self.shared_response(
            (get("outcome"), get("data"), get("notified"), get("action"), get("challenged", False))
        )

    def shared_response(self, key: tuple[object, ...]) -> Response:
        """The response of a usual response record's values, in ``RESPONSE_KEYS`` order.

        Built once per distinct values (of plain types, which equal no value of another
        type), and shared.
        """
        shareable = _PLAIN.issuperset(map(type, key))
        found = self.responses.get(key) if shareable else None
        if found is None:
            outcome, data, notified, action, challenged = key
            found = Response(
                member(outcome, Outcome),
                None if data is None else member(data, DataKind),
                flag(challenged),
                None if notified is None else member(notified, Notification),
                None if action is None else member(action, Action),
            )
            if shareable and len(self.responses) < _SHARED_LIMIT:
                self.responses[key] = found
        return found

    def __call__(self, value: dict[str, Any]) -> Request:
        """The request of a usual record."""
        extended: tuple[object, ...] = ()
        if not (_REQUIRED <= value.keys() <= _USUAL_FIELDS):
            if not (_REQUIRED <= value.keys() <= _REQUEST_FIELDS):
                raise Unusual
            extended = self._extended(value)
        get, known = value.get, self.texts
        process, data_country, amends = get("legal_process"), get("data_country"), get("amends")
        received, country, category = value["received"], value["country"], value["category"]
        emergency = get("emergency", False)
        # A recurring text, or date, already checked is taken as it was: no call for it.
        return assembled(
            text(value["id"]),
            (type(received) is str and self.dates.get(received)) or self.day(received),
            (type(country) is str and known.get(country)) or self.recurring(country),
            (type(category) is str and known.get(category)) or self.recurring(category),
            self.identifiers(value["identifiers"]),
            self.response(value["response"]),
            None if process is None else self.recurring(process),
            None if data_country is None else text(data_country),
            emergency if emergency is False else flag(emergency),
            None if amends is None else text(amends),
            *extended,  # type: ignore[arg-type]
        )

    def _extended(self, value: dict[str, Any]) -> tuple[object, ...]:
        """The response times and DSA order of a usual record, in the order of the fields."""
        get = value.get
        order, content = get("dsa_order"), get("illegal_content")
        return (
            optional_moment(get("acknowledged")),
            optional_moment(get("responded")),
            None if order is None else member(order, DsaOrder),
            None if content is None else self.recurring(content),
        )


class UsualOr(Generic[_T]):
    """A structure hook: ``usual`` for a usual record, else the field-by-field ``exact``."""

    __slots__ = ("exact", "usual")

    def __init__(self, usual: Callable[[Any], _T], exact: Callable[[Any, type], _T]) -> None:
        """Take ``usual`` records by ``usual``, and every other value by ``exact``."""
        self.usual = usual
        """The fast path; a :class:`UsualRecords` for requests."""
        self.exact = exact

    def __call__(self, value: object, cls: type) -> _T:
        """``value`` as a ``cls``."""
        if type(value) is dict:
            try:
                return self.usual(value)
            except (Unusual, KeyError, FieldError):
                pass  # the exact path names the problem, at its place in the record
        return self.exact(value, cls)
