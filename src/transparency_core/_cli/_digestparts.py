"""The ledger digest of a file counted in parts: the parts digest their records, buckets sort them.

The digest (:func:`~transparency_core.ledger_digest`, version 2 of the canonical ledger)
is of the records' digests, sorted, so it is computed in the one pass that counts the
file, in flat memory:

1. While a part is counted, each request it reads is digested where it is read
   (:func:`digested`, one call in the part's worker), and the part's record digests, 32
   bytes each, go to a file of its own in the run's temporary directory. Only when the
   ledger file asks for them (``LedgerFile.digests``: a JSON report is written).
2. Then :func:`parts_digest` deals every part's digests into 256 bucket files by their
   first byte, and sorts one bucket at a time into the ledger digest: memory of one
   part's digests and one bucket's (a 256th of 32 bytes a record), never the ledger's.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
from typing import TYPE_CHECKING

from transparency_core._edge import record_digester, sorted_digest

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from transparency_core._cli._split import LedgerFile
    from transparency_core._model import Request

__all__ = ["digested", "parts_digest"]

_SIZE = 32
"""The bytes of a record digest."""
_BUCKETS = 256
"""One bucket for each first byte."""


def _part_file(ledger: LedgerFile, part: int) -> Path:
    """The file of the record digests of ``part``."""
    return ledger.directory / f"digests.{part}"


def digested(
    pairs: Iterator[tuple[int, Request]], ledger: LedgerFile, part: int
) -> Iterator[tuple[int, Request]]:
    """The ``(position, request)`` pairs of ``part``, as they come; digested, if asked.

    When ``ledger.digests``, each request is digested as it passes, and the part's
    digests are written once the last has passed (again, if the part is read again).
    """
    if not ledger.digests:
        return pairs
    return _digesting(pairs, _part_file(ledger, part))


def _digesting(pairs: Iterator[tuple[int, Request]], path: Path) -> Iterator[tuple[int, Request]]:
    digests, digest = bytearray(), record_digester()
    for pair in pairs:
        digests += digest(pair[1])
        yield pair
    path.write_bytes(digests)


def _chunks(data: bytes) -> list[bytes]:
    """The record digests of ``data``, sorted."""
    return sorted(data[at : at + _SIZE] for at in range(0, len(data), _SIZE))


def _deal(ledger: LedgerFile, buckets: list[Path]) -> None:
    """Deal every part's record digests into the buckets of their first bytes."""
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(path.open("wb")) for path in buckets]
        for part in range(ledger.parts):
            path = _part_file(ledger, part)
            for first, group in itertools.groupby(
                _chunks(path.read_bytes()), key=operator.itemgetter(0)
            ):
                files[first].write(b"".join(group))
            path.unlink()


def _sorted(buckets: Iterable[Path]) -> Iterator[bytes]:
    """Every record digest, in order: a bucket at a time."""
    for path in buckets:
        yield from _chunks(path.read_bytes())
        path.unlink()


def parts_digest(ledger: LedgerFile) -> str:
    """The ledger digest of a file whose every part was counted with ``ledger.digests``.

    Raises:
        OSError: When a part's digests cannot be read (a part not counted), or a
            bucket cannot be written.
    """
    buckets = [ledger.directory / f"digest-bucket.{first:02x}" for first in range(_BUCKETS)]
    _deal(ledger, buckets)
    return sorted_digest(_sorted(buckets))
