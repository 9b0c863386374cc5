"""Where each ledger record went: counted, or left out and why; and the findings.

Part of the finished report (:mod:`transparency_core._report`): every record is in
:attr:`Report.entries` or counted in its summary, and a finding is worth a look.
"""

from __future__ import annotations

import enum
from collections import Counter, deque
from collections.abc import Sequence
from itertools import islice, repeat
from operator import attrgetter, itemgetter, le
from typing import TYPE_CHECKING, overload

import attrs

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

__all__ = [
    "Disposition",
    "Finding",
    "LedgerEntries",
    "LedgerEntry",
    "LedgerSummary",
    "entries",
    "entries_of",
]


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


_FIELDS = attrgetter("id", "records", "disposition", "reason")
_CHUNK = 4096
"""How many entries :meth:`LedgerEntries.__iter__` makes at a time."""


class LedgerEntries(Sequence[LedgerEntry]):
    """A report's ledger entries, as a tuple of :class:`LedgerEntry` is, kept as columns.

    The counter keeps each request's id, its number of records and where it went; an
    entry is made of them only when it is read. A report of a million requests holds
    three tuples, not a million objects for the cyclic garbage collector to walk over
    and over while the rest is counted. Immutable; equal to the tuple of the same
    entries (and hashed as it is), and pickled as its columns.

    Example:
        >>> entry = LedgerEntry("A-1", 2, Disposition.COUNTED, "counted in device, IN")
        >>> both = LedgerEntries([entry]) + LedgerEntries([attrs.evolve(entry, id="A-2")])
        >>> len(both), both[1].id, both == tuple(both)
        (2, 'A-2', True)
    """

    __slots__ = ("_by_id", "_ids", "_places", "_records")

    _ids: tuple[str, ...]
    _records: tuple[int, ...]
    _places: tuple[tuple[Disposition, str], ...]
    _by_id: bool  # known to be in the order of the ids (else not known)

    def __init__(self, entries: Iterable[LedgerEntry] = ()) -> None:
        """The entries of ``entries``, in their order."""
        rows = list(map(_FIELDS, entries))
        self._fill([row[0] for row in rows], [row[1] for row in rows], [row[2:] for row in rows])

    def _fill(
        self,
        ids: Iterable[str],
        records: Iterable[int],
        places: Iterable[tuple[Disposition, str]],
        *,
        by_id: bool = False,
    ) -> None:
        self._ids, self._records, self._places = tuple(ids), tuple(records), tuple(places)
        self._by_id = by_id

    @classmethod
    def of_columns(
        cls,
        ids: Iterable[str],
        records: Iterable[int],
        places: Iterable[tuple[Disposition, str]],
        *,
        by_id: bool = False,
    ) -> LedgerEntries:
        """The entries of ``ids``, each with its number of records and its place, in order.

        The three are of one length (the counter's columns): not checked. ``by_id`` says
        that the ids are in order (the counter noted it as it went): also not checked.
        """
        made = cls.__new__(cls)
        cls._fill(made, ids, records, places, by_id=by_id)
        return made

    @property
    def ids(self) -> tuple[str, ...]:
        """Each entry's request id, in order, without making the entries."""
        return self._ids

    def dispositions(self) -> Counter[Disposition]:
        """How many entries went each way, without making them."""
        return Counter(map(_DISPOSITION, self._places))

    def total_records(self) -> int:
        """How many ledger records the entries carry, repeats included."""
        return sum(self._records)

    def by_id(self) -> LedgerEntries:
        """The same entries, ordered by request id (entries of one id keep their order).

        Entries already in that order (a ledger kept by id) are returned as they are.
        """
        ids = self._ids
        if self._by_id or all(map(le, ids, islice(ids, 1, None))):  # stops at the first out
            return self
        order = sorted(range(len(ids)), key=ids.__getitem__)
        return self.of_columns(
            map(ids.__getitem__, order),
            map(self._records.__getitem__, order),
            map(self._places.__getitem__, order),
            by_id=True,
        )

    def __len__(self) -> int:
        """How many entries there are."""
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> LedgerEntry: ...
    @overload
    def __getitem__(self, index: slice) -> LedgerEntries: ...
    def __getitem__(self, index: int | slice) -> LedgerEntry | LedgerEntries:
        """The entry at ``index``, made now; or the entries of a slice."""
        if isinstance(index, slice):
            return self.of_columns(self._ids[index], self._records[index], self._places[index])
        return LedgerEntry(self._ids[index], self._records[index], *self._places[index])

    def __iter__(self) -> Iterator[LedgerEntry]:
        """Each entry in order, made a few thousand at a time."""
        for start in range(0, len(self._ids), _CHUNK):
            end = start + _CHUNK
            yield from entries(
                self._ids[start:end], self._records[start:end], self._places[start:end]
            )

    def __add__(self, other: LedgerEntries | tuple[LedgerEntry, ...]) -> LedgerEntries:
        """The entries of both, these first."""
        if isinstance(other, tuple):
            other = LedgerEntries(other)
        if not isinstance(other, LedgerEntries):
            return NotImplemented
        return self.of_columns(
            self._ids + other._ids, self._records + other._records, self._places + other._places
        )

    def __eq__(self, other: object) -> bool:
        """Whether ``other`` holds the same entries in the same order: entries or a tuple."""
        if isinstance(other, LedgerEntries):
            return (self._ids, self._records, self._places) == (
                other._ids,
                other._records,
                other._places,
            )
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        """The hash of the tuple of the same entries, which they equal."""
        return hash(tuple(self))

    def __repr__(self) -> str:
        """``LedgerEntries((LedgerEntry(...), ...))``."""
        return f"{type(self).__name__}({tuple(self)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its columns: the same entries pickle alike, however they were made."""
        dispositions = tuple(map(_DISPOSITION, self._places))
        reasons = tuple(map(_REASON, self._places))
        return _unpickled, (self._ids, self._records, dispositions, reasons)


def _unpickled(
    ids: tuple[str, ...],
    records: tuple[int, ...],
    dispositions: tuple[Disposition, ...],
    reasons: tuple[str, ...],
) -> LedgerEntries:
    """The entries a pickle of :class:`LedgerEntries` holds."""
    return LedgerEntries.of_columns(ids, records, zip(dispositions, reasons, strict=True))


def entries_of(entries: Iterable[LedgerEntry]) -> LedgerEntries:
    """``entries`` as :class:`LedgerEntries` (as they are, if they are already)."""
    return entries if isinstance(entries, LedgerEntries) else LedgerEntries(entries)


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
    def of(cls, entries: Iterable[LedgerEntry]) -> LedgerSummary:
        """The summary of ``entries``, one per request id.

        Example:
            >>> LedgerSummary.of((LedgerEntry("A-1", 2, Disposition.COUNTED, "counted"),))
            LedgerSummary(records=2, requests=1, counted=1, actions=0)
        """
        columns = entries_of(entries)
        ways = columns.dispositions()
        return cls(
            records=columns.total_records(),
            requests=len(columns),
            counted=ways[Disposition.COUNTED],
            actions=ways[Disposition.OWN_TABLE_ONLY],
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
