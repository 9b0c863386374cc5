"""A series read back: the periods of a report that are a calendar's, recounted as a series.

A series' report (``transparency-core series --format json``, ``JsonRenderer.series``)
counts each period as its report alone, but for its summary: a period's records and
requests are its own, and only the first and the last period leave out the requests
received before or after the series. So a report whose periods are consecutive periods
of one calendar (years, half-years or quarters) is recounted as
:func:`~transparency_core.build_series` counts it, from the first period's first day to
the last's last, each period by its own settings (which a series' share, unless one was
changed: then only that period's recount differs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from transparency_core._calendar import Every
from transparency_core._series import CountOptions, count_series, every_period

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from transparency_core._model import Request
    from transparency_core._report import Report
    from transparency_core._verify._read import Recount

__all__ = ["calendar_of", "recount_series"]


def calendar_of(recounts: Sequence[Recount]) -> Every | None:
    """The calendar whose consecutive periods the recounts are; or ``None``.

    One period is a report's, not a series': it is recounted alone.
    """
    if len(recounts) < 2:  # noqa: PLR2004 -- a series of one period is a report
        return None
    spans = [(recount.period.start, recount.period.end) for recount in recounts]
    if spans[-1][1] < spans[0][0]:  # periods out of order: no calendar's
        return None
    for every in Every:
        periods = every.between(spans[0][0], spans[-1][1])
        if [(period.start, period.end) for _, period in periods] == spans:
            return every
    return None


def recount_series(
    recounts: Sequence[Recount], every: Every, ledger: Sequence[Request], company: str | None
) -> list[Report]:
    """The report of each period, the ledger counted as a series of ``every`` by its settings."""
    start, end = recounts[0].period.start, recounts[-1].period.end
    counted: dict[Recount, list[Report]] = {}
    reports = []
    for at, recount in enumerate(recounts):
        settings = attrs.evolve(recount, period=recounts[0].period)
        if settings not in counted:
            counted[settings] = _series(settings, every, ledger, company, (start, end))
        reports.append(counted[settings][at])
    return reports


def _series(
    settings: Recount,
    every: Every,
    ledger: Sequence[Request],
    company: str | None,
    span: tuple[date, date],
) -> list[Report]:
    """The report of every period of the series from ``span``'s first day to its last."""
    start, end = span
    options = CountOptions(
        settings.categories,
        settings.legal_processes,
        settings.breakdowns,
        actions_in_totals=settings.actions_in_totals,
        subjects=settings.subjects,
        response_times=settings.response_times,
    )
    counted = count_series(ledger, every, start=start, end=end, options=options)
    periods = every_period(counted, every, start=start, end=end, options=options)
    return [
        subtotals.report(
            rounding=settings.rounding,
            disclosure=settings.disclosure,
            company=company,
            totals=settings.totals,
        )
        for _, subtotals in periods
    ]
