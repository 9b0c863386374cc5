"""Disclosure policies: counts published as bands, or suppressed when small.

US national-security demands may only be published in bands (50 U.S.C. 1874: widths of
1000, 500, 250 or 100); Apple uses 250, later 500, and raises the lower bound to a known
minimum ("5 - 499"). Google once left out countries with fewer than 30 requests. The
report keeps every exact count and its ids, for audit; a policy decides what is
*published*: :attr:`Figure.shown`.

References:
    50 U.S.C. 1874, public reporting by persons subject to orders.
    Apple Transparency Report, national security requests, 2013 H1 to 2024 H2.
"""

from __future__ import annotations

import attrs

from transparency_core.exceptions import FieldError

__all__ = [
    "BAND_WIDTHS",
    "WITHHELD",
    "Band",
    "Banding",
    "Disclosure",
    "Suppressed",
    "Suppression",
    "Withheld",
]

BAND_WIDTHS = frozenset({100, 250, 500, 1000})
"""The band widths 50 U.S.C. 1874 allows."""


@attrs.frozen
class Band:
    """A count published as a range, ``low`` to ``high`` inclusive: "250 - 499".

    Example:
        >>> Banding(250).publish(312)
        Band(low=250, high=499)
    """

    low: int
    high: int


@attrs.frozen
class Suppressed:
    """A count below ``threshold``, published as such and not as a number.

    Example:
        >>> Suppression(30).publish(12), Suppression(30).publish(45)
        (Suppressed(threshold=30), 45)
    """

    threshold: int


@attrs.frozen
class Withheld:
    """A count withheld so that a banded or suppressed one cannot be computed from it.

    Complementary suppression: with Table 4's shares and one of two legal process types
    published, the other would be the whole less the one, so the shares are withheld
    too. Below, India sent 12 device requests, 11 on other court orders and 1 on an
    investigation order, suppressed: published, the 11 would tell a reader that at most
    one was on an investigation order, so they are withheld. A withheld figure says
    nothing of its value, not even a range.

    Example:
        >>> from datetime import date
        >>> from transparency_core import (
        ...     Identifier, Outcome, ReportingPeriod, Request, Response, build_report)
        >>> requests = [
        ...     Request(id=f"IN-{n}", received=date(2020, 3, 2), country="IN",
        ...             category="device", identifiers=[Identifier("imei", f"35693803564380{n}")],
        ...             response=Response(Outcome.NO_DATA),
        ...             legal_process="other_court_order" if n else "investigation_order")
        ...     for n in range(12)
        ... ]
        >>> report = build_report(requests, ReportingPeriod.calendar_year(2020),
        ...                       disclosure=Suppression(10))
        >>> [(cell.value, cell.shown) for cell in report.table("legal_process").rows[0].cells]
        [(1, Suppressed(threshold=10)), (11, Withheld())]
        >>> [cell.value for cell in report.table("legal_process").rows[1].cells]
        [None, None]
    """


WITHHELD = Withheld()
"""The one :class:`Withheld` marker."""


@attrs.frozen
class Banding:
    """Publish every count as the band of ``width`` it falls in.

    ``minimum``, when known, raises the lower bound of the band: "5 - 499".

    Example:
        >>> Banding(500).publish(312)
        Band(low=0, high=499)
        >>> Banding(500, minimum=5).publish(312)
        Band(low=5, high=499)
        >>> Banding(250).publish(13255)
        Band(low=13250, high=13499)
    """

    width: int
    minimum: int | None = None

    def __attrs_post_init__(self) -> None:
        """The width is one the law allows; a minimum is not negative."""
        if self.width not in BAND_WIDTHS:
            raise FieldError("width", "one of 100, 250, 500, 1000 (50 U.S.C. 1874)", self.width)
        if self.minimum is not None and self.minimum < 0:
            raise FieldError("minimum", "a count of 0 or more", self.minimum)

    def publish(self, value: int) -> Band:
        """The band ``value`` falls in, its lower bound raised to the known minimum."""
        low = value // self.width * self.width
        high = low + self.width - 1
        if self.minimum is not None and low < self.minimum <= value:
            low = self.minimum
        return Band(low, high)


@attrs.frozen
class Suppression:
    """Publish counts below ``threshold`` as :class:`Suppressed`, the rest exactly.

    Example:
        >>> Suppression(30).publish(12)
        Suppressed(threshold=30)
        >>> Suppression(30).publish(30)
        30
    """

    threshold: int

    def __attrs_post_init__(self) -> None:
        """A threshold of 1 or more."""
        if self.threshold < 1:
            raise FieldError("threshold", "a count of 1 or more", self.threshold)

    def publish(self, value: int) -> int | Suppressed:
        """``value`` itself, or :class:`Suppressed` when it is below the threshold."""
        return Suppressed(self.threshold) if value < self.threshold else value


Disclosure = Banding | Suppression
