"""The counter: requests into the cells of tables, from the tables' specs, and their signatures.

A table's cells are its measures (counts of requests or of their subjects, and the two
counts of each percentage) for each country. Every table is counted the same way, from
its spec: a category's table counts the requests of its category, a table across
categories (the cross-border figures, Table 4, a breakdown) those its ``where`` holds
for, each measure those its predicate holds for. The counter says which measures of
every table a request is in, its *signature*; the requests of one country and signature
are an *atom*, and every cell is summed from the atoms, with the ids behind it when
asked for provenance. From the atoms the disclosure check
(:mod:`transparency_core._withhold`) learns how figures overlap.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import TYPE_CHECKING

from transparency_core._counter import Counter, measures
from transparency_core._entries import LedgerEntries
from transparency_core._facts import reads_facts_only
from transparency_core._model import Request, Response
from transparency_core._packed import REPEATS
from transparency_core._report import Disposition
from transparency_core._specs import CROSS_BORDER, Requests, Subjects
from transparency_core._subjects import SubjectCounting

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

    from transparency_core._period import ReportingPeriod
    from transparency_core._specs import Breakdown, Category

__all__ = [
    "NONE",
    "Atoms",
    "Count",
    "Counts",
    "Signature",
    "Tabulation",
    "left_out",
]

Count = tuple[int, tuple[str, ...]]
"""A count and the ids of the requests behind it (none, without provenance)."""
Counts = dict[str, dict[str, dict[Requests | Subjects, Count]]]
"""Table key -> country -> measure -> count."""
NONE: Count = (0, ())
_COUNTED, _OWN_TABLE_ONLY = Disposition.COUNTED, Disposition.OWN_TABLE_ONLY
"""Read once: reading a member off its enum class is slow on Python 3.11."""


Signature = tuple[str, int, str | None, bool, tuple[int, ...]]
"""Where a counted request is: its category, the bits of its category table's measures
(:meth:`Counter.bits`), the legal process of its Table 4 column and whether the
cross-border figures count it (``None`` and ``False`` when it is in neither, or kept out
of the totals), and the bits of each breakdown's measures (0 when the breakdown does
not count it). Tables whose columns differ between parts of a ledger (Table 4, with a
column per type named) are signed by name, so that the signatures of parts add."""
Atoms = dict[str, dict[Signature, tuple[int, int]]]
"""Country -> signature -> (requests, subjects): the requests that share every cell."""

_FACTS = 4096
"""How many distinct facts the counter keeps before it asks whether they pay: past
them, it counts on without them when they are more than half the requests seen."""
_Place = tuple[Disposition, str]
"""Where a request went, for its entry: its disposition and the reason."""
_Slot = tuple[list[int], list[str], _Place, Response]
"""Where requests are counted: their atom's [requests, subjects], its ids, and the place
of their entries (and a response, held while counting)."""
_Fact = tuple[str, str, int, str | None, str | None]
"""A request's country, category, response (by its id), legal process and data country."""
_Facts = dict[_Fact, _Slot]
_ONLY_REQUESTS = frozenset({Request})
_Joined = dict[tuple[int, ...], tuple[str, ...]]  # a cell's atoms' lists, by identity -> ids


def _offsets(tables: Sequence[Breakdown]) -> list[int]:
    """Where the bits of each table across categories start, one table after another."""
    offsets, at = [], 0
    for table in tables:
        offsets.append(at)
        at += len(measures(table.columns))
    return offsets


def _joined(joined: _Joined, parts: list[list[str]]) -> tuple[str, ...]:
    """The ids of the atoms' lists ``parts`` in a row: one tuple for the cells of one list."""
    key = tuple(map(id, parts))
    ids = joined.get(key)
    if ids is None:
        ids = joined[key] = tuple(chain.from_iterable(parts))
    return ids


def left_out(request: Request, period: ReportingPeriod) -> _Place:
    """Where a request that is not counted went: outside ``period``, or not tabulated."""
    if request.received not in period:
        side = "before" if request.received_on < period.start else "after"
        reason = f"received {request.received.isoformat()}, {side} the period {period}"
        return Disposition.OUT_OF_PERIOD, reason
    reason = f"category {request.category!r} has no table in this report"
    return Disposition.CATEGORY_NOT_IN_REPORT, reason


class Tabulation:
    """The counting of one ledger (or part): every request into its atom, once.

    A request's atom is its country and signature: the requests of one atom are in the
    same cells of every table. The cells are summed from the atoms when counting is
    done (:meth:`counts`), so that a request costs one update, whatever its cells.
    Every table is counted from its spec: the categories' tables, then those across
    categories: the cross-border figures (rule 9), Table 4 (rule 7) and the breakdowns,
    whose bits follow one another in that order while counting (:meth:`signature`).
    """

    def __init__(  # noqa: PLR0913 -- the tables, and the policies of Subtotals.of
        self,
        categories: Sequence[Category],
        table4: Breakdown,
        breakdowns: Sequence[Breakdown],
        *,
        provenance: bool,
        actions_in_totals: bool,
        subjects: SubjectCounting = SubjectCounting.DISTINCT,
    ) -> None:
        self.counter = Counter()
        self.subjects = subjects.counter
        for category in categories:
            self.counter.table(category.name, measures(category.columns))
        across = (CROSS_BORDER, table4, *breakdowns)
        for table in across:
            self.counter.table(table.key, measures(table.columns))
        names = {column.measure: column.key for column in table4.columns}
        self._table4 = [names.get(measure) for measure in measures(table4.columns)]
        offsets = _offsets(across)
        self._border_at, self._table4_at = offsets[0], offsets[1]
        self._breakdown_bits = [
            (offset, len(measures(breakdown.columns)))
            for breakdown, offset in zip(breakdowns, offsets[2:], strict=True)
        ]
        self.across = tuple(
            (table.key, table.where, offset) for table, offset in zip(across, offsets, strict=True)
        )
        self.tabulated = frozenset(category.name for category in categories)
        self.own_table_only = frozenset(
            category.name for category in categories if category.action and not actions_in_totals
        )
        self.provenance = provenance
        self.atoms: dict[tuple[str, str, int, int], list[int]] = {}
        """(Country, category, its table's bits, the bits across) -> [requests, subjects]."""
        self.ids: dict[tuple[str, str, int, int], list[str]] = {}
        """The same keys -> the ids of their requests (empty without provenance)."""
        self._entries: list[tuple[Iterable[str], Iterable[int], list[_Place]]] = []
        """The columns of the entries of each ``count``: ids, records and places."""
        self._ordered, self._previous = True, ""
        """Whether the ids counted so far came in order, and the last of them."""
        self._reasons: dict[tuple[str, ...], str] = {}  # one string per table and country
        self.of_facts = self.counter.of_facts and all(
            reads_facts_only(where) for _, where, _ in self.across
        )
        """Whether every predicate reads only a request's facts (:func:`reads_facts_only`)."""

    def count(
        self,
        ids: Collection[str],
        requests: Sequence[Request],
        records: Sequence[int],
        period: ReportingPeriod,
    ) -> list[Request]:
        """Count every request of ``period`` whose category has a table; list the others.

        ``ids``, ``requests`` and ``records`` are columns of one order (a tally's). Returns
        the requests that amend another, repeat an identifier or have an id that may look
        like another's, for the findings (picked out here: no pass of their own).
        """
        tabulated, first, last = self.tabulated, period.start, period.end
        provenance, subjects_of, slot_of = self.provenance, self.subjects, self._slot
        facts = self._facts(requests)
        flagged: list[Request] = []
        places: list[_Place] = []  # of every entry, in order: all, or those left out
        left: list[tuple[str, int]] = []  # those left out, and where they are
        ordered, previous = self._ordered, self._previous
        for seen, (request_id, request) in enumerate(zip(ids, requests, strict=True)):
            # An ASCII id without white space around it is its own key (id_key): no look-alike.
            odd = not request_id.isascii() or request_id.strip() != request_id
            if odd or request.amends is not None or REPEATS(request):
                flagged.append(request)
            ordered, previous = ordered and previous <= request_id, request_id  # for by_id
            # Rules 1 and 10: in the period and in a table, or left out with the reason.
            category = request.category
            # A date-time counts on its own date.
            received = request.received if type(request.received) is date else request.received_on
            if not first <= received <= last or category not in tabulated:
                places.append(left_out(request, period))
                left.append((request_id, seen))
                continue
            # Rule 3: an amending record is a request of its own, counted as any other.
            if facts is None:
                slot = slot_of(request)
            else:
                fact = (
                    request.country,
                    category,
                    id(request.response),
                    request.legal_process,
                    request.data_country,
                )
                try:
                    slot = facts[fact]
                except KeyError:
                    slot, facts = self._remembered(facts, fact, request, seen)
                except TypeError:  # a value that is no key (types are the edge's to check)
                    slot = slot_of(request)
            atom = slot[0]
            atom[0] += 1
            atom[1] += subjects_of(request)
            if provenance:
                slot[1].append(request_id)
                places.append(slot[2])
        self._keep(ids, records, places, None if provenance else left)
        self._ordered, self._previous = ordered, previous
        return flagged

    def _facts(self, requests: Sequence[Request]) -> _Facts | None:
        """A new map of facts -> slot, when the predicates can be called once per facts.

        Country, category and facts: of a Request only (a subclass may read its facts
        otherwise), and only when every predicate reads facts only.
        """
        if self.of_facts and _ONLY_REQUESTS.issuperset(set(map(type, requests))):
            return {}
        return None

    def _keep(
        self,
        ids: Iterable[str],
        records: Sequence[int],
        places: list[_Place],
        left: list[tuple[str, int]] | None,
    ) -> None:
        """Keep the entries of the requests counted: all of them, or those ``left`` out.

        The columns counted are kept as they are: no copy of the ids for the collector.
        """
        if left is not None:
            ids = [request_id for request_id, _ in left]
            records = [records[seen] for _, seen in left]
        self._entries.append((ids, records, places))

    @property
    def entries(self) -> LedgerEntries:
        """Every request's entry with provenance; without, those left out; in counting order."""
        kept = self._entries
        return LedgerEntries.of_columns(
            chain.from_iterable(ids for ids, _, _ in kept),
            chain.from_iterable(records for _, records, _ in kept),
            chain.from_iterable(places for _, _, places in kept),
            by_id=self._ordered,
        )

    def _remembered(
        self, facts: _Facts, fact: _Fact, request: Request, seen: int
    ) -> tuple[_Slot, _Facts | None]:
        """The slot of a request of new facts, kept for them; and the memo, while it pays."""
        slot = self._slot(request)
        if type(request.response) is Response:  # the slot holds it, so its id stays its own
            facts[fact] = slot
            # Mostly new facts (responses not shared): the memo saves nothing.
            if len(facts) > _FACTS and 2 * len(facts) > seen:
                return slot, None
        return slot, facts

    def _slot(self, request: Request) -> _Slot:
        """Where ``request`` is counted: its atom's counts and ids, and its entry's place."""
        category, bits_of = request.category, self.counter.bits
        bits = 0
        if category not in self.own_table_only:
            for table, where, offset in self.across:
                if where(request):
                    bits |= bits_of(table, request) << offset
        key = (request.country, category, bits_of(category, request), bits)
        atom = self.atoms.setdefault(key, [0, 0])
        return (atom, self.ids.setdefault(key, []), self._place(request), request.response)

    def _place(self, request: Request) -> _Place:
        """Where a counted request went, for its entry (with provenance)."""
        where: tuple[str, ...] = (request.category, request.country)
        disposition = _COUNTED
        if request.category in self.own_table_only:
            where += ("in its own table only",)
            disposition = _OWN_TABLE_ONLY
        reason = self._reasons.get(where) or self._reasons.setdefault(
            where, f"counted in {', '.join(where)}"
        )
        return disposition, reason

    def counts(self) -> Counts:
        """The cells that are not zero, by table, country and measure, from the atoms."""
        # Each cell's count and the id lists of its atoms, joined once at the end.
        cells: dict[str, dict[str, dict[Requests | Subjects, tuple[int, list[list[str]]]]]] = {}
        for key, (requests, subjects) in self.atoms.items():
            country, category, mask, bits = key
            ids = self.ids.get(key, [])
            tables = [(category, mask)]
            tables.extend((table, bits >> offset) for table, _, offset in self.across)
            for table, in_table in tables:
                if not in_table & 1:  # bit 0: the table counts the requests of the atom
                    continue
                row = cells.setdefault(table, {}).setdefault(country, {})
                for index, measure in enumerate(self.counter.measures[table]):
                    if in_table >> index & 1:
                        value = subjects if type(measure) is Subjects else requests
                        cell = row.get(measure)
                        if cell is None:
                            row[measure] = (value, [ids])
                        else:
                            cell[1].append(ids)
                            row[measure] = (cell[0] + value, cell[1])
        joined: _Joined = {}
        return {
            table: {
                country: {
                    measure: (value, _joined(joined, ids)) for measure, (value, ids) in row.items()
                }
                for country, row in rows.items()
            }
            for table, rows in cells.items()
        }

    def signature(self, category: str, mask: int, bits: int) -> Signature:
        """The signature of the requests of a category's ``mask`` and the ``bits`` across."""
        table4 = bits >> self._table4_at
        process = next((name for i, name in enumerate(self._table4) if i and table4 >> i & 1), None)
        masks = tuple(bits >> offset & (1 << size) - 1 for offset, size in self._breakdown_bits)
        return (category, mask, process, bool(bits >> self._border_at & 1), masks)

    def frozen_atoms(self) -> Atoms:
        """The atoms counted, by country and signature, as (requests, subjects) pairs."""
        frozen: Atoms = {}
        for (country, category, mask, bits), (requests, subjects) in self.atoms.items():
            signature = self.signature(category, mask, bits)
            frozen.setdefault(country, {})[signature] = (requests, subjects)
        return frozen

    @property
    def counted(self) -> int:
        """How many requests were counted in the totals."""
        return sum(n for key, (n, _) in self.atoms.items() if key[1] not in self.own_table_only)

    @property
    def actions(self) -> int:
        """How many requests for an action were counted in their own table only."""
        return sum(n for key, (n, _) in self.atoms.items() if key[1] in self.own_table_only)
