"""Response times: the exact time between two moments of a request, and exact medians.

A time is a :class:`~fractions.Fraction` of seconds, exact to the microsecond: between
two date-times with offsets it is the time between the instants; between two dates, the
whole days between them. A median is exact too: the middle value of an odd count, the
mean of the two middle values of an even one, never a float.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DAY", "HOUR", "elapsed", "hundredths", "median"]

HOUR = 3600
"""Seconds in an hour."""
DAY = 86_400
"""Seconds in a day (a day between two dates is 24 hours: the ledger's days have none
of a clock's changes)."""


def elapsed(start: date, end: date) -> Fraction:
    """The seconds from ``start`` to ``end``: both dates, or both aware date-times.

    Example:
        >>> from datetime import datetime, timedelta, timezone
        >>> plus_one = timezone(timedelta(hours=1))
        >>> elapsed(datetime(2025, 3, 4, 9, 30, tzinfo=plus_one),
        ...         datetime(2025, 3, 4, 9, 0, tzinfo=timezone.utc)) / HOUR
        Fraction(1, 2)
        >>> elapsed(date(2025, 3, 4), date(2025, 3, 6)) / DAY
        Fraction(2, 1)
    """
    if type(start) is datetime:
        step: timedelta = end - start
        micro = (step.days * DAY + step.seconds) * 1_000_000 + step.microseconds
        return Fraction(micro, 1_000_000)
    return Fraction((end - start).days * DAY)


def median(values: Mapping[Fraction, int]) -> Fraction | None:
    """The exact median of a multiset (value -> how many times), or ``None`` if empty.

    Example:
        >>> from collections import Counter
        >>> median(Counter([Fraction(1), Fraction(4), Fraction(2), Fraction(9)]))
        Fraction(3, 1)
        >>> median(Counter([Fraction(5), Fraction(1), Fraction(5)]))
        Fraction(5, 1)
        >>> median(Counter()) is None
        True
    """
    size = sum(values.values())
    if not size:
        return None
    low, high = (size - 1) // 2, size // 2  # the positions of the middle values
    seen, below, above = 0, None, None
    for value in sorted(values):
        seen += values[value]
        if below is None and seen > low:
            below = value
        if seen > high:
            above = value
            break
    # 0 <= low <= high < size: both middle values were seen.
    assert below is not None  # noqa: S101
    assert above is not None  # noqa: S101
    return (below + above) / 2


def hundredths(value: Fraction) -> Decimal:
    """A time (never negative) to two decimals, rounded half up once, exactly.

    Example:
        >>> hundredths(Fraction(3, 2)), hundredths(Fraction(1, 200)), hundredths(Fraction(0))
        (Decimal('1.50'), Decimal('0.01'), Decimal('0.00'))
    """
    whole = int(value * 100 + Fraction(1, 2))
    return Decimal(whole).scaleb(-2)
