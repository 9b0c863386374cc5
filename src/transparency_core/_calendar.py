"""The calendar of a series: years, half-years or quarters, each a period with a label.

Real reports are series: Apple, Google, Meta and Microsoft publish every half-year, and
their downloads have one row per period (``2020-H1``). A calendar cuts time into whole
periods of one length, aligned on the calendar year; every date falls in exactly one.

Example:
    >>> from datetime import date
    >>> [label for label, _ in Every.HALF_YEAR.between(date(2020, 3, 1), date(2021, 1, 9))]
    ['2020-H1', '2020-H2', '2021-H1']
    >>> label, period = Every.QUARTER.period_of(date(2020, 8, 1))
    >>> label, str(period)
    ('2020-Q3', '2020-07-01/2020-09-30')
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

from transparency_core._period import ReportingPeriod
from transparency_core.exceptions import FieldError

__all__ = ["Every"]

_MONTHS = {"year": 12, "half-year": 6, "quarter": 3}
_MARKS = {"year": "", "half-year": "H", "quarter": "Q"}


class Every(enum.StrEnum):
    """How long each period of a series is: a calendar year, half-year or quarter.

    Example:
        >>> Every.parse("half-year").period_of(date(2020, 7, 1))[0]
        '2020-H2'
    """

    YEAR = "year"
    """``2020``: January 1 to December 31."""
    HALF_YEAR = "half-year"
    """``2020-H1`` (January to June) and ``2020-H2`` (July to December)."""
    QUARTER = "quarter"
    """``2020-Q1`` to ``2020-Q4``, three months each."""

    @classmethod
    def parse(cls, text: str) -> Every:
        """The length named ``text``: ``year``, ``half-year`` or ``quarter``.

        Raises:
            FieldError: When ``text`` names none of them.
        """
        try:
            return cls(text)
        except ValueError:
            raise FieldError("every", "one of year, half-year, quarter", text) from None

    def _index(self, day: date) -> tuple[int, int]:
        """The year of ``day`` and the place (from 0) of its period in that year."""
        return day.year, (day.month - 1) // _MONTHS[self.value]

    def _period(self, year: int, index: int) -> tuple[str, ReportingPeriod]:
        months = _MONTHS[self.value]
        mark = _MARKS[self.value]
        label = f"{year:04d}-{mark}{index + 1}" if mark else f"{year:04d}"
        first_month = index * months + 1
        start = date(year, first_month, 1)
        after = first_month + months
        # The last period of a year ends on December 31 (year 9999 has no year after it).
        end = date(year, 12, 31) if after > 12 else date(year, after, 1) - timedelta(days=1)  # noqa: PLR2004 -- months
        return label, ReportingPeriod(start, end)

    def period_of(self, day: date) -> tuple[str, ReportingPeriod]:
        """The label and the period of the calendar that ``day`` falls in."""
        return self._period(*self._index(day))

    def between(self, first: date, last: date) -> tuple[tuple[str, ReportingPeriod], ...]:
        """Every period from the one ``first`` falls in to the one ``last`` falls in.

        Raises:
            FieldError: When ``last`` comes before ``first``.
        """
        if last < first:
            raise FieldError("to", f"a date on or after {first.isoformat()}", last)
        year, index = self._index(first)
        end = self._index(last)
        per_year = 12 // _MONTHS[self.value]
        found = []
        while (year, index) <= end:
            found.append(self._period(year, index))
            year, index = (year + 1, 0) if index + 1 == per_year else (year, index + 1)
        return tuple(found)
