"""Usual records read a batch at a time: each check made once over a column of values.

The reader of usual records (``_edge._usual``) makes a few Python calls per record and
per field. Most records of a ledger are usual and good, and for them the same checks can
be made over a whole column of a batch at once, at C speed: that every id is a text
(``_values.texts``), that the few distinct countries, categories, dates and responses
are good (checked once each, by the functions the record reader calls), that every
identifier is (``_usual.identifier_texts``, over all of the batch's identifiers), and
that the registries know every category, identifier type and legal process. What is
left per record is the request itself, made by ``_assemble.assembled``, which runs the
request's own checks.

A batch is all or nothing: when any value of it is refused, or is not of the usual
record's shape (response times, a DSA order, an unknown field), :func:`batch_requests`
returns ``None`` and the reader reads the batch again record by record, which finds
and names every problem as ever. So the batch path decides nothing the record path does
not: it only finds, sooner, that there is nothing to say.
"""

from __future__ import annotations

from functools import partial
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from transparency_core._assemble import assembled
from transparency_core._edge._usual import (
    EXTENDED_FIELDS,
    RESPONSE_FIELDS,
    RESPONSE_KEYS,
    Unusual,
    identifier_texts,
    usual_fields,
)
from transparency_core._edge._values import member, texts
from transparency_core._model import DsaOrder
from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from transparency_core._edge._usual import UsualRecords
    from transparency_core._model import Request

__all__ = ["BATCH", "batch_requests"]

BATCH = 1024
"""How many records a batch holds: enough that a column's checks cost little a record,
few enough that a stream is read in small steps."""

_REQUIRED = itemgetter("id", "received", "country", "category", "identifiers", "response")
_DICT = frozenset({dict})
_LIST = frozenset({list})
_TEXT = frozenset({str})
_OPTIONAL_TEXT = frozenset({str, type(None)})
_FLAG = frozenset({bool})
_PLAIN = frozenset({str, bool, type(None)})
_get = dict.get


def batch_requests(
    usual: UsualRecords,
    records: Sequence[object],
    allowed: Mapping[str, frozenset[str]],
    processes: frozenset[str],
) -> list[Request] | None:
    """The requests of ``records``, or ``None`` unless every one is a good usual record.

    Args:
        usual: The record reader whose shared dates, texts and responses are used.
        records: The batch, as it came.
        allowed: Each registered category's identifier types.
        processes: The registered legal process types.

    Example:
        >>> from transparency_core._edge._usual import UsualRecords
        >>> record = {
        ...     "id": "ES-1", "received": "2020-02-11", "country": "ES", "category": "device",
        ...     "identifiers": [{"type": "imei", "value": "356938035643809"}],
        ...     "response": {"outcome": "rejected"},
        ... }
        >>> allowed = {"device": frozenset({"imei"})}
        >>> [request] = batch_requests(UsualRecords(), [record], allowed, frozenset())
        >>> request.id, request.subject_count
        ('ES-1', 1)
        >>> batch_requests(UsualRecords(), [{**record, "country": "XX"}], allowed, frozenset())
    """
    if not records or not _DICT.issuperset(map(type, records)):
        return [] if not records else None
    try:
        return _requests(usual, records, allowed, processes)  # type: ignore[arg-type]
    except (Unusual, KeyError, FieldError):  # as the record reader, which they send to
        return None  # the exact path


def _requests(
    usual: UsualRecords,
    records: Sequence[dict[str, Any]],
    allowed: Mapping[str, frozenset[str]],
    processes: frozenset[str],
) -> list[Request] | None:
    """:func:`batch_requests` of records that are all dicts."""
    shapes = set(map(tuple, records))
    if not all(map(partial(usual_fields, extended=True), shapes)):
        return None
    # Response times and DSA orders are usually absent: their columns only when not.
    extended = () if all(map(usual_fields, shapes)) else _extended(usual, records)
    ids, received, countries, categories, identifiers, responses = map(
        list, zip(*map(_REQUIRED, records), strict=True)
    )
    optional = ("legal_process", "data_country", "amends")
    process, data_country, amends = (list(map(_get, records, repeat(name))) for name in optional)
    emergency = list(map(_get, records, repeat("emergency"), repeat(False)))  # noqa: FBT003
    if not (
        texts(ids)
        and _TEXT.issuperset(map(type, chain(received, countries, categories)))
        and _OPTIONAL_TEXT.issuperset(map(type, chain(process, data_country, amends)))
        and _FLAG.issuperset(map(type, emergency))
        and texts([value for value in chain(data_country, amends) if value is not None])
        and processes.issuperset(value for value in process if value is not None)
    ):
        return None
    packed = _identifiers(identifiers, categories, allowed)
    if packed is None:
        return None
    named = [value for value in process if value is not None]
    recurring = _each(usual.recurring, chain(countries, categories, named))
    return list(
        map(
            assembled,
            ids,
            map(_each(usual.day, received).__getitem__, received),
            map(recurring.__getitem__, countries),
            map(recurring.__getitem__, categories),
            packed,
            _responses(usual, responses),
            map(recurring.get, process),
            data_country,
            emergency,
            amends,
            *extended,
        )
    )


def _extended(usual: UsualRecords, records: Sequence[dict[str, Any]]) -> list[Iterator[Any]]:
    """The columns of the response times and DSA orders, as the record reader reads them."""
    acknowledged, responded, order, content = (
        list(map(_get, records, repeat(name))) for name in EXTENDED_FIELDS
    )
    if not _OPTIONAL_TEXT.issuperset(map(type, chain(acknowledged, responded, order, content))):
        raise Unusual
    moments = _each(usual.day, chain(acknowledged, responded), None)
    orders = _each(partial(member, cls=DsaOrder), order, None)
    contents = _each(usual.recurring, content, None)
    return [
        map(moments.__getitem__, acknowledged),
        map(moments.__getitem__, responded),
        map(orders.__getitem__, order),
        map(contents.__getitem__, content),
    ]


def _each(check: Callable[[Any], Any], values: Iterable[Any], *null: None) -> dict[Any, Any]:
    """Each distinct value (hashable: its type was checked) with what ``check`` makes of it.

    Given ``None`` as ``null``, the values may be null, and null stays null.
    """
    made = {value: check(value) for value in set(values).difference(null)}
    made.update(dict.fromkeys(null))
    return made


def _identifiers(
    lists: list[Any], categories: list[str], allowed: Mapping[str, frozenset[str]]
) -> list[tuple[str | None, ...]] | None:
    """Each record's identifiers packed, all checked at once; ``None`` if a type is unregistered."""
    if not _LIST.issuperset(map(type, lists)):
        return None
    flat = identifier_texts(list(chain.from_iterable(lists)))
    sizes = list(map(len, lists))
    # Each identifier's type with its request's category: the few distinct pairs checked.
    kinds = set(zip(chain.from_iterable(map(repeat, categories, sizes)), flat[0::3], strict=True))
    if not all(kind in allowed.get(category, ()) for category, kind in kinds):
        return None
    ends = list(accumulate(3 * size for size in sizes))
    # Slices of a tuple are tuples: each request's texts, packed (see _packed).
    return list(map(tuple(flat).__getitem__, map(slice, [0, *ends], ends)))


def _responses(usual: UsualRecords, values: list[Any]) -> list[Any]:
    """Each record's response, built once per distinct one by ``usual``."""
    if not _DICT.issuperset(map(type, values)) or not all(
        map(RESPONSE_FIELDS.issuperset, set(map(tuple, values)))
    ):
        raise Unusual
    columns = [map(_get, values, repeat(name)) for name in RESPONSE_KEYS[:-1]]
    keys = list(zip(*columns, map(_get, values, repeat("challenged"), repeat(False)), strict=True))  # noqa: FBT003
    # Plain values only: no value of another type equals one of them unless it is one.
    if not _PLAIN.issuperset(map(type, chain.from_iterable(keys))):
        raise Unusual
    return list(map(_each(usual.shared_response, keys).__getitem__, keys))
