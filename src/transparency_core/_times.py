"""Response times: exact medians per table and country, of the requests that have the time.

For each category's table and each country in it, the median time from ``received`` to
``acknowledged`` (the authority told of the receipt) and to ``responded`` (the request
given effect or answered), in hours and in days. Every request of the row is in the
median that has its time, whatever its outcome; a request without the time is left out
of that median and counted as left out. The times are multisets, so tallies of parts of
a ledger merge into the medians of the whole. A row whose count of requests is withheld
(banded, suppressed), or any figure of it, has its medians withheld too, and their
counts: a median of an even count, say, would tell the count's parity.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from transparency_core._medians import DAY, HOUR, elapsed, hundredths, median

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

    from transparency_core._disclosure import Disclosure
    from transparency_core._model import Request
    from transparency_core._report import Table

__all__ = ["ResponseTime", "ResponseTimes", "TimeFigures", "TimeTally"]


@attrs.frozen
class TimeFigures:
    """The median time to one moment (acknowledged or responded) of a row's requests.

    Example:
        >>> from decimal import Decimal
        >>> from fractions import Fraction
        >>> TimeFigures(Fraction(5400), counted=3, left_out=1).hours
        Decimal('1.50')
    """

    exact: Fraction | None
    """The exact median, in seconds; ``None`` when no request has the time, or withheld."""
    counted: int
    """The requests whose time the median is of."""
    left_out: int
    """The requests of the row without the time."""
    withheld: bool = False
    """Whether the median is withheld, as the row's count of requests is."""

    @property
    def hours(self) -> Decimal | None:
        """The median in hours, to two decimals (half up, once)."""
        return None if self.exact is None else hundredths(self.exact / HOUR)

    @property
    def days(self) -> Decimal | None:
        """The median in days, to two decimals (half up, once)."""
        return None if self.exact is None else hundredths(self.exact / DAY)


@attrs.frozen
class ResponseTime:
    """The response times of one table's row: a country's requests of a category.

    Example:
        >>> from transparency_core import build_report, reference_ledger, reference_period
        >>> report = build_report(reference_ledger(), reference_period(), response_times=True)
        >>> row = report.response_times.rows[0]
        >>> row.table, row.country, row.responded.left_out == row.requests
        ('device', 'CN', True)
    """

    table: str
    country: str
    requests: int
    """The row's count of requests (exact: the table says how it is published)."""
    acknowledged: TimeFigures
    responded: TimeFigures


@attrs.frozen
class ResponseTimes:
    """The response times of a report: a row per category table and country, in table order.

    Example:
        >>> from transparency_core import build_report, reference_ledger, reference_period
        >>> report = build_report(reference_ledger(), reference_period(), response_times=True)
        >>> sorted({row.table for row in report.response_times.rows})
        ['account', 'device', 'financial_identifier']
    """

    rows: tuple[ResponseTime, ...]


@attrs.define
class _Cell:
    """The times of one table's row."""

    acknowledged: Counter[Fraction] = attrs.field(factory=Counter)
    responded: Counter[Fraction] = attrs.field(factory=Counter)
    acknowledged_left_out: int = 0
    responded_left_out: int = 0

    def add(self, other: _Cell) -> None:
        """Add the times of ``other``."""
        self.acknowledged.update(other.acknowledged)
        self.responded.update(other.responded)
        self.acknowledged_left_out += other.acknowledged_left_out
        self.responded_left_out += other.responded_left_out


def _figures(times: Counter[Fraction], left_out: int, *, withheld: bool) -> TimeFigures:
    counted = sum(times.values())
    if withheld:
        return TimeFigures(None, counted=0, left_out=0, withheld=True)
    return TimeFigures(median(times), counted=counted, left_out=left_out)


@attrs.define
class TimeTally:
    """The times of a ledger (or a part), by category table and country: mergeable."""

    cells: dict[tuple[str, str], _Cell] = attrs.field(factory=dict)

    @classmethod
    def of(cls, requests: Iterable[Request]) -> TimeTally:
        """The times of ``requests``, the requests counted in their categories' tables."""
        tally = cls()
        for request in requests:
            key = (request.category, request.country)
            cell = tally.cells.get(key) or tally.cells.setdefault(key, _Cell())
            if request.acknowledged is None:
                cell.acknowledged_left_out += 1
            else:
                cell.acknowledged[elapsed(request.received, request.acknowledged)] += 1
            if request.responded is None:
                cell.responded_left_out += 1
            else:
                cell.responded[elapsed(request.received, request.responded)] += 1
        return tally

    def merge(self, other: TimeTally) -> TimeTally:
        """The times of both parts."""
        merged = TimeTally()
        for part in (self, other):
            for key, cell in part.cells.items():
                merged.cells.setdefault(key, _Cell()).add(cell)
        return merged

    def times(self, tables: Iterable[Table]) -> ResponseTimes:
        """The rows of the published category ``tables`` (in their order), with medians.

        Under a disclosure policy, a row whose requests with a time, or without, the
        policy would band or suppress is withheld: its counts are counts of requests.
        """
        rows = []
        for table in tables:
            for row in table.rows:
                cell = self.cells.get((table.key, row.country))
                if cell is None:
                    continue
                requests = sum(cell.acknowledged.values()) + cell.acknowledged_left_out
                withheld = any(figure.withheld for figure in row.cells) or _too_few(
                    table.disclosure, cell
                )
                rows.append(
                    ResponseTime(
                        table.key,
                        row.country,
                        requests,
                        _figures(cell.acknowledged, cell.acknowledged_left_out, withheld=withheld),
                        _figures(cell.responded, cell.responded_left_out, withheld=withheld),
                    )
                )
        return ResponseTimes(tuple(rows))


def _too_few(disclosure: Disclosure | None, cell: _Cell) -> bool:
    """Whether ``disclosure`` would band or suppress a count of the row's requests by time."""
    if disclosure is None:
        return False
    counts = (
        sum(cell.acknowledged.values()),
        cell.acknowledged_left_out,
        sum(cell.responded.values()),
        cell.responded_left_out,
    )
    return any(not isinstance(disclosure.publish(count), int) for count in counts)
