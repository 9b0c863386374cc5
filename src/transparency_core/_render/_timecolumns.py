"""The response times as columns of the category tables: their keys, headings and cells.

A report counted with its response times (``build_report(..., response_times=True)``)
has, after the counts of each category table's row, the median time to acknowledge and
to respond, in hours and in days, with how many of the row's requests each median is
of and how many were left out for want of the time. Every format shows the same
columns, each in its own way: the words here (text, Markdown, HTML), exact values (CSV,
JSON). A row whose medians are withheld (:mod:`transparency_core._times`) shows
"withheld" in each of its time cells; a total row, or a row of shares, shows none.
A report without response times has no such columns: every output is as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from transparency_core._i18n import N_
from transparency_core._report import RowKind
from transparency_core._times import ResponseTime

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from transparency_core._render._format import Formatter
    from transparency_core._report import Report, Row, Table
    from transparency_core._times import TimeFigures

__all__ = [
    "MEDIANS",
    "MOMENTS",
    "TIME_KEYS",
    "Median",
    "TableTimes",
    "figures_of",
    "medians_to",
    "table_times",
]

ACKNOWLEDGED = "acknowledged"
RESPONDED = "responded"


@attrs.frozen
class Median:
    """A column of a median time: to which moment, in which unit, under which words."""

    key: str
    moment: str
    """``acknowledged`` or ``responded``: the ledger's field the time runs to."""
    unit: str
    """``hours`` or ``days``."""
    heading: str
    definition: str

    def value(self, figures: TimeFigures) -> Decimal | None:
        """The median of ``figures`` in this column's unit, to two decimals."""
        return figures.hours if self.unit == "hours" else figures.days


MEDIANS = (
    Median(
        "median_hours_to_acknowledge",
        ACKNOWLEDGED,
        "hours",
        N_("Median Hours to Acknowledge"),
        N_(
            "The median time from receiving a request to telling the authority it was "
            "received, in hours, to two decimals: the middle time, or the mean of the two "
            "middle times, of the requests with a time of acknowledgement."
        ),
    ),
    Median(
        "median_days_to_acknowledge",
        ACKNOWLEDGED,
        "days",
        N_("Median Days to Acknowledge"),
        N_("The same median time to acknowledge, in days of 24 hours."),
    ),
    Median(
        "median_hours_to_respond",
        RESPONDED,
        "hours",
        N_("Median Hours to Respond"),
        N_(
            "The median time from receiving a request to giving effect to it or answering "
            "it, in hours, to two decimals, of the requests with a time of response, "
            "whatever their outcome."
        ),
    ),
    Median(
        "median_days_to_respond",
        RESPONDED,
        "days",
        N_("Median Days to Respond"),
        N_("The same median time to respond, in days of 24 hours."),
    ),
)
"""The median columns, in order: to acknowledge, then to respond; hours, then days."""

TIMED = {
    ACKNOWLEDGED: (
        N_("Requests Timed to Acknowledge"),
        N_(
            "How many of the country's requests the median time to acknowledge is of, of "
            "all its requests; a request without a time of acknowledgement is left out of "
            "that median."
        ),
    ),
    RESPONDED: (
        N_("Requests Timed to Respond"),
        N_(
            "How many of the country's requests the median time to respond is of, of all "
            "its requests; a request without a time of response is left out of that median."
        ),
    ),
}
"""The heading and definition of the column saying how many requests a moment's median is of."""

MOMENTS = (ACKNOWLEDGED, RESPONDED)


def medians_to(moment: str) -> tuple[Median, ...]:
    """The median columns of ``moment``: hours, then days."""
    return tuple(median for median in MEDIANS if median.moment == moment)


TIME_KEYS = tuple(
    key
    for moment in MOMENTS
    for key in (
        *(median.key for median in medians_to(moment)),
        f"{moment}_counted",
        f"{moment}_left_out",
    )
)
"""The keys of the time columns of data (CSV): each moment's medians, counted, left out."""

_WORDS = tuple(
    words
    for moment in MOMENTS
    for words in (*((m.heading, m.definition) for m in medians_to(moment)), TIMED[moment])
)
"""The heading and definition of each time column of the document, in order."""


def figures_of(time: ResponseTime, moment: str) -> TimeFigures:
    """The figures of ``time`` to ``moment``."""
    figures: TimeFigures = getattr(time, moment)
    return figures


def _shown(value: Decimal | None, show: Callable[[Decimal], str]) -> str:
    return "" if value is None else show(value)


@attrs.frozen
class TableTimes:
    """The response times of one table's rows, by country."""

    by_country: Mapping[str, ResponseTime]

    def of(self, row: Row) -> ResponseTime | None:
        """The times of ``row``: a country's counts; none for a total or a row of shares."""
        if row.kind is not RowKind.COUNTS or not row.country:
            return None
        return self.by_country.get(row.country)

    def withheld(self, row: Row) -> bool:
        """Whether the times of ``row`` are withheld (as its counts would let them be)."""
        time = self.of(row)
        return time is not None and (time.acknowledged.withheld or time.responded.withheld)

    @staticmethod
    def headings(formatter: Formatter) -> tuple[str, ...]:
        """The document's time headings: each moment's medians, then its requests timed."""
        return tuple(formatter.gettext(heading) for heading, _ in _WORDS)

    @staticmethod
    def definitions(formatter: Formatter) -> tuple[tuple[str, str], ...]:
        """What each time column of the document shows, translated."""
        return tuple(
            (formatter.gettext(heading), formatter.gettext(definition))
            for heading, definition in _WORDS
        )

    def texts(self, row: Row, formatter: Formatter) -> tuple[str, ...]:
        """The document's time cells of ``row``, localised; blank for a row with none."""
        time = self.of(row)
        if time is None:
            return ("",) * len(_WORDS)
        if self.withheld(row):
            return (formatter.gettext("withheld"),) * len(_WORDS)
        cells: list[str] = []
        for moment in MOMENTS:
            figures = figures_of(time, moment)
            cells.extend(_shown(m.value(figures), formatter.number) for m in medians_to(moment))
            cells.append(
                formatter.gettext(
                    "{counted} of {requests}",
                    counted=formatter.count(figures.counted),
                    requests=formatter.count(figures.counted + figures.left_out),
                )
            )
        return tuple(cells)

    def values(self, row: Row, withheld: str) -> tuple[str, ...]:
        """The data's time cells of ``row`` (:data:`TIME_KEYS`), exact, or ``withheld``.

        Blank for a row with none, and for a median of no request.
        """
        time = self.of(row)
        if time is None:
            return ("",) * len(TIME_KEYS)
        if self.withheld(row):
            return (withheld,) * len(TIME_KEYS)
        cells: list[str] = []
        for moment in MOMENTS:
            figures = figures_of(time, moment)
            cells.extend(_shown(m.value(figures), str) for m in medians_to(moment))
            cells.extend((str(figures.counted), str(figures.left_out)))
        return tuple(cells)


def table_times(report: Report, table: Table) -> TableTimes | None:
    """The response times of ``table``'s rows; ``None`` when it has no time columns.

    A category's table has them when the report was counted with its response times.
    """
    times = report.response_times
    if times is None or table.key not in {c.name for c in report.settings.categories}:
        return None
    return TableTimes({row.country: row for row in times.rows if row.table == table.key})
