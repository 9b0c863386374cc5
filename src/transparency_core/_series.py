"""A series: a ledger counted for every period of a calendar at once, and its reports.

One pass over the requests puts each in the period of its ``received`` date
(:class:`~transparency_core._calendar.Every`); each period is then counted by the same
counter as a single report (:class:`~transparency_core._count.Tabulation`), so that
every period's report is the report of that period alone, disclosure policy included.
The subtotals of each period add up over parts of a ledger, as a single report's do,
so the command line counts a series out of core, in flat memory.

With a first or a last date, a request received before the first period (or after the
last) is left out, in the first (or last) period's report, with the reason: nothing is
lost silently (rule 10).
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from transparency_core._calendar import Every
from transparency_core._column import aligned, columns_of
from transparency_core._count import Tabulation
from transparency_core._findings import findings
from transparency_core._ordertimes import tallies
from transparency_core._period import ReportingPeriod
from transparency_core._report import Finding, LedgerSummary, Report
from transparency_core._rules import (
    DEFAULT_ROUNDING,
    counted_processes,
    one_request_per_id,
    unregistered_processes,
)
from transparency_core._specs import (
    DEFAULT_CATEGORIES,
    DEFAULT_LEGAL_PROCESSES,
    Breakdown,
    Category,
    LegalProcess,
    legal_process_breakdown,
)
from transparency_core._subjects import SubjectCounting
from transparency_core._subtotals import Subtotals
from transparency_core.exceptions import UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from transparency_core._disclosure import Disclosure
    from transparency_core._model import Request
    from transparency_core._rounding import RoundingPolicy
    from transparency_core._tally import Tally

__all__ = ["CountOptions", "Series", "build_series", "count_series", "every_period"]

_ALL_TIME = ReportingPeriod(date.min, date.max)
"""The span of the findings of a series: no release date to check against."""


@attrs.frozen
class CountOptions:
    """How the periods of a series are counted: the arguments of :func:`build_report`."""

    categories: tuple[Category, ...] = tuple(DEFAULT_CATEGORIES)
    legal_processes: tuple[LegalProcess, ...] = tuple(DEFAULT_LEGAL_PROCESSES)
    breakdowns: tuple[Breakdown, ...] = ()
    provenance: bool = True
    actions_in_totals: bool = False
    subjects: SubjectCounting = SubjectCounting.DISTINCT
    response_times: bool = False

    def empty(self, period: ReportingPeriod) -> Subtotals:
        """The subtotals of a period in which no request was received."""
        return Subtotals.of(
            (),
            period,
            categories=self.categories,
            legal_processes=self.legal_processes,
            breakdowns=self.breakdowns,
            provenance=self.provenance,
            actions_in_totals=self.actions_in_totals,
            subjects=self.subjects,
            response_times=self.response_times,
        )


class _Periods:
    """The period of each received date, worked out once per month."""

    def __init__(self, every: Every, start: date | None, end: date | None) -> None:
        self.every = every
        self.first = None if start is None else every.period_of(start)
        self.last = None if end is None else every.period_of(end)
        self._by_month: dict[tuple[int, int], tuple[str, ReportingPeriod]] = {}

    def of(self, day: date) -> tuple[str, ReportingPeriod]:
        """The period a request received on ``day`` is counted (or left out) in."""
        if isinstance(day, datetime):
            day = day.date()  # a date-time by its own calendar day, as a period holds it
        if self.first is not None and day < self.first[1].start:
            return self.first
        if self.last is not None and day > self.last[1].end:
            return self.last
        month = (day.year, day.month)
        found = self._by_month.get(month)
        if found is None:
            found = self._by_month[month] = self.every.period_of(day)
        return found


def count_series(  # noqa: PLR0913 -- as build_series, and a part's amendments
    requests: Iterable[Request] | Tally,
    every: Every,
    *,
    start: date | None = None,
    end: date | None = None,
    options: CountOptions | None = None,
    amendments: Iterable[tuple[str, str]] | None = None,
) -> dict[str, Subtotals]:
    """Count ``requests`` for every period they fall in, in one pass: label -> subtotals.

    Only the periods that hold a request are there (:func:`every_period` fills the
    others in). ``amendments`` are as in :meth:`Subtotals.of`.

    Raises:
        InvalidLedgerError: When repeated records of one id disagree (rule 2).
    """
    options = options or CountOptions()
    tally = one_request_per_id(requests)
    periods = _Periods(every, start, end)
    groups: dict[str, tuple[ReportingPeriod, dict[str, Request]]] = {}
    for request_id, request in tally.requests.items():
        label, period = periods.of(request.received)
        held = groups.get(label)
        if held is None:
            held = groups[label] = (period, {})
        held[1][request_id] = request
    named = unregistered_processes(options.legal_processes, tally.requests.values())
    table4 = legal_process_breakdown(options.legal_processes, named)
    counted: dict[str, tuple[ReportingPeriod, dict[str, Request], Tabulation]] = {}
    flagged: list[Request] = []
    for label, (period, group) in sorted(groups.items()):
        counting = Tabulation(
            options.categories,
            table4,
            options.breakdowns,
            provenance=options.provenance,
            actions_in_totals=options.actions_in_totals,
            subjects=options.subjects,
        )
        ids, grouped = columns_of(group)
        flagged.extend(counting.count(ids, grouped, aligned(group, tally.records), period))
        counted[label] = (period, group, counting)
    label_of = {request_id: label for label, (_, group) in groups.items() for request_id in group}
    found: dict[str, list[Finding]] = {label: [] for label in counted}
    for finding in findings(tally.requests, _ALL_TIME, amendments, flagged):
        found[label_of[finding.id]].append(finding)
    return {
        label: _subtotals(
            options,
            period,
            group=group,
            counting=counting,
            tally=tally,
            table4=table4,
            found=tuple(found[label]),
        )
        for label, (period, group, counting) in counted.items()
    }


def _subtotals(  # noqa: PLR0913 -- the parts of one period's subtotals
    options: CountOptions,
    period: ReportingPeriod,
    *,
    group: Mapping[str, Request],
    counting: Tabulation,
    tally: Tally,
    table4: Breakdown,
    found: tuple[Finding, ...],
) -> Subtotals:
    """The subtotals of one period of a series, from its counting."""
    counts = counting.counts()
    return Subtotals(
        period=period,
        categories=options.categories,
        legal_processes=options.legal_processes,
        breakdowns=options.breakdowns,
        provenance=options.provenance,
        counts=counts,
        unregistered=counted_processes(table4, options.legal_processes, counts),
        entries=counting.entries,
        summary=LedgerSummary(
            records=sum(tally.records[request_id] for request_id in group),
            requests=len(group),
            counted=counting.counted,
            actions=counting.actions,
        ),
        findings=found,
        atoms=counting.frozen_atoms(),
        actions_in_totals=options.actions_in_totals,
        subjects=options.subjects,
        response_times=options.response_times,
        **tallies(group, period, counting, options.subjects, times=options.response_times),
    )


def every_period(
    counted: Mapping[str, Subtotals],
    every: Every,
    *,
    start: date | None = None,
    end: date | None = None,
    options: CountOptions | None = None,
) -> tuple[tuple[str, Subtotals], ...]:
    """Every period from ``start`` (or the first counted) to ``end`` (or the last), in order.

    A period of the calendar in which no request was received is there too, with no
    request: a series has no gaps.
    """
    options = options or CountOptions()
    starts = [subtotals.period.start for subtotals in counted.values()]
    ends = [subtotals.period.end for subtotals in counted.values()]
    first = start or min(starts, default=None)
    last = end or max(ends, default=None)
    if first is None or last is None:
        return ()
    return tuple(
        (label, counted[label] if label in counted else options.empty(period))
        for label, period in every.between(first, last)
    )


@attrs.frozen
class Series:
    """A report for every period of a calendar, in order, by label (``2020-H1``).

    Each period's report is the report of that period alone (its disclosure policy
    applied to its own figures); the periods between the first and the last in which
    no request was received are there, with no request.

    Example:
        >>> from transparency_core import reference_ledger
        >>> series = build_series(reference_ledger(), "half-year")
        >>> series.labels
        ('2019-H2', '2020-H1', '2020-H2', '2021-H1')
        >>> series["2020-H2"].table("device").cell("IN", "requests").value
        12
    """

    every: Every
    labels: tuple[str, ...]
    reports: tuple[Report, ...]

    @classmethod
    def of(  # noqa: PLR0913 -- the calendar, the counts, and how to publish them
        cls,
        every: Every,
        counted: Sequence[tuple[str, Subtotals]],
        *,
        rounding: RoundingPolicy = DEFAULT_ROUNDING,
        disclosure: Disclosure | None = None,
        company: str | None = None,
        totals: bool = False,
        ledger_digest: str | None = None,
    ) -> Series:
        """Publish each period's subtotals, as :meth:`Subtotals.report` does one.

        Each period's report names the ledger by ``ledger_digest``, as one report does.
        """
        return cls(
            every,
            tuple(label for label, _ in counted),
            tuple(
                subtotals.report(
                    rounding=rounding,
                    disclosure=disclosure,
                    company=company,
                    totals=totals,
                    ledger_digest=ledger_digest,
                )
                for _, subtotals in counted
            ),
        )

    def __getitem__(self, label: str) -> Report:
        """The report of the period ``label``.

        Raises:
            UnknownNameError: When the series has no such period (a ``KeyError``).
        """
        if label not in self.labels:
            msg = f"the series has no period {label!r}"
            raise UnknownNameError(msg)
        return self.reports[self.labels.index(label)]

    def __len__(self) -> int:
        """How many periods the series has."""
        return len(self.labels)

    def __iter__(self) -> Iterator[tuple[str, Report]]:
        """Each period's label and report, in order."""
        return zip(self.labels, self.reports, strict=True)


def build_series(  # noqa: PLR0913 -- build_report's policies, and the calendar's
    requests: Iterable[Request] | Tally,
    every: Every | str = Every.HALF_YEAR,
    *,
    start: date | None = None,
    end: date | None = None,
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
) -> Series:
    """Count ``requests`` into a report for every period of a calendar, in one pass.

    Args:
        requests: The ledger, as for :func:`build_report`.
        every: How long each period is: ``"year"``, ``"half-year"`` or ``"quarter"``.
        start: A day of the first period; by default, the first request's.
        end: A day of the last period; by default, the last request's (one outside is left out).
        categories: As for :func:`build_report`, for every period.
        legal_processes: As for :func:`build_report`.
        rounding: As for :func:`build_report`.
        breakdowns: As for :func:`build_report`.
        disclosure: As for :func:`build_report`: applied to each period's figures.
        company: As for :func:`build_report`.
        actions_in_totals: As for :func:`build_report`.
        totals: As for :func:`build_report`: a total row per table of every period.
        subjects: As for :func:`build_report`.
        response_times: As for :func:`build_report`: each period's medians.
        ledger_digest: As for :func:`build_report`: the series' JSON names its ledger.

    Raises:
        FieldError: When ``every`` names no calendar, or ``end`` is before ``start``.
        InvalidLedgerError: When repeated records of one id disagree (rule 2).

    Example:
        >>> from transparency_core import reference_ledger
        >>> series = build_series(reference_ledger(), "quarter", start=date(2020, 1, 1))
        >>> series.labels, [len(report.left_out()) for report in series.reports]
        (('2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4', '2021-Q1'), [2, 0, 0, 0, 0])
    """
    calendar = every if isinstance(every, Every) else Every.parse(every)
    options = CountOptions(
        tuple(categories),
        tuple(legal_processes),
        tuple(breakdowns),
        actions_in_totals=actions_in_totals,
        subjects=SubjectCounting(subjects),
        response_times=response_times,
    )
    counted = count_series(requests, calendar, start=start, end=end, options=options)
    periods = every_period(counted, calendar, start=start, end=end, options=options)
    publish = functools.partial(Series.of, rounding=rounding, disclosure=disclosure)
    return publish(calendar, periods, company=company, totals=totals, ledger_digest=ledger_digest)
