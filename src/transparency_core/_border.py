"""The cross-border figures: whether their total narrows a country's withheld one past its band.

The total is published with the countries' figures; where it would let a reader tell
more of a withheld country's figure than its band, it is shown as withheld only
(:func:`~transparency_core._publish.publish`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transparency_core._exposure import known_range

if TYPE_CHECKING:
    from transparency_core._report import CrossBorder

__all__ = ["narrows"]


def narrows(border: CrossBorder) -> bool:
    """Whether the cross-border total narrows a country's withheld figure past its band.

    The total is the sum of the countries' figures: with it, a country's figure is at
    least the least the total can be less the most the others can be, and at most the
    most the total can be less the least they can be (two countries "< 10" and a total
    of 18 are 9 each; two listed countries and a total "< 8" are at most 6 each). A
    listed country has one cross-border request at least (rule 8), so "< 10" is 1 to 9.
    """
    total_low, total_high = known_range(border.total)
    bounds = [
        (max(low, 1), high)
        for low, high in (known_range(figure) for _, figure in border.by_country)
    ]
    for at, (_, figure) in enumerate(border.by_country):
        if not figure.withheld:
            continue  # published: nothing to narrow
        low, high = bounds[at]
        if high is None:
            return True  # shown as withheld only: its band is not the reader's to use
        others = bounds[:at] + bounds[at + 1 :]
        most = [other_high for _, other_high in others]
        at_least = total_low - sum(h for h in most if h is not None) if None not in most else 0
        at_most = None if total_high is None else total_high - sum(o for o, _ in others)
        if at_least > low or (at_most is not None and at_most < high):
            return True
    return False
