"""The tally: the de-duplicated requests of a ledger, or of a part of one, mergeable.

Rule 2: "Any request that we challenge or reject is not counted as an additional
request." Records that repeat an ``id`` are one request. A tally holds one request per
id, how many records carried it, and every conflict found. Tallies of parts of a ledger
merge exactly: the merge is associative and commutative, and a repeated id that lands in
two parts is merged as if both records had been in one part. Tallies pickle, so the parts
can be counted in separate processes.

Example:
    >>> from transparency_core import reference_ledger
    >>> ledger = reference_ledger()
    >>> whole = Tally.of(ledger)
    >>> parts = Tally.of(ledger[:100]).merge(Tally.of(ledger[100:], start=100))
    >>> parts == whole
    True
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TypeVar

import attrs

from transparency_core._column import Column, aligned, columns_of
from transparency_core._mask import masked
from transparency_core._model import Identifier, Notification, Outcome, Request, Response
from transparency_core.exceptions import ConflictingRepeatError

__all__ = ["Tally", "columns"]

_T = TypeVar("_T")


class _Conflict(Exception):  # noqa: N818 -- an internal signal, never raised out
    def __init__(self, field: str, first: object, second: object) -> None:
        super().__init__(field)
        self.field, self.first, self.second = field, first, second


def _identifier_order(identifier: Identifier) -> tuple[str, str, str]:
    return (identifier.type, identifier.value, identifier.subject or "")


def _settle(field: str, first: _T | None, second: _T | None, pending: object) -> _T | None:
    """Return the more settled of two values: absent, then ``pending``, then definite.

    Two different definite values are a conflict.
    """

    def rank(value: object) -> int:
        return 0 if value is None else 1 if value == pending else 2

    if rank(first) != rank(second):
        return first if rank(first) > rank(second) else second
    if first != second:
        raise _Conflict(field, first, second)
    return first


def _merge_responses(first: Response, second: Response) -> Response:
    """Combine the responses of two records of one request.

    A ``pending`` outcome gives way to a settled one, ``challenged`` holds if either
    record says so, an absent or ``not_yet`` notice gives way to a definite one, and an
    absent action to a recorded one. Two different settled outcomes, data, notices or
    actions are a conflict: never a silent choice. The combination is commutative and
    associative, so the order of the records never matters.
    """
    outcome = _settle("response.outcome", first.outcome, second.outcome, Outcome.PENDING)
    if first.outcome is second.outcome and first.data is not second.data:
        raise _Conflict("response.data", first.data, second.data)
    data = first.data if first.outcome is outcome else second.data
    notified = _settle("response.notified", first.notified, second.notified, Notification.NOT_YET)
    action = _settle("response.action", first.action, second.action, None)
    return Response(
        outcome=outcome or Outcome.PENDING,
        data=data,
        challenged=first.challenged or second.challenged,
        notified=notified,
        action=action,
    )


_TIMES = ("acknowledged", "responded")
"""Times a later record may add: an absent one gives way, two different ones conflict."""
_REQUEST_FIELDS = tuple(
    field.name for field in attrs.fields(Request) if field.name not in {"response", *_TIMES}
)


def _identifiers_difference(
    first: Sequence[Identifier], second: Sequence[Identifier]
) -> tuple[str, object, object]:
    """What two records' identifiers disagree on: one key of one identifier, if that is all.

    An identifier's value and subject are masked in a message, so "the subject of the
    second record's first identifier" (``identifiers[0].subject``) is what a reader can
    act on; any other difference names both lists.
    """
    only_first = [item for item in first if item not in second]
    only_second = [(place, item) for place, item in enumerate(second) if item not in first]
    if len(only_first) == 1 and len(only_second) == 1:
        ((mine,), ((place, theirs),)) = (only_first, only_second)
        keys = [
            key
            for key in ("type", "value", "subject")
            if getattr(mine, key) != getattr(theirs, key)
        ]
        if len(keys) == 1:
            (key,) = keys
            values = [getattr(mine, key), getattr(theirs, key)]
            if key != "type":  # a customer's data: masked, as the lists would be
                values = [None if value is None else masked(value) for value in values]
            return f"identifiers[{place}].{key}", *values
    return "identifiers", list(first), list(second)


def _merge(first: Request, second: Request) -> Request:
    """Merge two records of one request id, or raise :class:`_Conflict`."""
    acknowledged = _settle("acknowledged", first.acknowledged, second.acknowledged, None)
    responded = _settle("responded", first.responded, second.responded, None)
    for name in _REQUEST_FIELDS:
        mine, theirs = getattr(first, name), getattr(second, name)
        if name == "identifiers":
            if sorted(mine, key=_identifier_order) != sorted(theirs, key=_identifier_order):
                raise _Conflict(*_identifiers_difference(mine, theirs))
        elif mine != theirs:
            raise _Conflict(name, mine, theirs)
    response = _merge_responses(first.response, second.response)
    if (response, acknowledged, responded) == (
        first.response,
        first.acknowledged,
        first.responded,
    ):
        return first
    return attrs.evolve(first, response=response, acknowledged=acknowledged, responded=responded)


def _combine(
    request_id: str,
    earlier: tuple[Request, int],
    later: tuple[Request, int],
    conflicts: list[ConflictingRepeatError],
) -> Request:
    """Merge two records (request, position) of one id; a conflict keeps the earlier."""
    (first, first_at), (second, second_at) = sorted((earlier, later), key=lambda pair: pair[1])
    try:
        return _merge(first, second)
    except _Conflict as conflict:
        conflicts.append(
            ConflictingRepeatError(
                request_id, first_at, second_at, conflict.field, conflict.first, conflict.second
            )
        )
        return first


def _index_of(requests: Mapping[str, Request]) -> dict[str, int]:
    """Each id's place among ``requests``, in a dict of its own (to add ids to)."""
    if isinstance(requests, Column):
        return dict(requests.index())
    return {request_id: place for place, request_id in enumerate(requests)}


@attrs.frozen(eq=True, hash=False)
class Tally:
    """The requests of a ledger (or a part of one), one per id, ready to count.

    Build one with :meth:`of`, combine parts with :meth:`merge` (or ``+``), and count it
    with :func:`~transparency_core.build_report`. A tally of :meth:`of` or :meth:`merge`
    keeps its three mappings as columns over one index of the ids, in the order of each
    id's first record: read-only mappings that equal the dicts of the same items. A
    tally made of dicts is counted and merged alike.

    Example:
        >>> from transparency_core import build_report, reference_ledger, reference_period
        >>> ledger = reference_ledger()
        >>> whole = Tally.of(ledger)
        >>> len(whole.requests), sum(whole.records.values())
        (237, 241)
        >>> Tally.of(ledger[:100]) + Tally.of(ledger[100:], 100) == whole
        True
        >>> build_report(whole, reference_period()).table("account").cell("CN", "requests").value
        161
    """

    requests: Mapping[str, Request]
    """One request per id, its records merged."""
    records: Mapping[str, int]
    """How many records carried each id."""
    first_seen: Mapping[str, int]
    """The position in the ledger of the first record of each id."""
    conflicts: tuple[ConflictingRepeatError, ...] = ()
    """Every repeat that disagrees with an earlier record of its id."""

    @classmethod
    def of(cls, requests: Iterable[Request], start: int = 0) -> Tally:
        """Tally ``requests``, in ledger order.

        Args:
            requests: The records of the ledger, or of a part of it.
            start: Where the part starts in the whole ledger, so that errors name the
                records by their place in the whole.
        """
        return cls.of_positioned(enumerate(requests, start))

    @classmethod
    def of_positioned(cls, pairs: Iterable[tuple[int, Request]]) -> Tally:
        """Tally ``(position in the ledger, request)`` pairs, in ledger order.

        For a stream of records some of which were refused: the positions of the others
        are kept, so that errors name records by their place in the ledger.
        """
        index: dict[str, int] = {}  # each id hashed once, into the one index
        place_of = index.setdefault
        merged: list[Request] = []
        first_seen = array("q")  # places in the ledger, unboxed
        keep, first_at = merged.append, first_seen.append
        repeats: list[int] = []  # the place of each record of an id seen before
        conflicts: list[ConflictingRepeatError] = []
        size = 0
        for position, request in pairs:
            request_id = request.id
            place = place_of(request_id, size)
            if place == size:
                keep(request)
                first_at(position)
                size += 1
                continue
            repeats.append(place)
            merged[place] = _combine(
                request_id, (merged[place], first_seen[place]), (request, position), conflicts
            )
        records = [1] * size
        for place in repeats:
            records[place] += 1
        return cls._of_columns(index, merged, records, first_seen, conflicts)

    @classmethod
    def _of_columns(
        cls,
        index: dict[str, int],
        merged: list[Request],
        records: list[int],
        first_seen: array[int],
        conflicts: list[ConflictingRepeatError],
    ) -> Tally:
        """The tally of the columns over ``index``: requests, records and first places."""
        return cls(
            Column(index, merged),
            Column(index, records),
            Column(index, first_seen),
            tuple(conflicts),
        )

    def merge(self, other: Tally) -> Tally:
        """Return the tally of both parts, as if their records had been tallied together."""
        index = _index_of(self.requests)
        merged = list(columns_of(self.requests)[1])
        records = list(aligned(self.requests, self.records))
        first_seen = array("q", aligned(self.requests, self.first_seen))
        conflicts = [*self.conflicts, *other.conflicts]
        their_ids, theirs = columns_of(other.requests)
        their_records = aligned(other.requests, other.records)
        their_first = aligned(other.requests, other.first_seen)
        for request_id, request, count, at in zip(
            their_ids, theirs, their_records, their_first, strict=True
        ):
            place = index.setdefault(request_id, len(merged))
            if place == len(merged):
                merged.append(request)
                records.append(count)
                first_seen.append(at)
                continue
            records[place] += count
            merged[place] = _combine(
                request_id, (merged[place], first_seen[place]), (request, at), conflicts
            )
            first_seen[place] = min(first_seen[place], at)
        return self._of_columns(index, merged, records, first_seen, conflicts)

    def __add__(self, other: Tally) -> Tally:
        """``a + b`` is ``a.merge(b)``."""
        return self.merge(other)

    @classmethod
    def empty(cls) -> Tally:
        """The tally of no records: ``Tally.empty().merge(t) == t``."""
        return cls({}, {}, {})


def columns(tally: Tally) -> tuple[Collection[str], Sequence[Request], Sequence[int]]:
    """The ids of ``tally``, their requests and their numbers of records, in one order."""
    ids, requests = columns_of(tally.requests)
    return ids, requests, aligned(tally.requests, tally.records)
