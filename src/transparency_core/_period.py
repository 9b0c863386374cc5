"""The reporting period: which requests a report counts, and when it was released."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

import attrs

from transparency_core._checks import parse_iso_date
from transparency_core.exceptions import FieldError

__all__ = ["PERIOD_FORMS", "ReportingPeriod", "parse_release"]

PERIOD_FORMS = (
    "a year (2020), a half (2020-H1), a quarter (2020-Q3) or START/END (2020-01-01/2020-12-31)"
)
"""The forms of a period :meth:`ReportingPeriod.parse` reads, in words."""
_YEAR = re.compile(r"([0-9]{4})")
_PART = re.compile(r"([0-9]{4})-([HQ])([1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def _month_end(year: int, month: int) -> date:
    """The last day of ``month`` of ``year``."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _shorthand(text: str) -> tuple[date, date] | None:
    """The first and last day of a year, half or quarter (``2020-H1``), if ``text`` is one."""
    if _YEAR.fullmatch(text) and int(text) > 0:
        return date(int(text), 1, 1), date(int(text), 12, 31)
    found = _PART.fullmatch(text)
    if found is None or int(found[1]) == 0 or (found[2] == "H" and found[3] > "2"):
        return None
    year, number = int(found[1]), int(found[3])
    months = 6 if found[2] == "H" else 3
    first = (number - 1) * months + 1
    return date(year, first, 1), _month_end(year, first + months - 1)


def parse_release(text: str) -> date:
    """A release date: ``YYYY-MM-DD``, or ``YYYY-MM`` for the last day of that month.

    Reports print the month of their release ("Release date: June 2021"); the last day
    of the month keeps a request received in that month before the release.

    Raises:
        FieldError: When ``text`` is neither (a ``ValueError``).

    Example:
        >>> parse_release("2021-06"), parse_release("2021-06-15")
        (datetime.date(2021, 6, 30), datetime.date(2021, 6, 15))
    """
    found = _MONTH.fullmatch(text)
    if found is not None and int(found[1]) > 0 and 1 <= int(found[2]) <= 12:  # noqa: PLR2004
        return _month_end(int(found[1]), int(found[2]))
    try:
        return parse_iso_date(text)
    except ValueError:
        raise FieldError("released", "a date, YYYY-MM-DD or YYYY-MM", text) from None


@attrs.frozen
class ReportingPeriod:
    """A closed range of dates, ``start`` to ``end`` inclusive, and a release date.

    A request belongs to the period of its ``received`` date (of a date-time, the
    calendar day it names in its own offset: :attr:`Request.received_on`).

    Example:
        >>> period = ReportingPeriod.calendar_year(2020, released=date(2021, 6, 1))
        >>> period.start, period.end
        (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31))
        >>> date(2020, 7, 1) in period
        True
        >>> ReportingPeriod.parse("2020-01-01/2020-06-30").end
        datetime.date(2020, 6, 30)
        >>> str(ReportingPeriod.parse("2020-H2")), str(ReportingPeriod.parse("2020-Q1"))
        ('2020-07-01/2020-12-31', '2020-01-01/2020-03-31')
    """

    start: date
    end: date
    released: date | None = None

    def __attrs_post_init__(self) -> None:
        """The period ends no earlier than it starts and is released after it ends."""
        if self.end < self.start:
            raise FieldError(
                "end",
                f"a date on or after the start, {self.start.isoformat()}",
                self.end,
            )
        if self.released is not None and self.released < self.end:
            raise FieldError(
                "released",
                f"a date on or after the end, {self.end.isoformat()}",
                self.released,
            )

    @classmethod
    def calendar_year(cls, year: int, *, released: date | None = None) -> ReportingPeriod:
        """Return January 1 to December 31 of ``year``."""
        return cls(date(year, 1, 1), date(year, 12, 31), released)

    @classmethod
    def parse(cls, text: str, *, released: date | None = None) -> ReportingPeriod:
        """Read a period: a year, a half, a quarter, or an interval of dates.

        A year is ``2020``, a half ``2020-H1``, a quarter ``2020-Q3``, and an interval
        ISO 8601's ``START/END``: ``2020-01-01/2020-12-31``.

        Raises:
            FieldError: When ``text`` is none of these (:data:`PERIOD_FORMS`), or the
                end comes before the start.
        """
        dates = _shorthand(text)
        if dates is not None:
            return cls(*dates, released)
        start_text, slash, end_text = text.partition("/")
        if not slash:
            raise FieldError("period", PERIOD_FORMS, text)
        try:
            start, end = parse_iso_date(start_text), parse_iso_date(end_text)
        except ValueError:
            raise FieldError("period", PERIOD_FORMS, text) from None
        return cls(start, end, released)

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` falls in the period, both ends included (a date-time, by its date)."""
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        """The ISO 8601 interval, ``2020-01-01/2020-12-31``."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"
