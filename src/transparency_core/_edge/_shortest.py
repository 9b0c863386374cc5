"""The shortest form of a request: its ledger record with every field at its default left out.

What :func:`~transparency_core.unstructure_ledger` returns and what a record's digest
is of (``_digest``), by the one function :func:`shortest_record`, the unstructure hook
of the converter's :class:`~transparency_core.Request`. It writes the fields in the
order of the class, each enum by its value, each date or date-time in ISO 8601
(:func:`iso`), and leaves out an optional field that holds its default. It reads the
identifiers as the request holds them, packed or not: a request read packed is
digested without building its :class:`~transparency_core.Identifier` objects.

``make_reference_converter()`` keeps cattrs' generated hooks, the same rules field by
field; tests/test_shortest.py holds the two to one record for every request drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transparency_core._model import Identifier, Request
from transparency_core._packed import flat

if TYPE_CHECKING:
    import enum
    from datetime import date

    from transparency_core._model import Response

__all__ = [
    "enum_value",
    "identifier_texts",
    "iso",
    "shortest_identifier",
    "shortest_record",
    "shortest_response",
    "with_optional",
]

_HELD: Any = Request.identifiers
"""The slot of a request's identifiers, as a slotted class shows it: read through it,
they come as the request holds them, packed or not, and are never built."""


def enum_value(member: enum.Enum) -> str:
    """A member of one of the ledger's enums, by its value."""
    return str(member.value)


def iso(moment: date) -> str:
    """A date as ``YYYY-MM-DD``, a date-time as ISO 8601 with its offset."""
    return moment.isoformat()


def _identifier(kind: str | None, value: str | None, subject: str | None) -> dict[str, Any]:
    """An identifier's record: its subject left out when it has none."""
    if subject is None:
        return {"type": kind, "value": value}
    return {"type": kind, "value": value, "subject": subject}


def shortest_identifier(identifier: Identifier) -> dict[str, Any]:
    """The shortest form of an identifier.

    Example:
        >>> shortest_identifier(Identifier("imei", "490154203237518"))
        {'type': 'imei', 'value': '490154203237518'}
    """
    return _identifier(identifier.type, identifier.value, identifier.subject)


def shortest_response(response: Response) -> dict[str, Any]:
    """The shortest form of a response.

    Example:
        >>> from transparency_core import Outcome, Response
        >>> shortest_response(Response(Outcome.REJECTED, challenged=True))
        {'outcome': 'rejected', 'challenged': True}
    """
    record: dict[str, Any] = {"outcome": enum_value(response.outcome)}
    if response.data is not None:
        record["data"] = enum_value(response.data)
    if response.challenged:
        record["challenged"] = response.challenged
    if response.notified is not None:
        record["notified"] = enum_value(response.notified)
    if response.action is not None:
        record["action"] = enum_value(response.action)
    return record


def identifier_texts(request: Request) -> tuple[str | None, ...]:
    """The type, value and subject of each of a request's identifiers, flat, never built."""
    return flat(_HELD.__get__(request, Request))


def shortest_record(request: Request) -> dict[str, Any]:
    """The shortest form of a request: the ledger record that reads as it.

    Example:
        >>> from transparency_core import reference_ledger
        >>> sorted(shortest_record(reference_ledger()[0]))
        ['category', 'country', 'id', 'identifiers', 'received', 'response']
    """
    texts = identifier_texts(request)
    record: dict[str, Any] = {
        "id": request.id,
        "received": iso(request.received),
        "country": request.country,
        "category": request.category,
        "identifiers": list(map(_identifier, texts[0::3], texts[1::3], texts[2::3])),
        "response": shortest_response(request.response),
    }
    return with_optional(record, request)


def with_optional(record: dict[str, Any], request: Request) -> dict[str, Any]:
    """``record`` with the optional fields of ``request`` the shortest form has, in order.

    Each in the order of the class, left out when it holds its default.

    Example:
        >>> from transparency_core import reference_ledger
        >>> with_optional({}, reference_ledger()[0])
        {}
    """
    if request.legal_process is not None:
        record["legal_process"] = request.legal_process
    if request.data_country is not None:
        record["data_country"] = request.data_country
    if request.emergency:
        record["emergency"] = request.emergency
    if request.amends is not None:
        record["amends"] = request.amends
    if request.acknowledged is not None:
        record["acknowledged"] = iso(request.acknowledged)
    if request.responded is not None:
        record["responded"] = iso(request.responded)
    if request.dsa_order is not None:
        record["dsa_order"] = enum_value(request.dsa_order)
    if request.illegal_content is not None:
        record["illegal_content"] = request.illegal_content
    return record
