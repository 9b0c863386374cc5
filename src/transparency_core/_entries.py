"""Where each ledger record went: counted, or left out and why; and the findings.

Part of the finished report (:mod:`transparency_core._report`): every record is in
:attr:`Report.entries` or counted in its summary, and a finding is worth a look.
"""

from __future__ import annotations

import enum
from collections import deque
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

__all__ = ["Disposition", "Finding", "LedgerEntry", "LedgerSummary", "entries"]


class Disposition(enum.StrEnum):
    """Where a request went: counted, or left out and why.

    Example:
        >>> from collections import Counter
        >>> from transparency_core import reference_report
        >>> Counter(entry.disposition.value for entry in reference_report().entries)
        Counter({'counted': 233, 'out_of_period': 4})
    """

    COUNTED = "counted"
    """Counted in its category's table (and in Table 4 if it has a legal process)."""
    OUT_OF_PERIOD = "out_of_period"
    """Received before or after the reporting period."""
    CATEGORY_NOT_IN_REPORT = "category_not_in_report"
    """Its category has no table in this report."""
    OWN_TABLE_ONLY = "own_table_only"
    """Counted in its category's table only: a request for an action (a preservation,
    a restriction, a deletion), kept out of the totals (see :attr:`Category.action`)."""


@attrs.frozen
class LedgerEntry:
    """What became of one request id of the ledger, and of the records that carry it.

    ``records`` is how many ledger records carry the id: repeats are one request.

    Example:
        >>> from transparency_core import reference_report
        >>> entry = next(e for e in reference_report().entries if e.records > 1)
        >>> entry.records, entry.disposition.value
        (2, 'counted')
    """

    id: str
    records: int
    disposition: Disposition
    reason: str


_NEW = object.__new__
_SET_ID, _SET_RECORDS, _SET_DISPOSITION, _SET_REASON = (
    getattr(LedgerEntry, field.name).__set__ for field in attrs.fields(LedgerEntry)
)
_DISPOSITION, _REASON = itemgetter(0), itemgetter(1)
_consume = deque[None](maxlen=0).extend


def entries(
    ids: Collection[str], records: Iterable[int], places: Sequence[tuple[Disposition, str]]
) -> list[LedgerEntry]:
    """``[LedgerEntry(id, n, *place) for id, n, place in zip(ids, records, places)]``, in bulk.

    The same objects, equal and pickled alike, made for the counter: each of their four
    slots set directly, for all of them at once by ``map``, at C speed. The frozen
    class's ``__init__`` sets each through ``object.__setattr__``, a Python call apiece.
    Exact because :class:`LedgerEntry` has no default, converter, validator or post-init
    step (``tests/test_entries.py`` checks).

    Example:
        >>> made = entries(["A-1"], [2], [(Disposition.COUNTED, "counted in device, IN")])
        >>> made == [LedgerEntry("A-1", 2, Disposition.COUNTED, "counted in device, IN")]
        True
    """
    made = list(map(_NEW, repeat(LedgerEntry, len(ids))))
    _consume(map(_SET_ID, made, ids))
    _consume(map(_SET_RECORDS, made, records))
    _consume(map(_SET_DISPOSITION, made, map(_DISPOSITION, places)))
    _consume(map(_SET_REASON, made, map(_REASON, places)))
    return made


@attrs.frozen
class LedgerSummary:
    """How many records and requests a report covers, and how many it counted.

    Example:
        >>> from transparency_core import reference_report
        >>> reference_report().summary
        LedgerSummary(records=241, requests=237, counted=233, actions=0)
    """

    records: int
    """The ledger records read, repeats included."""
    requests: int
    """The distinct request ids among them: a repeat is one request."""
    counted: int
    """The requests counted in the tables and the totals; the others are in
    :meth:`Report.left_out`, or in :attr:`actions`."""
    actions: int = 0
    """The requests for an action (a preservation, a restriction, a deletion) counted
    in their own table only, outside the totals (see :attr:`Category.action`)."""

    @classmethod
    def of(cls, entries: tuple[LedgerEntry, ...]) -> LedgerSummary:
        """The summary of ``entries``, one per request id.

        Example:
            >>> LedgerSummary.of((LedgerEntry("A-1", 2, Disposition.COUNTED, "counted"),))
            LedgerSummary(records=2, requests=1, counted=1, actions=0)
        """
        return cls(
            records=sum(entry.records for entry in entries),
            requests=len(entries),
            counted=sum(1 for entry in entries if entry.disposition is Disposition.COUNTED),
            actions=sum(1 for entry in entries if entry.disposition is Disposition.OWN_TABLE_ONLY),
        )


@attrs.frozen
class Finding:
    """Something in the ledger worth a look that does not stop the count.

    Example:
        >>> Finding("IN-7", "amends", "amends 'IN-3', which is not in the ledger")
        Finding(id='IN-7', field='amends', message="amends 'IN-3', which is not in the ledger")
    """

    id: str
    field: str
    message: str
