"""The counter: requests into the cells of tables, and their signatures.

A table's cells are its measures (counts of requests or of their subjects, and the two
counts of each percentage) for each country. The counter adds each request to its
country's row, keeping the ids behind every count when asked for provenance, and says
which of the table's measures the request is in: its *signature*, from which the
disclosure check (:mod:`transparency_core._withhold`) learns how figures overlap.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TypeVar

from transparency_core._breakdowns import LegalProcessIs
from transparency_core._categories import Percent, Requests, Subjects, every_request
from transparency_core._report import Disposition, LedgerEntry

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from transparency_core._breakdowns import Breakdown
    from transparency_core._categories import Category, Column
    from transparency_core._model import Request
    from transparency_core._period import ReportingPeriod

__all__ = [
    "EVERY",
    "NONE",
    "Atoms",
    "Count",
    "Counter",
    "Counts",
    "Signature",
    "Tabulation",
    "add_atoms",
    "add_counts",
    "add_row",
    "left_out",
    "measures",
]

_K = TypeVar("_K")
EVERY = Requests()
Count = tuple[int, tuple[str, ...]]
"""A count and the ids of the requests behind it (none, without provenance)."""
Counts = dict[str, dict[str, dict[Requests | Subjects, Count]]]
"""Table key -> country -> measure -> count."""
NONE: Count = (0, ())


def measures(columns: Iterable[Column]) -> tuple[Requests | Subjects, ...]:
    """The counts a table's cells need, once each; the first counts every request."""
    found: dict[Requests | Subjects, None] = {EVERY: None}
    for column in columns:
        measure = column.measure
        if isinstance(measure, Percent):
            found[Requests(measure.part)] = None
            found[Requests(measure.whole)] = None
        else:
            found[measure] = None
    return tuple(found)


class Counter:
    """Counts requests into the cells of tables, keeping their ids with provenance.

    The first measure of every table counts every request (see :func:`measures`), so
    it is added without a call; so is a measure of every request's subjects.
    """

    def __init__(self, *, provenance: bool) -> None:
        self.provenance = provenance
        self.measures: dict[str, tuple[Requests | Subjects, ...]] = {}
        self.tests: dict[
            str, tuple[tuple[int, Callable[[Request], bool] | None, bool, int], ...]
        ] = {}
        self.values: dict[str, dict[str, list[int]]] = {}
        self.ids: dict[str, dict[str, list[list[str]]]] = {}

    def table(self, key: str, measures: tuple[Requests | Subjects, ...]) -> None:
        """Count ``measures`` in the table ``key``; the first must be :data:`EVERY`."""
        self.measures[key] = measures
        self.tests[key] = tuple(
            (
                index,
                None if where is every_request else where,
                type(measure) is Subjects,
                1 << index,
            )
            for index, measure in enumerate(measures)
            if index
            for where, bit in ((measure.where, 1 << index),)
        )
        self.values[key], self.ids[key] = {}, {}

    def row(self, table: str, country: str) -> tuple[list[int], list[list[str]]]:
        """The counts (and ids) of ``country`` in ``table``, made on first use."""
        values = self.values[table].get(country)
        if values is None:
            size = len(self.measures[table])
            values = self.values[table][country] = [0] * size
            self.ids[table][country] = [[] for _ in range(size)]
        return values, self.ids[table][country]

    def add(self, table: str, request: Request) -> int:
        """Count ``request`` in its country's row of ``table``; return its measures' bits.

        Bit ``i`` of the result is set when the request is in the table's measure ``i``
        (bit 0, every request, always): a part of the request's signature, which
        :class:`~transparency_core.Subtotals` keeps for the disclosure check.
        """
        values = self.values[table].get(request.country)
        if values is None:
            values = self.row(table, request.country)[0]
        values[0] += 1
        mask = 1
        if not self.provenance:
            for index, where, subjects, bit in self.tests[table]:
                if where is None or where(request):
                    values[index] += request.subject_count if subjects else 1
                    mask |= bit
            return mask
        ids = self.ids[table][request.country]
        ids[0].append(request.id)
        for index, where, subjects, bit in self.tests[table]:
            if where is None or where(request):
                values[index] += request.subject_count if subjects else 1
                ids[index].append(request.id)
                mask |= bit
        return mask

    def add_legal_processes(
        self, table: Breakdown, ids: Mapping[str, Mapping[str, Sequence[str]]]
    ) -> None:
        """Count the legal process breakdown from the ids of country -> process -> ids.

        A request with a legal process (``has_legal_process``) is in the whole and in
        its own process's column (``LegalProcessIs``): no predicate is called per request.
        """
        counted = measures(table.columns)
        self.table(table.key, counted)
        for country, by_process in ids.items():
            values, row_ids = self.row(table.key, country)
            for name, with_it in by_process.items():
                for index in (0, counted.index(Requests(LegalProcessIs(name)))):
                    values[index] += len(with_it)
                    if self.provenance:
                        row_ids[index].extend(with_it)

    def freeze(self) -> Counts:
        """The counts that are not zero, by table, country and measure."""
        return {
            table: {
                country: {
                    measure: (value, tuple(ids))
                    for measure, value, ids in zip(
                        self.measures[table], values, self.ids[table][country], strict=True
                    )
                    if value
                }
                for country, values in rows.items()
            }
            for table, rows in self.values.items()
            if rows
        }


def add_row(into: dict[_K, Count], row: Mapping[_K, Count]) -> None:
    """Add the counts of ``row`` to those of ``into``, key by key."""
    for key, (value, ids) in row.items():
        had, had_ids = into.get(key, NONE)
        into[key] = (had + value, had_ids + ids)


def add_counts(first: Counts, second: Counts) -> Counts:
    """The counts of two parts of a ledger together."""
    merged = {
        table: {country: dict(row) for country, row in rows.items()}
        for table, rows in first.items()
    }
    for table, rows in second.items():
        into_rows = merged.setdefault(table, {})
        for country, row in rows.items():
            add_row(into_rows.setdefault(country, {}), row)
    return merged


Signature = tuple[str, int, str | None, bool, tuple[int, ...]]
"""Where a counted request is: its category, the bits of its category table's measures
(:meth:`Counter.add`), its legal process and cross-border flag (``None`` and ``False``
when it is kept out of the totals), and the bits of each breakdown's measures (0 when
the breakdown does not count it)."""
Atoms = dict[str, dict[Signature, tuple[int, int]]]
"""Country -> signature -> (requests, subjects): the requests that share every cell."""


def add_atoms(first: Atoms, second: Mapping[str, Mapping[Signature, tuple[int, int]]]) -> Atoms:
    """The atoms of two parts of a ledger together."""
    merged = {country: dict(row) for country, row in first.items()}
    for country, row in second.items():
        into = merged.setdefault(country, {})
        for signature, (requests, subjects) in row.items():
            had_requests, had_subjects = into.get(signature, (0, 0))
            into[signature] = (had_requests + requests, had_subjects + subjects)
    return merged


def left_out(request: Request, records: int, period: ReportingPeriod) -> LedgerEntry:
    """The entry of a request that is not counted: outside ``period``, or not tabulated."""
    if request.received not in period:
        side = "before" if request.received < period.start else "after"
        reason = f"received {request.received.isoformat()}, {side} the period {period}"
        return LedgerEntry(request.id, records, Disposition.OUT_OF_PERIOD, reason)
    reason = f"category {request.category!r} has no table in this report"
    return LedgerEntry(request.id, records, Disposition.CATEGORY_NOT_IN_REPORT, reason)


class Tabulation:
    """The counting of one ledger (or part): every request into its cells, once."""

    def __init__(
        self,
        categories: Sequence[Category],
        breakdowns: Sequence[Breakdown],
        *,
        provenance: bool,
        actions_in_totals: bool,
    ) -> None:
        self.counter = Counter(provenance=provenance)
        for category in categories:
            self.counter.table(category.name, measures(category.columns))
        for breakdown in breakdowns:
            self.counter.table(breakdown.key, measures(breakdown.columns))
        self.breakdowns = tuple(breakdowns)
        self.own_table_only = frozenset(
            category.name for category in categories if category.action and not actions_in_totals
        )
        self.provenance = provenance
        # Rules 7 and 9 count by a field, not by a predicate per column: the ids of
        # country -> legal process, and of country (cross-border).
        self.processes: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.cross_border: defaultdict[str, list[str]] = defaultdict(list)
        self.atoms: dict[tuple[str, *Signature], list[int]] = {}
        """(Country, *signature) -> [requests, subjects], while counting."""
        self._in_no_breakdown = (0,) * len(self.breakdowns)
        self.entries: list[LedgerEntry] = []
        self._reasons: dict[tuple[str, ...], str] = {}  # one string per table and country

    def count(
        self, requests: Mapping[str, Request], records: Mapping[str, int], period: ReportingPeriod
    ) -> list[Request]:
        """Count every request of ``period`` whose category has a table; list the others.

        Returns the requests that amend another or repeat an identifier, for the
        findings (picked out here, so that they need no pass of their own).
        """
        counter, atoms, breakdowns = self.counter, self.atoms, self.breakdowns
        tabulated, own_table_only = counter.measures, self.own_table_only
        first, last = period.start, period.end
        flagged: list[Request] = []
        for request_id, request in requests.items():
            if request.amends is not None or request.repeated_identifiers:
                flagged.append(request)
            # Rule 1: "A request counts once, in its category, country and the period of
            # its received date." Rule 10: nothing outside the period is silently dropped.
            category, country = request.category, request.country
            if not first <= request.received <= last or category not in tabulated:
                self.entries.append(left_out(request, records[request_id], period))
                continue
            # Rule 3: "If a request is amended, it is counted as a new request": an
            # amending record is a request of its own and the amended one still counts.
            mask = counter.add(category, request)
            if category in own_table_only:
                # An action (a preservation, a restriction) is not a disclosure: by
                # default it is counted in its own table only.
                key: tuple[str, *Signature] = (
                    country,
                    category,
                    mask,
                    None,
                    False,
                    self._in_no_breakdown,
                )
            else:
                process = request.legal_process
                if process is not None:  # has_legal_process
                    self.processes[country][process].append(request_id)
                # Rule 9: cross-border requests are counted and disclosed, zero included.
                border = request.data_country is not None  # Request.cross_border
                if border:
                    self.cross_border[country].append(request_id)
                in_breakdowns = self._in_no_breakdown
                if in_breakdowns:
                    in_breakdowns = tuple(
                        counter.add(b.key, request) if b.where(request) else 0 for b in breakdowns
                    )
                key = (country, category, mask, process, border, in_breakdowns)
            atom = atoms.get(key)
            if atom is None:
                atoms[key] = [1, request.subject_count]
            else:
                atom[0] += 1
                atom[1] += request.subject_count
            if self.provenance:
                self._entry(request_id, request, records[request_id])
        return flagged

    def _entry(self, request_id: str, request: Request, records: int) -> None:
        """Keep where a counted request went (with provenance)."""
        where: tuple[str, ...] = (request.category, request.country)
        disposition = Disposition.COUNTED
        if request.category in self.own_table_only:
            where += ("in its own table only",)
            disposition = Disposition.OWN_TABLE_ONLY
        reason = self._reasons.get(where) or self._reasons.setdefault(
            where, f"counted in {', '.join(where)}"
        )
        self.entries.append(LedgerEntry(request_id, records, disposition, reason))

    def frozen_atoms(self) -> Atoms:
        """The atoms counted, by country, as (requests, subjects) pairs."""
        frozen: Atoms = {}
        for key, (requests, subjects) in self.atoms.items():
            frozen.setdefault(key[0], {})[key[1:]] = (requests, subjects)
        return frozen

    @property
    def counted(self) -> int:
        """How many requests were counted in the totals."""
        return sum(n for key, (n, _) in self.atoms.items() if key[1] not in self.own_table_only)

    @property
    def actions(self) -> int:
        """How many requests for an action were counted in their own table only."""
        return sum(n for key, (n, _) in self.atoms.items() if key[1] in self.own_table_only)
