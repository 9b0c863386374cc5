"""What the rows listed alone say of a figure: the least it can be.

A reader knows, without any figure, that each listed row holds one request at least
(rule 8). A withheld figure that counts every request a row could hold is at least 1,
and one that counts the requests of two such rows, with none in common, at least 2. The
check of bounds (:mod:`transparency_core._bounds`) need not keep a figure free below
that. It is worked out over every kind of request the country could have sent (the
catalogue of :mod:`transparency_core._possible`), not only the kinds the ledger holds:
a reader does not know those.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from transparency_core._simplex import Polytope

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from transparency_core._count import Signature

__all__ = ["least"]


def least(
    counted: Callable[[Signature], bool],
    rows: Sequence[Callable[[Signature], bool]],
    could: Sequence[Signature],
) -> Fraction:
    """The least a figure counting the requests ``counted`` can be, each of ``rows`` holding one.

    ``could`` are the signatures the country's requests could have.

    Example:
        >>> could = [("device", 0, None, False, ()), ("account", 0, None, False, ())]
        >>> every = lambda signature: True
        >>> device = lambda signature: signature[0] == "device"
        >>> account = lambda signature: signature[0] == "account"
        >>> least(every, [device, account], could), least(device, [device, account], could)
        (Fraction(2, 1), Fraction(1, 1))
        >>> least(device, [every], could)  # the row's request may be an account's
        Fraction(0, 1)
    """
    inside = [
        row
        for row in rows
        if any(row(signature) for signature in could)
        and all(counted(signature) for signature in could if row(signature))
    ]
    if not inside:
        return Fraction(0)
    patterns = sorted(
        {
            frozenset(at for at, row in enumerate(inside) if row(signature))
            for signature in could
            if counted(signature)
        }
        - {frozenset()},
        key=sorted,
    )
    size = len(patterns)
    equations = [
        ({**{p: 1 for p, pattern in enumerate(patterns) if at in pattern}, size + at: -1}, 1)
        for at in range(len(inside))
    ]
    found = Polytope(equations, size + len(inside)).least(dict.fromkeys(range(size), 1))
    return Fraction(0) if found is None else found[0]
