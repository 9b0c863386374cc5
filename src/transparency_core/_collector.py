"""The cyclic garbage collector held back while a count builds its objects, then resumed.

Counting with provenance builds an entry per request (:class:`LedgerEntry`), a hundred
thousand objects for a ledger of a hundred thousand requests, each of which lives as
long as the report. CPython's cyclic collector is set off by the number of objects
made: so many new ones set off a full collection, which walks every object of the
process, the ledger's requests included (on the 100,000-request ledger about a third of
:func:`~transparency_core.build_report`'s time). The objects a count makes are plain
values and form no reference cycles, so holding the collector back while they are made
reclaims nothing later that it would have reclaimed then.

Example:
    >>> import gc
    >>> with collector_held():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["collector_held"]


@contextlib.contextmanager
def collector_held() -> Iterator[None]:
    """Hold the cyclic collector back in the ``with`` block; as it was, after.

    A collector that was already off (the caller's choice) stays off. Reference counting
    frees every object that is no longer used as ever: only cycles wait for the end of
    the block.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
