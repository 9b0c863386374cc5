r"""The canonical ledger and its digest: what a published report says it was counted from.

Version 2 of the canonical ledger (:data:`~transparency_core._canonical.CANONICAL_LEDGER`,
``urn:transparency-core:canonical-ledger:2``) is made of the ledger's records, repeats
included, in three steps:

1. A record's **record digest** is the SHA-256 of the canonical JSON
   (:mod:`transparency_core._canonical`) of the record as it was read, in the shortest
   form of the interchange format (:func:`~transparency_core.unstructure_ledger`: a
   field holding its default is left out). It is of the record read, not of its text: a
   spreadsheet's row and the JSON record that reads as the same request have one.
2. The **canonical ledger** is the record digests in lowercase hexadecimal, sorted,
   each followed by a line feed (``\n``).
3. The **ledger digest** is the SHA-256 of the canonical ledger, in hexadecimal.

So the same records in any order, with their keys in any order and their optional
fields spelled out or left out, from a JSON array, JSON Lines or a spreadsheet, have
one digest. And it is computed in one pass over the ledger in bounded memory: each
record is digested where it is read (by the part of the out-of-core counter that reads
it), and 32 bytes a record are sorted, a bucket at a time (``_cli._digestparts``).

The canonical JSON of step 1 is written by ``_recordtext`` without the shortest record's
dicts, and each distinct response object of a pass once (:func:`record_digester`); the
definition takes any request that writer cannot write.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from transparency_core._canonical import canonical_text
from transparency_core._edge._recordtext import record_text
from transparency_core._edge._shortest import shortest_record, shortest_response

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from transparency_core._model import Request, Response

__all__ = ["canonical_ledger", "ledger_digest", "record_digest", "record_digester", "sorted_digest"]

_SHARED_LIMIT = 4096
"""How many distinct response objects one digester keeps the canonical JSON of."""
_UNWRITTEN = (TypeError, AttributeError, ValueError)
"""What the direct writer raises of a value it cannot write (see ``_recordtext``)."""


def record_digester() -> Callable[[Request], bytes]:
    """:func:`record_digest` for the requests of one pass over a ledger.

    The reader shares equal responses between requests: the canonical JSON of each
    response object is written once, and kept (with the object, so that its ``id`` is
    no other's) for the requests that share it, up to 4,096 of them.

    Example:
        >>> from transparency_core import reference_ledger
        >>> digest = record_digester()
        >>> [digest(r) for r in reference_ledger()] == list(map(record_digest, reference_ledger()))
        True
    """
    written: dict[int, tuple[Response, str]] = {}

    def digest(request: Request) -> bytes:
        response = request.response
        known = written.get(id(response))
        try:
            if known is None:
                known = (response, canonical_text(shortest_response(response)))
                if len(written) < _SHARED_LIMIT:
                    written[id(response)] = known
            text = record_text(request, known[1])
        except _UNWRITTEN:  # the definition writes it, or refuses it, as it says
            text = canonical_text(shortest_record(request))
        return hashlib.sha256(text.encode("ascii")).digest()

    return digest


def record_digest(request: Request) -> bytes:
    """The record digest of ``request``: the SHA-256 of its canonical JSON, 32 bytes.

    Example:
        >>> import hashlib, json
        >>> from transparency_core import reference_ledger, unstructure_ledger
        >>> request = reference_ledger()[0]
        >>> record = unstructure_ledger([request])[0]
        >>> text = json.dumps(record, sort_keys=True, separators=(",", ":"))
        >>> record_digest(request) == hashlib.sha256(text.encode("ascii")).digest()
        True
    """
    return record_digester()(request)


def sorted_digest(digests: Iterable[bytes]) -> str:
    r"""The ledger digest of record digests given sorted, in hexadecimal.

    They are taken one at a time: the caller sorts them as it can (in memory, or a
    bucket at a time).

    Example:
        >>> import hashlib
        >>> sorted_digest([b"\x00" * 32]) == hashlib.sha256(b"0" * 64 + b"\n").hexdigest()
        True
    """
    ledger = hashlib.sha256()
    for digest in digests:
        ledger.update(digest.hex().encode("ascii") + b"\n")
    return ledger.hexdigest()


def canonical_ledger(requests: Iterable[Request]) -> bytes:
    """The canonical ledger of ``requests``: the bytes that :func:`ledger_digest` digests.

    Example:
        >>> from transparency_core import reference_ledger
        >>> canonical_ledger(reference_ledger()).splitlines()[0]
        b'02aa5e6b8d261c814ddf92d467f30983ac695bea4b47b02f630b262de626cbb1'
    """
    return b"".join(
        digest.hex().encode("ascii") + b"\n" for digest in sorted(map(record_digester(), requests))
    )


def ledger_digest(requests: Iterable[Request]) -> str:
    """The digest of the canonical ledger of ``requests``, in hexadecimal.

    A published report carries it (``build_report(..., ledger_digest=...)``; the command
    line does it for JSON), so that a reader holding the ledger can tell that it is the
    one the report was counted from, whatever the order of its records. The requests
    are digested one at a time; 32 bytes of each are held, to be sorted.

    Example:
        >>> from transparency_core import reference_ledger
        >>> ledger = reference_ledger()
        >>> ledger_digest(ledger) == ledger_digest(reversed(ledger))
        True
        >>> len(ledger_digest(ledger))
        64
    """
    return sorted_digest(sorted(map(record_digester(), requests)))
