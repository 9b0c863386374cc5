"""A request's canonical JSON, written directly: the text its record digest is of.

The record digest (``_digest``) is the SHA-256 of ``canonical_json(shortest_record(request))``:
the definition, which makes a dict of the record, of each identifier and of the response
for the encoder to sort their keys. :func:`record_text` writes the same text with none
of them for a usual record (no optional field but at its default): the six fields every
record has, in the order of their keys, each text by the encoder's own escape
(:data:`~transparency_core._canonical.canonical_string`), the date as the shortest form
writes it (:func:`~transparency_core._edge._shortest.iso`), and the response as the
definition writes it: the reader shares equal responses, so a pass over a ledger writes
each once (``_digest.record_digester``). The optional fields a record has are the
shortest form's (:func:`~transparency_core._edge._shortest.with_optional`), written by
the encoder, and then the keys are sorted.

A value it cannot write so (a request built in Python with a number for its id, say)
raises :class:`TypeError`, :class:`AttributeError` or :class:`ValueError`, and the
definition takes the request: it writes it, or refuses it, as it always has.
tests/test_shortest.py holds the two to one text for every request drawn, texts of any
characters included.
"""

from __future__ import annotations

from bisect import bisect
from typing import TYPE_CHECKING, Any

from transparency_core._canonical import canonical_string, canonical_text
from transparency_core._edge._shortest import identifier_texts, iso, with_optional

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transparency_core._model import Request

__all__ = ["identifiers_text", "record_text"]

_REQUIRED = ("category", "country", "id", "identifiers", "received", "response")
"""The fields every shortest record has, in the order of their keys (no optional field's
key sorts after ``response``)."""
_TEXT = "{" + ",".join(f"%s{canonical_string(key)}:%s" for key in _REQUIRED) + "}"
"""The canonical JSON of a record, to be filled in: before each of those fields, the
optional ones whose keys sort before its (each followed by a comma), then its value."""
_USUAL = _TEXT % (("", "%s") * len(_REQUIRED))
"""The same for a usual record, which has no optional field: the six values go in."""


def identifiers_text(texts: Sequence[Any]) -> str:
    """The canonical JSON of identifiers packed flat: their shortest records, in order.

    Example:
        >>> print(identifiers_text(("imei", "1", "phone", "imei", "2", None)))
        [{"subject":"phone","type":"imei","value":"1"},{"type":"imei","value":"2"}]
    """
    quote = canonical_string
    # An identifier's keys in order: its subject, when it names one, then type and value.
    items = [
        f'{{"type":{quote(kind)},"value":{quote(value)}}}'
        if subject is None
        else f'{{"subject":{quote(subject)},"type":{quote(kind)},"value":{quote(value)}}}'
        for kind, value, subject in zip(texts[0::3], texts[1::3], texts[2::3], strict=True)
    ]
    return "[" + ",".join(items) + "]"


def record_text(request: Request, response: str) -> str:
    """The canonical JSON of ``request``'s shortest record, ``response`` that of its response.

    Raises:
        TypeError: When a text of a field every record has, or of an identifier, is no
            :class:`str`.
        AttributeError: When a date has no ``isoformat``, or the order no ``value``.
        ValueError: When an optional field holds a float that is no number, or infinite.

    Example:
        >>> from transparency_core import reference_ledger
        >>> from transparency_core._canonical import canonical_text
        >>> from transparency_core._edge._shortest import shortest_record, shortest_response
        >>> request = reference_ledger()[0]
        >>> text = record_text(request, canonical_text(shortest_response(request.response)))
        >>> text == canonical_text(shortest_record(request))
        True
    """
    quote = canonical_string
    values = (
        quote(request.category),
        quote(request.country),
        quote(request.id),
        identifiers_text(identifier_texts(request)),
        quote(iso(request.received)),
        response,
    )
    optional = with_optional({}, request)
    if not optional:
        return _USUAL % values
    # Before each field every record has, the optional ones that sort before it.
    texts = [""] * (2 * len(values))
    texts[1::2] = values
    for key in sorted(optional):
        texts[2 * bisect(_REQUIRED, key)] += f"{quote(key)}:{canonical_text(optional[key])},"
    return _TEXT % tuple(texts)
