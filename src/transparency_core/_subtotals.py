"""Subtotals: a ledger, or a part of one, counted by the rules; added up; published.

:func:`build_report` is ``Subtotals.of(...).report(...)``: :meth:`Subtotals.of` counts
by the rules of :mod:`transparency_core._rules` (one request per id, Table 4 for the
types the ledger names, the counter over every table), and :meth:`Subtotals.report`
publishes the counts (:mod:`transparency_core._publish`).
"""

from __future__ import annotations

import functools
import zlib
from typing import TYPE_CHECKING

import attrs

from transparency_core._addup import add_atoms, add_counts
from transparency_core._count import Atoms, Counts, Tabulation
from transparency_core._counter import EVERY
from transparency_core._dsa import OrderTally
from transparency_core._entries import LedgerEntries, entries_of
from transparency_core._findings import finding_order, findings, id_key
from transparency_core._ordertimes import tallies
from transparency_core._period import ReportingPeriod
from transparency_core._possible import possible_signatures
from transparency_core._publish import layouts, publish
from transparency_core._report import Finding, LedgerSummary, Report, Settings
from transparency_core._rules import (
    DEFAULT_ROUNDING,
    counted_processes,
    one_request_per_id,
    summary_of,
    unregistered_processes,
)
from transparency_core._specs import (
    CROSS_BORDER,
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Breakdown,
    Category,
    LegalProcess,
    identifier_columns,
    legal_process_breakdown,
)
from transparency_core._subjects import SubjectCounting
from transparency_core._tally import columns
from transparency_core._times import TimeTally
from transparency_core.exceptions import MismatchedSubtotalsError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from transparency_core._count import Count
    from transparency_core._disclosure import Disclosure
    from transparency_core._model import Request
    from transparency_core._rounding import RoundingPolicy
    from transparency_core._tally import Tally

__all__ = ["Subtotals", "build_report", "partition_of"]


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
        (LedgerSummary(records=241, requests=237, counted=233, actions=0), False)
    """

    period: ReportingPeriod
    categories: tuple[Category, ...]
    legal_processes: tuple[LegalProcess, ...]
    breakdowns: tuple[Breakdown, ...]
    provenance: bool
    counts: Counts = attrs.field(repr=False)
    """Table key -> country -> measure -> (count, request ids), for every table counted:
    the categories', the cross-border figures' (``cross_border``), Table 4's
    (``legal_process``) and the breakdowns'."""
    unregistered: frozenset[str]
    """Legal process types of counted requests that are not registered."""
    entries: LedgerEntries = attrs.field(repr=False, converter=entries_of)
    """Every request's entry with provenance; without, those left out."""
    summary: LedgerSummary
    findings: tuple[Finding, ...] = attrs.field(repr=False)
    atoms: Atoms = attrs.field(repr=False, factory=dict)
    """By country and signature, how many counted requests share every cell, and their
    subjects; the disclosure check reads them to see how figures overlap. Their size
    grows with the kinds of request, not with their number."""
    actions_in_totals: bool = False
    """Whether requests of an action category count in the totals too."""
    subjects: SubjectCounting = SubjectCounting.DISTINCT
    """What the subjects columns count: distinct devices or accounts, or identifiers."""
    orders: OrderTally = attrs.field(repr=False, factory=OrderTally)
    """The EU DSA orders among the requests counted."""
    response_times: bool = False
    """Whether the response times of the category tables are counted."""
    times: TimeTally = attrs.field(repr=False, factory=TimeTally)
    """The response times, when counted: by category and country."""

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
        actions_in_totals: bool = False,
        subjects: SubjectCounting = SubjectCounting.DISTINCT,
        response_times: bool = False,
    ) -> Subtotals:
        """Count ``requests`` (a ledger, a part of one, or their tally) for ``period``.

        ``provenance`` keeps the request ids of every count and the entry of every
        counted request; without, only the requests left out are listed. For a part of
        a ledger split by id, ``amendments`` are the ``(request id, amended id)`` pairs
        of the whole ledger whose amended id falls in this part: a finding is made for
        each amended id not in the part. By default the requests' own ``amends`` are
        checked against the part itself, right when the part is the whole ledger; the
        rest are :func:`build_report`'s.

        Raises:
            InvalidLedgerError: When repeated records of one id disagree (rule 2).
        """
        tally = one_request_per_id(requests)
        named = unregistered_processes(legal_processes, tally.requests.values())
        table4 = legal_process_breakdown(legal_processes, named)
        counting = Tabulation(
            categories,
            table4,
            breakdowns,
            provenance=provenance,
            actions_in_totals=actions_in_totals,
            subjects=subjects,
        )
        flagged = counting.count(*columns(tally), period)
        counts = counting.counts()
        unregistered = counted_processes(table4, legal_processes, counts)
        return cls(
            period=period,
            categories=tuple(categories),
            legal_processes=tuple(legal_processes),
            breakdowns=tuple(breakdowns),
            provenance=provenance,
            counts=counts,
            unregistered=unregistered,
            entries=counting.entries,
            summary=summary_of(tally, counting),
            findings=tuple(findings(tally.requests, period, amendments, flagged)),
            atoms=counting.frozen_atoms(),
            actions_in_totals=actions_in_totals,
            subjects=subjects,
            response_times=response_times,
            **tallies(tally.requests, period, counting, subjects, times=response_times),
        )

    @property
    def cross_border(self) -> dict[str, Count]:
        """Country -> (cross-border requests, their ids): the counts of ``cross_border``."""
        rows = self.counts.get(CROSS_BORDER.key, {})
        return {country: row[EVERY] for country, row in rows.items()}

    def merge(self, other: Subtotals) -> Subtotals:
        """The subtotals of both parts, which must hold different request ids.

        Raises:
            MismatchedSubtotalsError: When the two were counted for different periods,
                categories, legal processes, breakdowns or actions in totals, or one with
                provenance and one without.
        """
        for name in (
            "period",
            "categories",
            "legal_processes",
            "breakdowns",
            "provenance",
            "actions_in_totals",
            "subjects",
            "response_times",
        ):
            if getattr(self, name) != getattr(other, name):
                msg = f"cannot add subtotals counted with different {name.replace('_', ' ')}"
                raise MismatchedSubtotalsError(msg)
        unregistered = self.unregistered | other.unregistered
        mine, theirs = self.summary, other.summary
        return attrs.evolve(
            self,
            counts=add_counts(self.counts, other.counts),
            unregistered=unregistered,
            entries=self.entries + other.entries,
            summary=LedgerSummary(
                records=mine.records + theirs.records,
                requests=mine.requests + theirs.requests,
                counted=mine.counted + theirs.counted,
                actions=mine.actions + theirs.actions,
            ),
            findings=self.findings + other.findings,
            atoms=add_atoms(self.atoms, other.atoms),
            orders=self.orders.merge(other.orders),
            times=self.times.merge(other.times),
        )

    def __add__(self, other: Subtotals) -> Subtotals:
        """``a + b`` is ``a.merge(b)``."""
        return self.merge(other)

    def _worded(self) -> tuple[Category, ...]:
        """The categories, their subjects columns in the words of the subjects policy."""
        if self.subjects is SubjectCounting.DISTINCT:
            return self.categories
        return tuple(
            attrs.evolve(category, columns=identifier_columns(category.columns))
            for category in self.categories
        )

    def report(
        self,
        *,
        rounding: RoundingPolicy = DEFAULT_ROUNDING,
        disclosure: Disclosure | None = None,
        company: str | None = None,
        totals: bool = False,
        ledger_digest: str | None = None,
    ) -> Report:
        """Round, band and order the counts into the report; arguments as :func:`build_report`."""
        tables, cross_border = publish(
            layouts(
                self._worded(),
                self.legal_processes,
                self.unregistered,
                self.breakdowns,
                disclosure,
            ),
            counts=self.counts,
            cross_border=self.cross_border,
            atoms=self.atoms,
            rounding=rounding,
            disclosure=disclosure,
            possible=functools.partial(
                possible_signatures,
                self.categories,
                self.breakdowns,
                [process.name for process in self.legal_processes] + sorted(self.unregistered),
                actions_in_totals=self.actions_in_totals,
            ),
            totals=totals,
        )
        return Report(
            period=self.period,
            tables=tables,
            cross_border=cross_border,
            entries=self.entries.by_id(),
            rounding=rounding,
            company=company,
            findings=tuple(sorted(self.findings, key=finding_order)),
            provenance=self.provenance,
            summary=self.summary,
            dsa=self.orders.orders(),
            response_times=self.times.times(
                table for table in tables if table.key in {c.name for c in self.categories}
            )
            if self.response_times
            else None,
            settings=Settings(
                categories=self.categories,
                legal_processes=self.legal_processes,
                breakdowns=self.breakdowns,
                disclosure=disclosure,
                actions_in_totals=self.actions_in_totals,
                subjects=self.subjects,
                totals=totals,
            ),
            ledger_digest=ledger_digest,
        )


def partition_of(request_id: str, parts: int) -> int:
    """The part (from 0 to ``parts - 1``) that request id ``request_id`` belongs in.

    The same in every process and on every machine (a CRC-32 of the UTF-8 of the id as
    a person reads it, :func:`~transparency_core._findings.id_key`), so that records of
    one id, wherever they are read, land in one part, and so do ids that only look
    alike (" IN-1" and "IN-1"), which are a finding.

    Example:
        >>> partition_of("IN-2020-D-0019", 4), partition_of("IN-2020-D-0019", 1)
        (3, 0)
    """
    return zlib.crc32(id_key(request_id).encode("utf-8", "surrogatepass")) % parts


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
    actions_in_totals: bool = False,
    totals: bool = False,
    subjects: SubjectCounting | str = SubjectCounting.DISTINCT,
    response_times: bool = False,
    ledger_digest: str | None = None,
) -> Report:
    """Count ``requests`` into a report for ``period``, with the ids behind every figure.

    Args:
        requests: The ledger (:func:`structure_ledger`), in any order, or its :class:`Tally`.
        period: The reporting period; requests outside it are left out, as the entries say.
        categories: The categories to tabulate, one table each, in this order.
        legal_processes: The legal process types of the legal process table.
        rounding: How percentages are rounded: whole percent, half up by default.
        breakdowns: Tables across categories after Table 4 (:data:`OUTCOMES`...).
        disclosure: Exactly (by default), :class:`Banding` or :class:`Suppression`, after a
            category's own; exact counts stay for audit, never published (:class:`Withheld`).
        company: The company's name, for the title and the disclosures.
        actions_in_totals: Whether an action category's requests count in Table 4, the
            breakdowns, cross-border and the totals too (TikTok), or not (Google).
        totals: Whether each table ends with its total row (:attr:`Table.totals`).
        subjects: Distinct devices or accounts, or every identifier: :class:`SubjectCounting`.
        response_times: Whether to count the median response times (:attr:`Report.response_times`).
        ledger_digest: The report's :func:`ledger_digest` of ``requests``, for :func:`verify`.

    Raises:
        InvalidLedgerError: When repeated records of one id disagree (rule 2).

    Example:
        >>> from transparency_core import reference_ledger as ledger
        >>> report = build_report(ledger(), ReportingPeriod.parse("2020"))
        >>> report.table("device").cell("SE", "requests")
        Figure(value=1, ids=('SE-2020-D-0001',), shown=None)
    """
    return Subtotals.of(
        requests,
        period,
        categories=categories,
        legal_processes=legal_processes,
        breakdowns=breakdowns,
        actions_in_totals=actions_in_totals,
        subjects=SubjectCounting(subjects),
        response_times=response_times,
    ).report(
        rounding=rounding,
        disclosure=disclosure,
        company=company,
        totals=totals,
        ledger_digest=ledger_digest,
    )
