"""The canonical ledger and its digest: what a published report says it was counted from.

The canonical ledger is the canonical JSON (:mod:`transparency_core._canonical`) of the
list of every record of the ledger, repeats included, each in the shortest form of the
interchange format (:func:`unstructure_ledger`: a field holding its default is left out),
sorted by request id (by code point), then by the record's own canonical JSON. So the
same requests in any order, with their keys in any order, and with optional fields
spelled out or left out, have one canonical ledger, and one digest.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from transparency_core._canonical import canonical_json
from transparency_core._edge._convert import make_converter
from transparency_core._model import Request

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["canonical_ledger", "ledger_digest"]


def canonical_ledger(requests: Iterable[Request]) -> bytes:
    """The canonical ledger of ``requests``: the bytes that :func:`ledger_digest` digests.

    Example:
        >>> from transparency_core import reference_ledger
        >>> canonical_ledger(reference_ledger())[:60]
        b'[{"category":"account","country":"CN","id":"CN-2019-A-0311",'
    """
    converter = make_converter()
    records = sorted(
        (request.id, canonical_json(converter.unstructure(request, Request)))
        for request in requests
    )
    return b"[" + b",".join(record for _, record in records) + b"]"


def ledger_digest(requests: Iterable[Request]) -> str:
    """The SHA-256 of the canonical ledger of ``requests``, in hexadecimal.

    A published report carries it (``build_report(..., ledger_digest=...)``; the command
    line does it for JSON), so that a reader holding the ledger can tell that it is the
    one the report was counted from, whatever the order of its records.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = reference_ledger()
        >>> ledger_digest(ledger) == ledger_digest(reversed(ledger))
        True
        >>> len(ledger_digest(ledger))
        64
    """
    return hashlib.sha256(canonical_ledger(requests)).hexdigest()
