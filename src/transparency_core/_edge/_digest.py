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
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from transparency_core._canonical import canonical_json
from transparency_core._edge._shortest import shortest_record

if TYPE_CHECKING:
    from collections.abc import Iterable

    from transparency_core._model import Request

__all__ = ["canonical_ledger", "ledger_digest", "record_digest", "sorted_digest"]


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
    return hashlib.sha256(canonical_json(shortest_record(request))).digest()


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
        digest.hex().encode("ascii") + b"\n" for digest in sorted(map(record_digest, requests))
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
    return sorted_digest(sorted(map(record_digest, requests)))
