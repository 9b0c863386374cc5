"""Percentages: exact ratios, rounded once, by a named rule.

"Percentages are exact ratios rounded once, at the end: whole percent, half up, by
default." Rounding here is integer arithmetic on a :class:`~fractions.Fraction`; the
result is a :class:`~decimal.Decimal` built digit by digit, so neither floats nor the
ambient decimal context ever decide a figure. babel only formats the result.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs

from transparency_core.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["RoundingMode", "RoundingPolicy", "ZeroDenominator"]


class RoundingMode(enum.StrEnum):
    """How a percentage that falls between two printable values is rounded.

    Example:
        >>> from fractions import Fraction
        >>> [RoundingPolicy(mode=mode).percent(Fraction(189, 200)) for mode in RoundingMode]
        [Decimal('95'), Decimal('94'), Decimal('94'), Decimal('95')]
    """

    HALF_UP = "half_up"
    """Halves go up: 94.5 -> 95. What Apple, Google and Meta print."""
    HALF_EVEN = "half_even"
    """Halves to the even neighbour: 94.5 -> 94, 95.5 -> 96 (babel's default)."""
    FLOOR = "floor"
    """Always down: 94.9 -> 94."""
    CEILING = "ceiling"
    """Always up: 94.1 -> 95."""


class ZeroDenominator(enum.StrEnum):
    """What a percentage of nothing (0 of 0 requests) shows.

    Example:
        >>> RoundingPolicy().percent(None), RoundingPolicy(zero_denominator="zero").percent(None)
        (None, Decimal('0'))
    """

    BLANK = "blank"
    """No value: the cell is empty, as in Apple's reports."""
    ZERO = "zero"
    """Zero, as in Google's reports."""


def _round_half(quotient: int, remainder: int, denominator: int, *, even: bool) -> int:
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and (not even or quotient % 2)):
        return quotient + 1
    return quotient


def _mode(value: RoundingMode | str) -> RoundingMode:
    return _member(RoundingMode, "mode", value)


def _zero_denominator(value: ZeroDenominator | str) -> ZeroDenominator:
    return _member(ZeroDenominator, "zero_denominator", value)


_Member = TypeVar("_Member", bound=enum.StrEnum)


def _member(kind: type[_Member], field: str, value: _Member | str) -> _Member:
    """``value`` as a member of ``kind``: a member, or its value ("half_even")."""
    try:
        return kind(value)
    except ValueError:
        expected = "one of " + ", ".join(member.value for member in kind)
        raise FieldError(field, expected, value) from None


@attrs.frozen
class RoundingPolicy:
    """How percentages are rounded and shown.

    Example:
        >>> from fractions import Fraction
        >>> RoundingPolicy().percent(Fraction(189, 200))
        Decimal('95')
        >>> RoundingPolicy(mode=RoundingMode.HALF_EVEN).percent(Fraction(189, 200))
        Decimal('94')
        >>> RoundingPolicy(places=2).percent(Fraction(3738, 7210))
        Decimal('51.84')
        >>> RoundingPolicy().percent(None) is None
        True
        >>> RoundingPolicy(mode="floor").mode
        <RoundingMode.FLOOR: 'floor'>
    """

    MOST_PLACES: ClassVar[int] = 10
    """The most decimal places a percentage is printed to: one in ten billion of a
    percent is finer than any report needs, and more would only cost time and memory."""

    places: int = 0
    """Decimal places of the percentage: 0 for whole percent, at most :attr:`MOST_PLACES`."""
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=_mode)
    """How a value between two printable ones is rounded."""
    zero_denominator: ZeroDenominator = attrs.field(
        default=ZeroDenominator.BLANK, converter=_zero_denominator
    )
    """What a percentage of zero requests shows."""
    apportion: bool = False
    """Whether shares of one whole (Table 4's legal process types, the outcome
    breakdown) are apportioned so that they sum to exactly 100 (:meth:`shares`)."""

    def __attrs_post_init__(self) -> None:
        """Places is a whole number from 0 to :attr:`MOST_PLACES`."""
        if (
            isinstance(self.places, bool)
            or not isinstance(self.places, int)
            or not 0 <= self.places <= self.MOST_PLACES
        ):
            expected = f"a whole number of decimal places, 0 to {self.MOST_PLACES}"
            raise FieldError("places", expected, self.places)

    def percent(self, ratio: Fraction | None) -> Decimal | None:
        """Return ``ratio`` as a percentage rounded by this policy.

        ``None`` stands for a ratio with a zero denominator: it gives ``None`` (a blank
        cell) or zero, as :attr:`zero_denominator` says.
        """
        if ratio is None:
            if self.zero_denominator is ZeroDenominator.ZERO:
                return Decimal((0, (0,), -self.places))
            return None
        scaled = ratio * 100 * 10**self.places
        quotient, remainder = divmod(scaled.numerator, scaled.denominator)
        if remainder:
            match self.mode:
                case RoundingMode.HALF_UP:
                    quotient = _round_half(quotient, remainder, scaled.denominator, even=False)
                case RoundingMode.HALF_EVEN:
                    quotient = _round_half(quotient, remainder, scaled.denominator, even=True)
                case RoundingMode.CEILING:
                    quotient += 1
                case RoundingMode.FLOOR:
                    pass
        return self._decimal(quotient)

    def _decimal(self, units: int) -> Decimal:
        """``units`` of the last place as a Decimal: 9450 at two places is 94.50."""
        sign = 0 if units >= 0 else 1
        digits = tuple(int(digit) for digit in str(abs(units)))
        return Decimal((sign, digits, -self.places))

    def shares(self, parts: Sequence[int]) -> tuple[Decimal | None, ...]:
        """Percentages of ``parts`` of one whole (their sum).

        Without :attr:`apportion`, each is rounded on its own by :meth:`percent`, and
        they may sum to 99 or 101. With it, they are apportioned by the largest
        remainder method and sum to exactly 100: each part gets its share rounded down,
        and the units left over go one each to the parts with the largest remainders.
        Ties go to the larger part, then to the earlier part, so the result depends on
        nothing but the counts and their order.

        Example:
            >>> RoundingPolicy().shares([1, 1, 1])
            (Decimal('33'), Decimal('33'), Decimal('33'))
            >>> RoundingPolicy(apportion=True).shares([1, 1, 1])
            (Decimal('34'), Decimal('33'), Decimal('33'))
        """
        whole = sum(parts)
        if not self.apportion or whole == 0:
            return tuple(self.percent(Fraction(part, whole) if whole else None) for part in parts)
        scale = 100 * 10**self.places
        floors = [part * scale // whole for part in parts]
        remainders = [part * scale % whole for part in parts]
        order = sorted(range(len(parts)), key=lambda i: (-remainders[i], -parts[i], i))
        for index in order[: scale - sum(floors)]:
            floors[index] += 1
        return tuple(self._decimal(units) for units in floors)
