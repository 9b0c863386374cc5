"""A report's figures: a count with the ids behind it, and a percentage of two of them.

Every number a table holds is one of these (:mod:`transparency_core._report`), so that a
published figure can be traced back to the records behind it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from transparency_core._disclosure import Band, Suppressed, Withheld

__all__ = ["Figure", "Percentage"]


@attrs.frozen
class Figure:
    """A count and the ids of the requests behind it, sorted.

    Example:
        >>> Figure(2, ("CN-1", "CN-2")).value
        2
    """

    value: int
    ids: tuple[str, ...] = ()
    shown: Band | Suppressed | Withheld | None = None
    """What may be published instead of the exact value, under a disclosure policy
    (see :class:`Banding`, :class:`Suppression`), or :class:`Withheld` when the value
    would give a banded or suppressed figure away; ``None`` publishes the value."""

    @property
    def withheld(self) -> bool:
        """Whether the exact value must not be published (banded, suppressed, withheld)."""
        return self.shown is not None


@attrs.frozen
class Percentage:
    """A part of a whole, as an exact ratio and as the rounded percentage shown.

    ``value`` is ``None`` for a blank cell: a whole of zero (under the default policy),
    or a part or whole that a disclosure policy bands or suppresses.

    Example:
        >>> from decimal import Decimal
        >>> share = Percentage(Figure(19), Figure(24), Decimal(79))
        >>> share.ratio
        Fraction(19, 24)
    """

    part: Figure
    whole: Figure
    value: Decimal | None

    @property
    def withheld(self) -> bool:
        """Whether it must not be published: its part or its whole is withheld.

        Example:
            >>> from transparency_core import Suppressed
            >>> Percentage(Figure(3, shown=Suppressed(10)), Figure(24), None).withheld
            True
        """
        return self.part.withheld or self.whole.withheld

    @property
    def ratio(self) -> Fraction | None:
        """The exact ratio of part to whole, or ``None`` when the whole is zero."""
        if self.whole.value == 0:
            return None
        return Fraction(self.part.value, self.whole.value)
