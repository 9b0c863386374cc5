"""The counting rules: from request records to the figures of a report.

Each rule quotes the sentence of the seed's methodology ("How do we count requests and
responses?") or of the ledger contract that it implements; the tests in
``tests/test_rules.py`` are named after the same rules.

References:
    Xiaomi Transparency Report, January 1 - December 31, 2020: "How do we count requests
    and responses?", Tables 1 to 4 and their definitions.
    docs: "The counting rules", rules 1 to 10.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar

import attrs
from babel import Locale

from transparency_core._breakdowns import Breakdown, LegalProcessIs, legal_process_breakdown
from transparency_core._categories import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Category,
    Column,
    LegalProcess,
    Percent,
    Requests,
    Subjects,
    every_request,
)
from transparency_core._period import ReportingPeriod
from transparency_core._report import (
    Cell,
    CrossBorder,
    Disposition,
    Figure,
    Finding,
    LedgerEntry,
    LedgerSummary,
    Percentage,
    Report,
    Row,
    RowKind,
    Table,
)
from transparency_core._rounding import RoundingPolicy
from transparency_core._tally import Tally
from transparency_core.exceptions import InvalidLedgerError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from transparency_core._disclosure import Disclosure
    from transparency_core._model import Request

__all__ = ["Subtotals", "build_report", "partition_of"]

_ENGLISH_NAMES = Locale("en").territories
DEFAULT_ROUNDING = RoundingPolicy()


def country_order(code: str) -> tuple[str, str]:
    """Sort countries by English name, then code: the seed's order, in every locale."""
    return (_ENGLISH_NAMES.get(code, code), code)


_EVERY = Requests()
_Count = tuple[int, tuple[str, ...]]
"""A count and the ids of the requests behind it (none, without provenance)."""
_Counts = dict[str, dict[str, dict[Requests | Subjects, _Count]]]
"""Table key -> country -> measure -> count."""
_NONE: _Count = (0, ())
_K = TypeVar("_K")


def _measures(columns: Iterable[Column]) -> tuple[Requests | Subjects, ...]:
    """The counts a table's cells need, once each; the first counts every request."""
    found: dict[Requests | Subjects, None] = {_EVERY: None}
    for column in columns:
        measure = column.measure
        if isinstance(measure, Percent):
            found[Requests(measure.part)] = None
            found[Requests(measure.whole)] = None
        else:
            found[measure] = None
    return tuple(found)


class _Counter:
    """Counts requests into the cells of tables, keeping their ids with provenance.

    The first measure of every table counts every request (see :func:`_measures`), so
    it is added without a call; so is a measure of every request's subjects.
    """

    def __init__(self, *, provenance: bool) -> None:
        self.provenance = provenance
        self.measures: dict[str, tuple[Requests | Subjects, ...]] = {}
        self.tests: dict[str, tuple[tuple[int, Callable[[Request], bool] | None, bool], ...]] = {}
        self.values: dict[str, dict[str, list[int]]] = {}
        self.ids: dict[str, dict[str, list[list[str]]]] = {}

    def table(self, key: str, measures: tuple[Requests | Subjects, ...]) -> None:
        """Count ``measures`` in the table ``key``; the first must be :data:`_EVERY`."""
        self.measures[key] = measures
        self.tests[key] = tuple(
            (index, None if where is every_request else where, type(measure) is Subjects)
            for index, measure in enumerate(measures)
            if index
            for where in (measure.where,)
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

    def add(self, table: str, request: Request) -> None:
        """Count ``request`` in its country's row of ``table``."""
        values = self.values[table].get(request.country)
        if values is None:
            values = self.row(table, request.country)[0]
        values[0] += 1
        if not self.provenance:
            for index, where, subjects in self.tests[table]:
                if where is None or where(request):
                    values[index] += request.subject_count if subjects else 1
            return
        ids = self.ids[table][request.country]
        ids[0].append(request.id)
        for index, where, subjects in self.tests[table]:
            if where is None or where(request):
                values[index] += request.subject_count if subjects else 1
                ids[index].append(request.id)

    def add_all(self, table: str, requests: Iterable[Request]) -> None:
        """Count each of ``requests`` in its country's row of ``table``."""
        for request in requests:
            self.add(table, request)

    def add_legal_processes(
        self, table: Breakdown, ids: Mapping[str, Mapping[str, Sequence[str]]]
    ) -> None:
        """Count the legal process breakdown from the ids of country -> process -> ids.

        A request with a legal process (``has_legal_process``) is in the whole and in
        its own process's column (``LegalProcessIs``): no predicate is called per request.
        """
        measures = _measures(table.columns)
        self.table(table.key, measures)
        for country, by_process in ids.items():
            values, row_ids = self.row(table.key, country)
            for name, with_it in by_process.items():
                for index in (0, measures.index(Requests(LegalProcessIs(name)))):
                    values[index] += len(with_it)
                    if self.provenance:
                        row_ids[index].extend(with_it)

    def freeze(self) -> _Counts:
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


def _left_out(request: Request, records: int, period: ReportingPeriod) -> LedgerEntry:
    """The entry of a request that is not counted: outside ``period``, or not tabulated."""
    if request.received not in period:
        side = "before" if request.received < period.start else "after"
        reason = f"received {request.received.isoformat()}, {side} the period {period}"
        return LedgerEntry(request.id, records, Disposition.OUT_OF_PERIOD, reason)
    reason = f"category {request.category!r} has no table in this report"
    return LedgerEntry(request.id, records, Disposition.CATEGORY_NOT_IN_REPORT, reason)


def _add_row(into: dict[_K, _Count], row: Mapping[_K, _Count]) -> None:
    """Add the counts of ``row`` to those of ``into``, key by key."""
    for key, (value, ids) in row.items():
        had, had_ids = into.get(key, _NONE)
        into[key] = (had + value, had_ids + ids)


def _add_counts(first: _Counts, second: _Counts) -> _Counts:
    merged = {
        table: {country: dict(row) for country, row in rows.items()}
        for table, rows in first.items()
    }
    for table, rows in second.items():
        into_rows = merged.setdefault(table, {})
        for country, row in rows.items():
            _add_row(into_rows.setdefault(country, {}), row)
    return merged


def _finding_order(finding: Finding) -> tuple[str, int, int]:
    """A request's findings in field order: amends, identifiers by index, received."""
    if finding.field.startswith("identifiers["):
        return (finding.id, 1, int(finding.field[len("identifiers[") : -1]))
    return (finding.id, 0 if finding.field == "amends" else 2, 0)


def _findings(
    requests: Mapping[str, Request],
    period: ReportingPeriod,
    amendments: Iterable[tuple[str, str]] | None,
    flagged: Iterable[Request],
) -> list[Finding]:
    """Warnings that do not stop the count: they are shown with the report.

    ``flagged`` are the requests that amend another or repeat an identifier (picked out
    while counting, so that the findings need no pass of their own over the ledger).
    """
    found: list[Finding] = []
    flagged = list(flagged)
    if amendments is None:
        amendments = (
            (request.id, request.amends) for request in flagged if request.amends is not None
        )
    found.extend(
        Finding(request_id, "amends", f"amends {amended!r}, which is not in the ledger")
        for request_id, amended in set(amendments)
        if amended not in requests
    )
    for request in flagged:
        for index in request.repeated_identifiers:
            identifier = request.identifiers[index]
            found.append(
                Finding(
                    request.id,
                    f"identifiers[{index}]",
                    f"lists {identifier.type} {identifier.value!r} more than once",
                )
            )
    released = period.released
    if released is not None:
        found.extend(
            Finding(
                request_id,
                "received",
                f"received {request.received.isoformat()}, after the report's release "
                f"on {released.isoformat()}",
            )
            for request_id, request in requests.items()
            if request.received > released
        )
    return found


class _Publisher:
    """Turns counts into the figures of a report: sorted ids, disclosure, rounding."""

    def __init__(self, rounding: RoundingPolicy) -> None:
        self.rounding = rounding

    @staticmethod
    def figure(count: _Count, disclosure: Disclosure | None) -> Figure:
        value, ids = count
        published = disclosure.publish(value) if disclosure is not None else value
        return Figure(value, tuple(sorted(ids)), None if isinstance(published, int) else published)

    def percentage(self, part: Figure, whole: Figure) -> Percentage:
        # Rule 6: "Percentages are exact ratios rounded once, at the end." A percentage
        # of a banded or suppressed count would give the count away: it is withheld.
        if part.shown is not None or whole.shown is not None:
            return Percentage(part, whole, None)
        ratio = Fraction(part.value, whole.value) if whole.value else None
        return Percentage(part, whole, self.rounding.percent(ratio))

    def cell(
        self,
        counts: Mapping[Requests | Subjects, _Count],
        column: Column,
        disclosure: Disclosure | None,
    ) -> Cell:
        measure = column.measure
        if isinstance(measure, Percent):
            part = self.figure(counts.get(Requests(measure.part), _NONE), disclosure)
            whole = self.figure(counts.get(Requests(measure.whole), _NONE), disclosure)
            return self.percentage(part, whole)
        return self.figure(counts.get(measure, _NONE), disclosure)

    def table(
        self,
        table: Breakdown,
        rows: Mapping[str, Mapping[Requests | Subjects, _Count]],
        disclosure: Disclosure | None,
    ) -> Table:
        """The table of ``table``'s columns (a category's, or a breakdown's), by country."""
        # Rule 8: "The countries listed are the only ones from which we have received
        # requests."
        built: list[Row] = []
        for country in sorted(rows, key=country_order):
            counts = rows[country]
            cells = tuple(self.cell(counts, column, disclosure) for column in table.columns)
            built.append(Row(country, cells))
            if table.shares:
                # Rule 7: "each type's share of that country's legal-process requests".
                whole = self.figure(counts[_EVERY], disclosure)
                figures = [cell for cell in cells if isinstance(cell, Figure)]
                values = self.rounding.shares([figure.value for figure in figures])
                if whole.shown is not None or any(f.shown is not None for f in figures):
                    values = tuple(None for _ in figures)
                percentages = tuple(
                    Percentage(figure, whole, value)
                    for figure, value in zip(figures, values, strict=True)
                )
                built.append(Row(country, percentages, RowKind.SHARES))
        return Table(
            key=table.key,
            title=table.title,
            columns=table.columns,
            rows=tuple(built),
            description=table.description,
        )


@attrs.frozen(eq=True)
class Subtotals:
    """The counts of a report for a part of a ledger, before rounding: they add up.

    :func:`build_report` is ``Subtotals.of(...).report(...)``. Counting parts apart and
    adding their subtotals gives the report of the whole, as long as no request id is in
    two parts (records of one id are one request: keep them in one part, by
    :func:`partition_of` say). Subtotals hold integers, not requests, so they are small,
    pickle fast, and can be counted on other cores or machines. Without provenance they
    hold no id of a counted request either: their size grows only with the requests left
    out and the findings, not with the requests counted. A request that amends an id in
    another part is checked in that part: see ``amendments`` in :meth:`of`.

    Example:
        >>> from transparency_core import reference_ledger, reference_period
        >>> ledger, period = reference_ledger(), reference_period()
        >>> parts = [[], []]
        >>> for request in ledger:
        ...     parts[partition_of(request.id, 2)].append(request)
        >>> first, second = (Subtotals.of(part, period, provenance=False) for part in parts)
        >>> whole = (first + second).report()
        >>> whole.table("device").cell("IN", "percent_provided").value
        Decimal('79')
        >>> whole.summary, whole.provenance
        (LedgerSummary(records=241, requests=237, counted=233), False)
    """

    period: ReportingPeriod
    categories: tuple[Category, ...]
    legal_processes: tuple[LegalProcess, ...]
    breakdowns: tuple[Breakdown, ...]
    provenance: bool
    counts: _Counts = attrs.field(repr=False)
    """Table key -> country -> measure -> (count, request ids)."""
    cross_border: Mapping[str, _Count] = attrs.field(repr=False)
    """Country -> (cross-border requests, their ids)."""
    unregistered: frozenset[str]
    """Legal process types of counted requests that are not registered."""
    entries: tuple[LedgerEntry, ...] = attrs.field(repr=False)
    """Every request's entry with provenance; without, those left out."""
    summary: LedgerSummary
    findings: tuple[Finding, ...] = attrs.field(repr=False)

    @classmethod
    def of(  # noqa: PLR0913 -- as build_report
        cls,
        requests: Iterable[Request] | Tally,
        period: ReportingPeriod,
        *,
        categories: Sequence[Category] = DEFAULT_CATEGORIES,
        legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
        breakdowns: Sequence[Breakdown] = (),
        provenance: bool = True,
        amendments: Iterable[tuple[str, str]] | None = None,
    ) -> Subtotals:
        """Count ``requests`` (a ledger, a part of one, or their tally) for ``period``.

        Args:
            requests: As for :func:`build_report`.
            period: As for :func:`build_report`.
            categories: As for :func:`build_report`.
            legal_processes: As for :func:`build_report`.
            breakdowns: As for :func:`build_report`.
            provenance: Whether to keep the request ids of every count and the entry of
                every counted request; without, only the requests left out are listed.
            amendments: For a part of a ledger split by id, the ``(request id, amended
                id)`` pairs of the whole ledger whose amended id falls in this part: a
                finding is made for each amended id not in the part. By default the
                requests' own ``amends`` are checked against the part itself, which is
                right when the part is the whole ledger.

        Raises:
            InvalidLedgerError: When repeated records of one id disagree (rule 2).
        """
        tally = requests if isinstance(requests, Tally) else Tally.of(requests)
        if tally.conflicts:
            count = len(tally.conflicts)
            msg = f"{count} conflicting repeated record{'s' if count > 1 else ''} in the ledger"
            raise InvalidLedgerError(msg, list(tally.conflicts))
        merged, records = tally.requests, tally.records
        counter = _Counter(provenance=provenance)
        for category in categories:
            counter.table(category.name, _measures(category.columns))
        tabulated = counter.measures
        # Rules 7 and 9 count by a field, not by a predicate per column: the ids of
        # country -> legal process, and of country (cross-border).
        processes: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        cross_border: defaultdict[str, list[str]] = defaultdict(list)
        counted: list[Request] = []
        entries: list[LedgerEntry] = []
        reasons: dict[tuple[str, str], str] = {}  # one string per table and country, shared
        first, last = period.start, period.end
        flagged: list[Request] = []  # for the findings
        for request_id, request in merged.items():
            if request.amends is not None or request.repeated_identifiers:
                flagged.append(request)
            # Rule 1: "A request counts once, in its category, country and the period of
            # its received date." Rule 10: nothing outside the period is silently dropped.
            if not first <= request.received <= last or request.category not in tabulated:
                entries.append(_left_out(request, records[request_id], period))
                continue
            # Rule 3: "If a request is amended, it is counted as a new request": an
            # amending record is a request of its own and the amended one still counts.
            counter.add(request.category, request)
            counted.append(request)
            country = request.country
            if request.legal_process is not None:  # has_legal_process
                processes[country][request.legal_process].append(request_id)
            # Rule 9: cross-border requests are counted and disclosed, zero included.
            if request.cross_border:
                cross_border[country].append(request_id)
            if provenance:
                where = (request.category, country)
                reason = reasons.get(where) or reasons.setdefault(
                    where, f"counted in {', '.join(where)}"
                )
                entries.append(
                    LedgerEntry(request_id, records[request_id], Disposition.COUNTED, reason)
                )
        known = {process.name for process in legal_processes}
        unregistered = frozenset(
            name for named in processes.values() for name in named if name not in known
        )
        counter.add_legal_processes(
            legal_process_breakdown(legal_processes, sorted(unregistered)), processes
        )
        for breakdown in breakdowns:
            counter.table(breakdown.key, _measures(breakdown.columns))
            counts_request = breakdown.where
            counter.add_all(breakdown.key, filter(counts_request, counted))
        return cls(
            period=period,
            categories=tuple(categories),
            legal_processes=tuple(legal_processes),
            breakdowns=tuple(breakdowns),
            provenance=provenance,
            counts=counter.freeze(),
            cross_border={
                country: (len(ids), tuple(ids) if provenance else ())
                for country, ids in cross_border.items()
            },
            unregistered=unregistered,
            entries=tuple(entries),
            summary=LedgerSummary(
                records=sum(records.values()), requests=len(merged), counted=len(counted)
            ),
            findings=tuple(_findings(merged, period, amendments, flagged)),
        )

    def merge(self, other: Subtotals) -> Subtotals:
        """The subtotals of both parts, which must hold different request ids.

        Raises:
            ValueError: When the two were counted for different periods, categories,
                legal processes or breakdowns, or one with provenance and one without.
        """
        for name in ("period", "categories", "legal_processes", "breakdowns", "provenance"):
            if getattr(self, name) != getattr(other, name):
                msg = f"cannot add subtotals counted with different {name.replace('_', ' ')}"
                raise ValueError(msg)
        cross_border = dict(self.cross_border)
        _add_row(cross_border, other.cross_border)
        mine, theirs = self.summary, other.summary
        return attrs.evolve(
            self,
            counts=_add_counts(self.counts, other.counts),
            cross_border=cross_border,
            unregistered=self.unregistered | other.unregistered,
            entries=self.entries + other.entries,
            summary=LedgerSummary(
                records=mine.records + theirs.records,
                requests=mine.requests + theirs.requests,
                counted=mine.counted + theirs.counted,
            ),
            findings=self.findings + other.findings,
        )

    def __add__(self, other: Subtotals) -> Subtotals:
        """``a + b`` is ``a.merge(b)``."""
        return self.merge(other)

    def report(
        self,
        *,
        rounding: RoundingPolicy = DEFAULT_ROUNDING,
        disclosure: Disclosure | None = None,
        company: str | None = None,
    ) -> Report:
        """Round, band and order the counts into the report; arguments as :func:`build_report`."""
        publish = _Publisher(rounding)
        tables = [
            (
                Breakdown(
                    key=category.name,
                    title=category.title,
                    columns=category.columns,
                    description=category.description,
                ),
                category.disclosure or disclosure,
            )
            for category in self.categories
        ] + [
            (breakdown, disclosure)
            for breakdown in (
                legal_process_breakdown(self.legal_processes, sorted(self.unregistered)),
                *self.breakdowns,
            )
        ]
        by_country = self.cross_border
        total = (
            sum(value for value, _ in by_country.values()),
            tuple(request_id for _, ids in by_country.values() for request_id in ids),
        )
        return Report(
            period=self.period,
            tables=tuple(
                publish.table(table, self.counts.get(table.key, {}), disclosure)
                for table, disclosure in tables
            ),
            cross_border=CrossBorder(
                publish.figure(total, None),
                tuple(
                    (country, publish.figure(by_country[country], None))
                    for country in sorted(by_country, key=country_order)
                ),
            ),
            entries=tuple(sorted(self.entries, key=lambda entry: entry.id)),
            rounding=rounding,
            company=company,
            findings=tuple(sorted(self.findings, key=_finding_order)),
            provenance=self.provenance,
            summary=self.summary,
        )


def partition_of(request_id: str, parts: int) -> int:
    """The part (from 0 to ``parts - 1``) that request id ``request_id`` belongs in.

    The same in every process and on every machine (a CRC-32 of the id's UTF-8), so
    that records of one id, wherever they are read, land in one part.

    Example:
        >>> partition_of("IN-2020-D-0019", 4), partition_of("IN-2020-D-0019", 1)
        (3, 0)
    """
    return zlib.crc32(request_id.encode("utf-8", "surrogatepass")) % parts


def build_report(  # noqa: PLR0913 -- each keyword is an independent, documented policy
    requests: Iterable[Request] | Tally,
    period: ReportingPeriod,
    *,
    categories: Sequence[Category] = DEFAULT_CATEGORIES,
    legal_processes: Sequence[LegalProcess] = DEFAULT_LEGAL_PROCESSES,
    rounding: RoundingPolicy = DEFAULT_ROUNDING,
    breakdowns: Sequence[Breakdown] = (),
    disclosure: Disclosure | None = None,
    company: str | None = None,
) -> Report:
    """Count ``requests`` into a report for ``period``.

    Args:
        requests: The ledger, as value objects (see :func:`structure_ledger` to read
            JSON-ready records), in any order, repeated ids being one request; or the
            :class:`Tally` of it, merged from parts counted apart.
        period: The reporting period; requests received outside it are left out and
            listed as such in :attr:`Report.entries`.
        categories: The categories to tabulate, one table each, in this order.
        legal_processes: The legal process types of the legal process table.
        rounding: How percentages are rounded: whole percent, half up by default.
        breakdowns: Tables across categories to add after the legal process table,
            such as :data:`OUTCOMES` or :data:`NOTIFICATION`.
        disclosure: How counts are published: exactly (by default), in bands
            (:class:`Banding`) or with small counts suppressed (:class:`Suppression`).
            A category's own :attr:`Category.disclosure` takes precedence for its table.
            The exact counts stay in the report, for audit.
        company: The company's name, for the title and the disclosures.

    Returns:
        The report, with the request ids behind every figure.

    Raises:
        InvalidLedgerError: When repeated records of one id disagree (rule 2).

    Example:
        >>> from datetime import date
        >>> from transparency_core import Identifier, Outcome, Request, Response
        >>> request = Request(
        ...     id="SE-1",
        ...     received=date(2020, 5, 4),
        ...     country="SE",
        ...     category="device",
        ...     identifiers=[Identifier("imei", "356938035643809")],
        ...     response=Response(Outcome.REJECTED),
        ... )
        >>> report = build_report([request], ReportingPeriod.calendar_year(2020))
        >>> report.table("device").cell("SE", "requests")
        Figure(value=1, ids=('SE-1',), shown=None)
        >>> report.table("device").cell("SE", "percent_provided").value
        Decimal('0')
    """
    return Subtotals.of(
        requests,
        period,
        categories=categories,
        legal_processes=legal_processes,
        breakdowns=breakdowns,
    ).report(rounding=rounding, disclosure=disclosure, company=company)
