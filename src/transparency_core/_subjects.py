"""The policy of what a request's subjects are: distinct devices or accounts, or identifiers.

Reports differ here. The seed (Xiaomi) counts "the number of devices identified in each
request": several identifiers of one device or account are one (rule 4). Apple counts
the identifiers specified ("Devices Specified in Requests"): every distinct identifier
a request names, whatever device or account it belongs to.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from transparency_core._packed import SUBJECTS

if TYPE_CHECKING:
    from collections.abc import Callable

    from transparency_core._model import Request

__all__ = ["SubjectCounting"]


def _identifiers(request: Request) -> int:
    """The distinct identifiers a request names (one listed twice is one)."""
    return len(request.identifiers) - len(request.repeated_identifiers)


class SubjectCounting(enum.StrEnum):
    """What the subjects columns count in each request: devices or accounts, or identifiers.

    Example:
        >>> from datetime import date
        >>> from transparency_core import Identifier, Outcome, Request, Response
        >>> request = Request(
        ...     id="IN-1", received=date(2020, 3, 2), country="IN", category="device",
        ...     identifiers=[Identifier("imei", "490154203237518", subject="phone-1"),
        ...                  Identifier("serial_number", "R58M42XKQ3", subject="phone-1")],
        ...     response=Response(Outcome.REJECTED),
        ... )
        >>> SubjectCounting.DISTINCT.counter(request), SubjectCounting.IDENTIFIERS.counter(request)
        (1, 2)
    """

    DISTINCT = "distinct"
    """Distinct devices, financial identifiers or accounts (``subject``): the seed's rule 4."""
    IDENTIFIERS = "identifiers"
    """Every distinct identifier named: Apple's "devices specified"."""

    @property
    def counter(self) -> Callable[[Request], int]:
        """The function that counts a request's subjects under this policy."""
        return _SUBJECT_COUNT if self is SubjectCounting.DISTINCT else _identifiers


_SUBJECT_COUNT: Callable[[Request], int] = SUBJECTS
