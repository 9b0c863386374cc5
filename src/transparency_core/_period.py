"""The reporting period: which requests a report counts, and when it was released."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from transparency_core._checks import parse_iso_date
from transparency_core.exceptions import FieldError

__all__ = ["ReportingPeriod"]


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
        """Read an ISO 8601 interval of dates, ``START/END``: ``2020-01-01/2020-12-31``.

        Raises:
            FieldError: When ``text`` is not two ``YYYY-MM-DD`` dates joined by ``/``,
                or the end comes before the start.
        """
        expected = "START/END, two YYYY-MM-DD dates such as 2020-01-01/2020-12-31"
        start_text, slash, end_text = text.partition("/")
        if not slash:
            raise FieldError("period", expected, text)
        try:
            start, end = parse_iso_date(start_text), parse_iso_date(end_text)
        except ValueError:
            raise FieldError("period", expected, text) from None
        return cls(start, end, released)

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` falls in the period, both ends included (a date-time, by its date)."""
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        """The ISO 8601 interval, ``2020-01-01/2020-12-31``."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"
