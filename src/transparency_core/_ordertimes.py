"""The DSA orders and response times of the requests a report counts, tallied.

:class:`~transparency_core.Subtotals` (and each period of a series) keeps them beside
its counts: the orders among the requests counted in their tables, and, when asked
for, their response times.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transparency_core._dsa import OrderTally
from transparency_core._times import TimeTally

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from transparency_core._count import Tabulation
    from transparency_core._model import Request
    from transparency_core._period import ReportingPeriod
    from transparency_core._subjects import SubjectCounting

__all__ = ["tallies"]


def tallies(
    requests: Mapping[str, Request],
    period: ReportingPeriod,
    counting: Tabulation,
    subjects: SubjectCounting,
    *,
    times: bool,
) -> dict[str, Any]:
    """The DSA orders and (with ``times``) the response times of the requests counted.

    The keywords ``orders`` and ``times`` of :class:`Subtotals`.
    """
    return {
        "orders": OrderTally.of(
            _counted(requests, period, counting, orders=True), subjects.counter
        ),
        "times": TimeTally.of(_counted(requests, period, counting) if times else ()),
    }


def _counted(
    requests: Mapping[str, Request],
    period: ReportingPeriod,
    counting: Tabulation,
    *,
    orders: bool = False,
) -> Iterator[Request]:
    """The requests that ``counting`` counted in their tables (only DSA orders: ``orders``)."""
    return (
        request
        for request in requests.values()
        if (not orders or request.dsa_order is not None)
        and request.received in period
        and request.category in counting.tabulated
    )
